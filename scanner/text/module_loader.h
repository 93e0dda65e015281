// Optional parts loaded when first needed: PDF text (poppler) and git sources
// (libgit2) live in modules of their own, oblige-pdf.so and oblige-git.so, so
// that the 48 shared libraries they pull in are not loaded and bound by every
// run (5 ms of a 6.5 ms `oblige --version`; a pre-commit hook runs oblige on
// every commit).
//
// A module is looked for, in this order, only in:
//   - the build folder, when the running program is inside it (the binary,
//     the tests and the fuzzers of a build);
//   - ../LIBDIR/oblige/ next to the program's folder, as `cmake --install`
//     and the .deb put it (/usr/bin/oblige -> /usr/lib/oblige/).
// Never the current folder, never LD_LIBRARY_PATH: a scanned tree cannot
// plant a module. Loaded once, never unloaded (objects it made may outlive
// any caller).
#pragma once

#include <string>
#include <string_view>

namespace oblige::text {

// The address of `symbol` in module `file_name` ("oblige-pdf.so"), or null
// with `error` saying what went wrong (not found where looked, or dlerror()).
// Thread-safe; each module is opened at most once per process.
void* module_symbol(const std::string& file_name, const char* symbol, std::string* error);

// Where module `file_name` would be loaded from, or "" when it is in none of
// the places above. Looks only (no loading): for `oblige --version`.
std::string module_path(const std::string& file_name);

}  // namespace oblige::text
