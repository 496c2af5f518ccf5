#include "chemsafe/auth/token.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "chemsafe/auth/internal/base64url.h"

namespace chemsafe::auth {

namespace internal {

std::string Base64UrlNoPad(std::span<const std::uint8_t> bytes) {
  // RFC 4648 Table 2: the URL and filename safe alphabet.
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (std::uint32_t{bytes[i]} << 16) | (std::uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    out += kAlphabet[(group >> 18) & 0x3F];
    out += kAlphabet[(group >> 12) & 0x3F];
    out += kAlphabet[(group >> 6) & 0x3F];
    out += kAlphabet[group & 0x3F];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = std::uint32_t{bytes[i]} << 16;
    if (rest == 2) group |= std::uint32_t{bytes[i + 1]} << 8;
    out += kAlphabet[(group >> 18) & 0x3F];
    out += kAlphabet[(group >> 12) & 0x3F];
    if (rest == 2) out += kAlphabet[(group >> 6) & 0x3F];
  }
  return out;
}

}  // namespace internal

std::string RandomToken(std::size_t bytes) {
  std::vector<std::uint8_t> random(std::clamp<std::size_t>(bytes, kMinTokenBytes, INT_MAX));
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    std::fputs("chemsafe: OpenSSL RAND_bytes failed; refusing to issue a predictable token\n", stderr);
    std::abort();
  }
  return internal::Base64UrlNoPad(random);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace chemsafe::auth
