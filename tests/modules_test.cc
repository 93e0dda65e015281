// The optional modules (scanner/text/module_loader.h), through a copy of the
// real binary installed by hand outside the build folder: they are looked
// for beside it in lib/oblige/ and nowhere else, a scanned folder or
// LD_LIBRARY_PATH cannot plant one, and a missing module is a clear finding.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using namespace oblige::testing;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("modules are found beside the installed binary only, never planted by a scanned tree",
          "[modules]") {
  TempDir root;
  const fs::path bin = root.path() / "bin", work = root.path() / "work";
  fs::create_directories(bin);
  fs::copy_file(oblige_binary(), bin / "oblige");
  root.write("work/LICENSE.pdf", make_pdf("Permission is hereby granted, free of charge."));
  // Planted: in the scanned folder (also the working folder and on
  // LD_LIBRARY_PATH), and beside the binary itself. Loading any of them would
  // fail with "invalid ELF header".
  root.write("work/oblige-pdf.so", "not a shared object");
  root.write("bin/oblige-pdf.so", "not a shared object");
  const std::string scan = "cd " + quoted(work) + " && LD_LIBRARY_PATH=" + quoted(work) + " " +
                           quoted(bin / "oblige") + " scan . --format json --fail-on none";
  // --version says what is missing, without loading anything.
  CHECK(run_shell(quoted(bin / "oblige") + " --version")
            .out.find("modules oblige-pdf.so (not found) oblige-git.so (not found)\n") !=
        std::string::npos);
  const CommandResult missing = run_shell(scan);
  INFO(missing.err);
  INFO(missing.out.substr(0, 3000));
  REQUIRE(missing.exit_code == 0);
  const std::string expected = "oblige-pdf.so is not installed (looked for " +
                               (bin / ".." / "lib" / "oblige" / "oblige-pdf.so").string() + ")";
  INFO(expected);
  bool told = false;
  const json report = json::parse(missing.out);  // outlives the loop over its findings
  for (const json& f : report["targets"][0]["findings"]) {
    const std::string message = f["message"];
    CHECK(message.find("ELF") == std::string::npos);
    told = told || (f["file"] == "LICENSE.pdf" && message.find(expected) != std::string::npos);
  }
  CHECK(told);
  // --rev without oblige-git.so: a clear error, exit 2.
  const CommandResult git = run_shell("cd " + quoted(work) + " && git init -q . && " +
                                      quoted(bin / "oblige") + " scan --rev HEAD");
  CHECK(git.exit_code == 2);
  CHECK(git.err.find("git sources cannot be read: oblige-git.so is not installed") !=
        std::string::npos);

  // Installed where it belongs, the module is used.
  fs::create_directories(root.path() / "lib" / "oblige");
  fs::copy_file(fs::path(oblige_binary()).parent_path() / "oblige-pdf.so",
                root.path() / "lib" / "oblige" / "oblige-pdf.so");
  CHECK(run_shell(quoted(bin / "oblige") + " --version")
            .out.find("modules oblige-pdf.so oblige-git.so (not found)\n") != std::string::npos);
  const CommandResult found = run_shell(scan);
  REQUIRE(found.exit_code == 0);
  bool read_as_pdf = false;
  const json with_module = json::parse(found.out);
  for (const json& f : with_module["targets"][0]["files"])
    read_as_pdf = read_as_pdf || (f["path"] == "LICENSE.pdf" && f["encoding"] == "pdf");
  CHECK(read_as_pdf);
}
