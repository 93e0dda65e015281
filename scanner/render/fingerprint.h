// Fingerprints: a finding's identity that survives edits elsewhere in the
// file. GitHub code scanning matches alerts across runs by
// partialFingerprints; ours hashes what the finding is about (rule, license,
// clause, the matched words; the path for findings about a file itself),
// never its line number, so adding lines above a clause keeps the alert, and
// a different clause gets a new one. GitHub keys alerts on the path as well.
#pragma once

#include <string>
#include <string_view>

namespace oblige::render {

// 16 hex digits of a 64-bit FNV-1a hash of the parts, joined with NULs.
std::string fingerprint(std::initializer_list<std::string_view> parts);

}  // namespace oblige::render
