// Passwords of platform accounts (issue 4): the complexity policy a new password must meet, and its storage
// as an Argon2id hash in the PHC string format.
//
// Pure: no files, no clock (the policy's durations are data for the service that keeps the failure counts
// and sessions). The random salt comes from OpenSSL's RAND_bytes, which is thread-safe in OpenSSL 3. Safe to
// call concurrently. Messages never contain the password.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "chemsafe/core/result.h"
#include "chemsafe/core/status.h"

namespace chemsafe::auth {

// The default is the 等保 level-3 profile. GB/T 22239-2019 §8.1.4.1 (level 3, 安全计算环境, 身份鉴别) a) asks
// that authentication information have complexity requirements, b) that login failures be handled by ending
// the session, limiting illegal login attempts and logging out a connection that times out. The standard
// gives no numbers; the defaults are the values commonly configured for a level-3 assessment:
//   - length counted in Unicode code points of the UTF-8 text, so "安全生产法Ab1" is 8 characters;
//   - character classes: ASCII lower-case letters, ASCII upper-case letters, ASCII digits, and other
//     characters (punctuation, space, any non-ASCII code point such as 汉字);
//   - max_failures consecutive failures lock the account for `lockout`; a session idle for `idle_timeout`
//     ends. CheckPasswordPolicy uses only the first two; the others are read by the session service.
struct PasswordPolicy {
  int min_length = 8;                     // code points; default 8
  int min_character_classes = 3;          // of the four classes above; default 3
  int max_failures = 5;                   // consecutive failed logins before a lockout; default 5
  std::chrono::minutes lockout{15};       // default 15 min
  std::chrono::minutes idle_timeout{30};  // default 30 min
};

// OK when `password` is valid UTF-8 with at least policy.min_length code points and
// policy.min_character_classes classes. Otherwise InvalidArgument naming everything that is missing, joined
// by "; ", e.g. "password: at least 8 characters; password: needs 3 of: lower-case letters, upper-case
// letters, digits, other characters", or "password: not valid UTF-8". InvalidArgument "password policy: ..."
// when min_length < 1 or min_character_classes is outside 0..4 (no password could meet it).
Status CheckPasswordPolicy(std::string_view password, const PasswordPolicy& policy);

// Argon2id cost parameters. RFC 9106 §4: "If much less memory is available, a uniformly safe option is
// Argon2id with t=3 iterations, p=4 lanes, m=2^(16) (64 MiB of RAM), 128-bit salt, and 256-bit tag size.
// This is the SECOND RECOMMENDED option." We take it with p=1 lane: libargon2 runs one thread per lane, the
// server already hashes concurrently across requests, and the attacker's cost (memory x passes) is the same.
struct Argon2idParams {
  std::uint32_t time_cost = 3;       // passes over memory; default 3
  std::uint32_t memory_kib = 65536;  // KiB; default 64 MiB
  std::uint32_t parallelism = 1;     // lanes; default 1
  std::uint32_t salt_bytes = 16;     // default 128 bits
  std::uint32_t hash_bytes = 32;     // tag length; default 256 bits
};

// The Argon2id (version 0x13) hash of `password` with a fresh salt from RAND_bytes, as the PHC string
// "$argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>" (base64 without padding), which carries its own
// parameters so that VerifyPassword needs nothing else. InvalidArgument when libargon2 refuses the
// parameters (e.g. time_cost 0, salt under 8 bytes, memory under 8 KiB per lane); ResourceExhausted when the
// memory cannot be allocated; Internal when RAND_bytes fails. Takes about 0.1-0.3 s at the defaults.
Result<std::string> HashPassword(std::string_view password, const Argon2idParams& params = {});

// Whether `password` hashes to `encoded` (a string made by HashPassword, with the parameters it names); the
// tags are compared in constant time by libargon2. InvalidArgument when `encoded` is not an argon2id PHC
// string libargon2 can decode. `encoded` is trusted input (it comes from the account store): its m= is
// allocated as given.
Result<bool> VerifyPassword(std::string_view password, std::string_view encoded);

}  // namespace chemsafe::auth
