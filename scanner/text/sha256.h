// SHA-256 (FIPS 180-4) of a byte string, as 64 lower-case hex digits: the
// hash of each license file that reports such as CycloneDX carry, computed
// on the bytes as read from disk (before decoding); and the raw digest.
#pragma once

#include <string>
#include <string_view>

namespace oblige::text {

std::string sha256_hex(std::string_view bytes);

// The same hash as its 32 raw bytes (a Content-Security-Policy source is
// their base64).
std::string sha256_digest(std::string_view bytes);

// The same digest by the portable code alone, and whether sha256_digest uses
// the CPU's SHA extensions instead (tests compare the two).
std::string sha256_digest_portable(std::string_view bytes);
bool sha256_uses_cpu_extensions();

}  // namespace oblige::text
