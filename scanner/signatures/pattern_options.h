// The RE2 options every signature pattern is compiled with, in one place so
// the loader's checks and the matcher agree.
#pragma once

#include <re2/re2.h>

namespace oblige::signatures {

inline RE2::Options pattern_options() {
  RE2::Options options;
  options.set_case_sensitive(false);  // patterns may be written in any case
  options.set_log_errors(false);      // errors are reported, not logged
  // Each pattern is small; a small memory budget bounds its DFA cache, which
  // otherwise grows with every text it scans (peak memory, not speed). Every
  // pattern must compile within 128 KiB (the loader checks it); the scan tries
  // half of that first (identify/compiled_signatures.cc, bench/run.sh
  // section 3).
  options.set_max_mem(128 << 10);
  return options;
}

}  // namespace oblige::signatures
