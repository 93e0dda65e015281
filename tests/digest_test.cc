// The digests reports carry: SHA-256 as hex (CycloneDX hashes) and as base64
// of the raw digest (the HTML report's Content-Security-Policy sources),
// checked against the published test vectors (FIPS 180-4, RFC 4648).
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "scanner/text/base64.h"
#include "scanner/text/sha256.h"

using oblige::text::base64;
using oblige::text::sha256_digest;
using oblige::text::sha256_hex;

TEST_CASE("base64 follows RFC 4648's test vectors, padding included", "[digest]") {
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foob") == "Zm9vYg==");
  CHECK(base64("fooba") == "Zm9vYmE=");
  CHECK(base64("foobar") == "Zm9vYmFy");
  CHECK(base64(std::string("\xff\xfe\x00", 3)) == "//4A");
}

TEST_CASE("SHA-256 of the FIPS 180-4 examples, as hex and as a CSP source", "[digest]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_digest("abc").size() == 32);
  // What a browser computes for <script>abc</script>: 'sha256-<this>'.
  CHECK(base64(sha256_digest("abc")) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

TEST_CASE("SHA-256 with the CPU's SHA extensions equals the portable code at every length",
          "[digest]") {
  // Lengths around the block and padding boundaries, and a few large ones,
  // of bytes that are not text.
  std::string bytes;
  std::uint32_t x = 12345;
  for (int i = 0; i < 70000; ++i) {
    x = x * 1103515245u + 12345u;
    bytes += static_cast<char>(x >> 24);
  }
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 200; ++n) lengths.push_back(n);
  for (std::size_t n : {511, 512, 513, 4095, 4096, 4097, 65536, 70000}) lengths.push_back(n);
  for (std::size_t n : lengths) {
    INFO(n);
    const std::string_view part(bytes.data(), n);
    CHECK(sha256_digest(part) == oblige::text::sha256_digest_portable(part));
  }
  // Both against a published vector: one million 'a's (FIPS 180-4 examples).
  const std::string million(1000000, 'a');
  CHECK(sha256_hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  WARN("SHA extensions used: " << oblige::text::sha256_uses_cpu_extensions());
}
