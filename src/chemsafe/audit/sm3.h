// SM3, the Chinese cryptographic hash function of GB/T 32905-2016 (信息安全技术 SM3密码杂凑算法), which the
// 等保 and 密评 (GB/T 39786-2021) assessments expect for integrity protection; here it chains the audit trail.
//
// Computed by OpenSSL 3's EVP interface (EVP_sm3, in the default provider of Debian's OpenSSL 3.0), not by a
// local implementation. Pure: no files, no clock. Safe to call concurrently (each call has its own digest
// context; the fetched algorithm is shared read-only). An OpenSSL whose loaded providers lack SM3 (e.g. a
// FIPS-only configuration) is a deployment error: the first call aborts the process rather than return a
// wrong digest.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace chemsafe::audit {

// The 256-bit SM3 digest of `data`.
std::array<std::uint8_t, 32> Sm3(std::string_view data);

// The same digest as 64 lower-case hexadecimal digits.
std::string Sm3Hex(std::string_view data);

}  // namespace chemsafe::audit
