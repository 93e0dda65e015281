// Base64 (RFC 4648, with padding) of a byte string: the form a
// Content-Security-Policy hash source takes ('sha256-<base64 of the digest>').
#pragma once

#include <string>
#include <string_view>

namespace oblige::text {

std::string base64(std::string_view bytes);

}  // namespace oblige::text
