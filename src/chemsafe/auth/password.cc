#include "chemsafe/auth/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <limits>
#include <optional>
#include <vector>

namespace chemsafe::auth {
namespace {

// The length in code points of well-formed UTF-8 (RFC 3629 §4: no overlong forms, no surrogates, nothing
// above U+10FFFF), nullopt when `text` is not well-formed. `other` is set when a non-ASCII code point is seen.
std::optional<int> CodePoints(std::string_view text, bool& other) {
  int count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    other = true;
    std::size_t extra = 0;
    char32_t cp = 0, min = 0;
    if ((lead & 0xE0) == 0xC0) {
      extra = 1, cp = lead & 0x1Fu, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2, cp = lead & 0x0Fu, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3, cp = lead & 0x07u, min = 0x10000;
    } else {
      return std::nullopt;  // a continuation byte without a lead, or 0xF8..0xFF
    }
    if (text.size() - i <= extra) return std::nullopt;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cont & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += extra + 1;
  }
  return count;
}

Status ResourceExhausted(std::string message) { return {StatusCode::kResourceExhausted, std::move(message)}; }

}  // namespace

Status CheckPasswordPolicy(std::string_view password, const PasswordPolicy& policy) {
  if (policy.min_length < 1) return InvalidArgument("password policy: min_length must be at least 1");
  if (policy.min_character_classes < 0 || policy.min_character_classes > 4) {
    return InvalidArgument("password policy: min_character_classes must be 0 to 4");
  }
  bool lower = false, upper = false, digit = false, other = false;
  const std::optional<int> length = CodePoints(password, other);
  if (!length) return InvalidArgument("password: not valid UTF-8");
  for (char c : password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (static_cast<unsigned char>(c) < 0x80) other = true;
  }
  const int classes = int{lower} + int{upper} + int{digit} + int{other};
  std::string missing;
  if (*length < policy.min_length) {
    missing = "password: at least " + std::to_string(policy.min_length) + " characters";
  }
  if (classes < policy.min_character_classes) {
    if (!missing.empty()) missing += "; ";
    missing += "password: needs " + std::to_string(policy.min_character_classes) +
               " of: lower-case letters, upper-case letters, digits, other characters";
  }
  if (!missing.empty()) return InvalidArgument(std::move(missing));
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password, const Argon2idParams& params) {
  if (password.size() > std::numeric_limits<std::uint32_t>::max()) {
    return InvalidArgument("password: longer than Argon2 accepts (2^32-1 bytes)");
  }
  // RAND_bytes takes an int; libargon2 refuses salts over 2^32-1 bytes anyway.
  if (params.salt_bytes > static_cast<std::uint32_t>(std::numeric_limits<int>::max())) {
    return InvalidArgument("argon2id: salt_bytes too large");
  }
  std::vector<unsigned char> salt(params.salt_bytes);
  if (!salt.empty() && RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    return Internal("argon2id: no random salt (OpenSSL RAND_bytes failed)");
  }
  const std::size_t encoded_size = argon2_encodedlen(params.time_cost, params.memory_kib, params.parallelism,
                                                     params.salt_bytes, params.hash_bytes, Argon2_id);
  std::string encoded(encoded_size, '\0');  // argon2_encodedlen counts the terminating NUL
  const int rc = argon2id_hash_encoded(params.time_cost, params.memory_kib, params.parallelism, password.data(),
                                       password.size(), salt.data(), salt.size(), params.hash_bytes,
                                       encoded.data(), encoded.size());
  if (rc == ARGON2_MEMORY_ALLOCATION_ERROR) {
    return ResourceExhausted(std::string("argon2id: ") + argon2_error_message(rc));
  }
  if (rc != ARGON2_OK) return InvalidArgument(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

Result<bool> VerifyPassword(std::string_view password, std::string_view encoded) {
  constexpr std::string_view kPrefix = "$argon2id$";
  if (encoded.substr(0, kPrefix.size()) != kPrefix) {
    return InvalidArgument("password hash: not an argon2id PHC string");
  }
  if (password.size() > std::numeric_limits<std::uint32_t>::max()) return false;  // HashPassword refuses it
  const std::string terminated(encoded);  // libargon2 reads a NUL-terminated string
  const int rc = argon2id_verify(terminated.c_str(), password.data(), password.size());
  switch (rc) {
    case ARGON2_OK: return true;
    case ARGON2_VERIFY_MISMATCH: return false;
    case ARGON2_MEMORY_ALLOCATION_ERROR:
      return ResourceExhausted(std::string("argon2id: ") + argon2_error_message(rc));
    default:
      return InvalidArgument(std::string("password hash: not an argon2id PHC string (") +
                             argon2_error_message(rc) + ")");
  }
}

}  // namespace chemsafe::auth
