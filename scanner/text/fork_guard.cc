#include "scanner/text/fork_guard.h"

namespace oblige::text {

std::mutex& fork_guard() {
  static std::mutex guard;
  return guard;
}

}  // namespace oblige::text
