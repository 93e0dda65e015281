// The rule for tests that need ../shared/corpus: skipped when it is absent on
// a developer's machine, failed when it is absent in CI. Checked by running
// this very test binary on a corpus test with the corpus hidden
// (OBLIGE_CORPUS set to nothing).
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support.h"

using namespace oblige::testing;

TEST_CASE("corpus tests fail under CI, and only skip elsewhere, when the corpus is missing",
          "[ci]") {
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  REQUIRE(n > 0);
  const std::string binary(self, static_cast<std::size_t>(n));
  // (A name without commas: Catch reads a comma as "or".)
  const std::string test =
      " 'corpus: the real Tongyi Qianwen agreement gives its obligations at the right lines'";
  const auto in_ci = run_shell("CI=true OBLIGE_CORPUS= '" + binary + "'" + test);
  CHECK(in_ci.exit_code != 0);
  CHECK(in_ci.out.find("CI is set but ../shared/corpus") != std::string::npos);
  const auto local = run_shell("env -u CI OBLIGE_CORPUS= '" + binary + "'" + test);
  CHECK(local.exit_code == 0);
  CHECK(local.out.find("corpus test skipped") != std::string::npos);
}
