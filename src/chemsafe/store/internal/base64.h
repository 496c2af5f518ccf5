// Base64 (RFC 4648 §4) for bytes stored through the PostgreSQL driver (module-private): it sends parameters as
// NUL-terminated text, so binary columns travel as base64 and the server decodes them to BYTEA (decode/encode
// in the statements). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe::store::internal {

std::string Base64(std::string_view bytes);
// PostgreSQL's encode(…, 'base64') breaks lines every 76 characters: whitespace is skipped. Fails (Internal,
// naming `what`) on a character outside the alphabet.
Result<std::string> FromBase64(std::string_view text, std::string_view what);

}  // namespace chemsafe::store::internal
