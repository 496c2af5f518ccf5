#include "chemsafe/audit/sm3.h"

#include <openssl/evp.h>
#include <openssl/opensslconf.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#ifdef OPENSSL_NO_SM3
#error "chemsafe::audit needs an OpenSSL built with SM3 (GB/T 32905-2016)"
#endif

namespace chemsafe::audit {
namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "chemsafe: OpenSSL SM3 %s failed; the audit trail cannot be hashed\n", what);
  std::abort();
}

// Fetched once and kept for the life of the process: an implicit fetch on every call (EVP_sm3()) would
// search the loaded providers each time (crypto(7) of OpenSSL 3.0, "Performance": prefetch explicitly).
const EVP_MD* Sm3Md() {
  static const EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SM3", nullptr);
    if (fetched == nullptr) Die("EVP_MD_fetch");
    return fetched;
  }();
  return md;
}

struct FreeContext {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

}  // namespace

std::array<std::uint8_t, 32> Sm3(std::string_view data) {
  std::unique_ptr<EVP_MD_CTX, FreeContext> context(EVP_MD_CTX_new());
  if (!context) Die("EVP_MD_CTX_new");
  std::array<std::uint8_t, 32> digest{};
  unsigned int size = 0;
  if (EVP_DigestInit_ex(context.get(), Sm3Md(), nullptr) != 1) Die("EVP_DigestInit_ex");
  if (EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1) Die("EVP_DigestUpdate");
  if (EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1 || size != digest.size()) {
    Die("EVP_DigestFinal_ex");
  }
  return digest;
}

std::string Sm3Hex(std::string_view data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const std::array<std::uint8_t, 32> digest = Sm3(data);
  std::string hex;
  hex.reserve(2 * digest.size());
  for (std::uint8_t byte : digest) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0F];
  }
  return hex;
}

}  // namespace chemsafe::audit
