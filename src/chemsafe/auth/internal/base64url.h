// base64url without padding (RFC 4648 §5; the "=" padding omitted as §3.2 allows), the encoding of
// RandomToken. Module-private. Pure; safe to call concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace chemsafe::auth::internal {

// ceil(4n/3) characters of [A-Za-z0-9_-] for n bytes.
std::string Base64UrlNoPad(std::span<const std::uint8_t> bytes);

}  // namespace chemsafe::auth::internal
