// Random bearer tokens (session and API tokens of issue 4) and their comparison.
//
// Pure: no files, no clock. The bytes come from OpenSSL's RAND_bytes (a CSPRNG seeded by the OS), which is
// thread-safe in OpenSSL 3, so both functions are safe to call concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chemsafe::auth {

// Issue 4 asks for tokens of at least 128 bits; RandomToken never draws fewer.
inline constexpr std::size_t kMinTokenBytes = 16;

// max(bytes, kMinTokenBytes) random bytes as base64url without padding (RFC 4648 §5, "=" omitted as §3.2
// allows): 43 characters of [A-Za-z0-9_-] for the default 32 bytes (256 bits), ceil(4n/3) for n bytes.
// A failing RAND_bytes (an unseeded generator) aborts the process: there is no safe token to return, and a
// predictable one would be worse than stopping.
std::string RandomToken(std::size_t bytes = 32);

// Whether a and b are equal, in time that depends on their length but not on their contents
// (OpenSSL CRYPTO_memcmp), so comparing a presented token with a stored one reveals no prefix. False when the
// lengths differ; the length of a token is not a secret.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace chemsafe::auth
