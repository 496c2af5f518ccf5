// The password policy on made-up passwords, and Argon2id against published known answers: RFC 9106 §5.3
// (the raw tag, through libargon2's argon2_ctx, which HashPassword's argon2id_hash_encoded wraps) and the
// argon2id PHC string of the reference implementation's src/test.c (phc-winner-argon2, "password" with salt
// "somesalt", t=2, m=65536, p=1).
#include "chemsafe/auth/password.h"

#include <argon2.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

namespace chemsafe::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr std::string_view kTooShort = "password: at least 8 characters";
constexpr std::string_view kTooFewClasses =
    "password: needs 3 of: lower-case letters, upper-case letters, digits, other characters";

TEST(PasswordPolicy, DefaultsAreTheLevel3Profile) {
  const PasswordPolicy policy;
  EXPECT_EQ(policy.min_length, 8);
  EXPECT_EQ(policy.min_character_classes, 3);
  EXPECT_EQ(policy.max_failures, 5);
  EXPECT_EQ(policy.lockout, std::chrono::minutes(15));
  EXPECT_EQ(policy.idle_timeout, std::chrono::minutes(30));
}

TEST(PasswordPolicy, EightCharactersPassSevenDoNot) {
  const PasswordPolicy policy;
  EXPECT_TRUE(CheckPasswordPolicy("Abcdef12", policy).ok());
  const Status seven = CheckPasswordPolicy("Abcdef1", policy);
  EXPECT_EQ(seven.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(seven.message(), kTooShort);
}

TEST(PasswordPolicy, CountsCodePointsNotBytes) {
  const PasswordPolicy policy;
  // 7 code points in 15 bytes: too short although longer than 8 bytes.
  EXPECT_EQ(CheckPasswordPolicy("安全生产Ab1", policy).message(), kTooShort);
  // 8 code points: CJK (other), upper, lower, digit.
  EXPECT_TRUE(CheckPasswordPolicy("安全生产法Ab1", policy).ok());
  // 4-byte code points count once each: 😀 (U+1F600) x 5 + "aB" = 7.
  EXPECT_EQ(CheckPasswordPolicy("😀😀😀😀😀aB", policy).message(), kTooShort);
  EXPECT_TRUE(CheckPasswordPolicy("😀😀😀😀😀😀aB", policy).ok());
}

TEST(PasswordPolicy, NeedsThreeOfFourClasses) {
  const PasswordPolicy policy;
  EXPECT_EQ(CheckPasswordPolicy("abcdefgh", policy).message(), kTooFewClasses);  // lower
  EXPECT_EQ(CheckPasswordPolicy("abcdEFGH", policy).message(), kTooFewClasses);  // lower, upper
  EXPECT_EQ(CheckPasswordPolicy("12345678", policy).message(), kTooFewClasses);  // digits
  EXPECT_EQ(CheckPasswordPolicy("危险化学品安全管理", policy).message(), kTooFewClasses);  // other
  EXPECT_EQ(CheckPasswordPolicy("!@#$%^&*", policy).message(), kTooFewClasses);  // other
  EXPECT_TRUE(CheckPasswordPolicy("abcdEF12", policy).ok());    // lower, upper, digit
  EXPECT_TRUE(CheckPasswordPolicy("abcdef1!", policy).ok());    // lower, digit, other
  EXPECT_TRUE(CheckPasswordPolicy("ABCD 123", policy).ok());    // upper, other (space), digit
  EXPECT_TRUE(CheckPasswordPolicy("危险化学品ab12", policy).ok());  // other, lower, digit
  EXPECT_TRUE(CheckPasswordPolicy("aB1!aB1!", policy).ok());    // all four
}

TEST(PasswordPolicy, NamesEverythingMissingAndNeverThePassword) {
  const Status status = CheckPasswordPolicy("hunter", PasswordPolicy{});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), std::string(kTooShort) + "; " + std::string(kTooFewClasses));
  EXPECT_THAT(status.message(), Not(HasSubstr("hunter")));
}

TEST(PasswordPolicy, FollowsTheGivenPolicy) {
  PasswordPolicy strict;
  strict.min_length = 12;
  strict.min_character_classes = 4;
  EXPECT_EQ(CheckPasswordPolicy("aB1!aB1!aB1", strict).message(), "password: at least 12 characters");
  EXPECT_EQ(CheckPasswordPolicy("aB1aaB1aaB1aa", strict).message(),
            "password: needs 4 of: lower-case letters, upper-case letters, digits, other characters");
  EXPECT_TRUE(CheckPasswordPolicy("aB1!aB1!aB1!", strict).ok());
  PasswordPolicy lax;
  lax.min_length = 1;
  lax.min_character_classes = 0;
  EXPECT_TRUE(CheckPasswordPolicy("x", lax).ok());
  EXPECT_FALSE(CheckPasswordPolicy("", lax).ok());
}

TEST(PasswordPolicy, RefusesPoliciesNoPasswordCouldMeet) {
  PasswordPolicy five_classes;
  five_classes.min_character_classes = 5;
  EXPECT_EQ(CheckPasswordPolicy("aB1!aB1!", five_classes).code(), StatusCode::kInvalidArgument);
  PasswordPolicy no_length;
  no_length.min_length = 0;
  EXPECT_EQ(CheckPasswordPolicy("aB1!aB1!", no_length).code(), StatusCode::kInvalidArgument);
}

TEST(PasswordPolicy, RefusesMalformedUtf8) {
  const PasswordPolicy policy;
  for (std::string_view bad : {std::string_view("Abcdefg1\xFF"),       // not a UTF-8 byte
                               std::string_view("Abcdefg1\xE5\xAE"),   // truncated 3-byte sequence
                               std::string_view("Abcdefg1\xC0\xAF"),   // overlong '/'
                               std::string_view("Abcdefg1\xED\xA0\x80"),  // surrogate U+D800
                               std::string_view("Abcdefg1\x80")}) {    // lone continuation byte
    EXPECT_EQ(CheckPasswordPolicy(bad, policy).message(), "password: not valid UTF-8");
  }
}

// Small costs for tests that do not depend on them (libargon2's minimum is 8 KiB per lane).
Argon2idParams Cheap() {
  Argon2idParams params;
  params.time_cost = 1;
  params.memory_kib = 64;
  return params;
}

TEST(Argon2id, MatchesRfc9106KnownAnswer) {
  // RFC 9106 §5.3: Argon2id, version 0x13, memory 32 KiB, 3 passes, 4 lanes, tag 32 bytes; password 32 x 0x01,
  // salt 16 x 0x02, secret 8 x 0x03, associated data 12 x 0x04.
  std::array<std::uint8_t, 32> password, tag{};
  std::array<std::uint8_t, 16> salt;
  std::array<std::uint8_t, 8> secret;
  std::array<std::uint8_t, 12> ad;
  password.fill(0x01), salt.fill(0x02), secret.fill(0x03), ad.fill(0x04);
  argon2_context context{};
  context.out = tag.data();
  context.outlen = tag.size();
  context.pwd = password.data();
  context.pwdlen = password.size();
  context.salt = salt.data();
  context.saltlen = salt.size();
  context.secret = secret.data();
  context.secretlen = secret.size();
  context.ad = ad.data();
  context.adlen = ad.size();
  context.t_cost = 3;
  context.m_cost = 32;
  context.lanes = 4;
  context.threads = 4;
  context.version = ARGON2_VERSION_13;
  context.flags = ARGON2_DEFAULT_FLAGS;
  ASSERT_EQ(argon2_ctx(&context, Argon2_id), ARGON2_OK);
  const std::array<std::uint8_t, 32> expected = {
      0x0d, 0x64, 0x0d, 0xf5, 0x8d, 0x78, 0x76, 0x6c, 0x08, 0xc0, 0x37, 0xa3, 0x4a, 0x8b, 0x53, 0xc9,
      0xd0, 0x1e, 0xf0, 0x45, 0x2d, 0x75, 0xb6, 0x5e, 0xb5, 0x25, 0x20, 0xe9, 0x6b, 0x01, 0xe6, 0x59};
  EXPECT_EQ(tag, expected);
}

TEST(Argon2id, VerifiesTheReferenceImplementationsPhcString) {
  // phc-winner-argon2 src/test.c, hashtest(ARGON2_VERSION_13, 2, 16, 1, "password", "somesalt", ..., Argon2_id).
  constexpr std::string_view kReference =
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  const Result<bool> right = VerifyPassword("password", kReference);
  ASSERT_TRUE(right.ok()) << right.status().ToString();
  EXPECT_TRUE(*right);
  const Result<bool> wrong = VerifyPassword("passwore", kReference);
  ASSERT_TRUE(wrong.ok()) << wrong.status().ToString();
  EXPECT_FALSE(*wrong);
}

TEST(Argon2id, HashesToAPhcStringWithTheDefaultParameters) {
  const Result<std::string> encoded = HashPassword("Anquan-2024");
  ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
  EXPECT_THAT(*encoded, StartsWith("$argon2id$v=19$m=65536,t=3,p=1$"));
  // 16-byte salt and 32-byte tag in unpadded base64: 22 and 43 characters.
  const std::string_view rest = std::string_view(*encoded).substr(std::string_view("$argon2id$v=19$m=65536,t=3,p=1$").size());
  ASSERT_EQ(rest.size(), 22 + 1 + 43);
  EXPECT_EQ(rest[22], '$');
  EXPECT_THAT(*encoded, Not(HasSubstr("Anquan")));
  const Result<bool> right = VerifyPassword("Anquan-2024", *encoded);
  ASSERT_TRUE(right.ok()) << right.status().ToString();
  EXPECT_TRUE(*right);
}

TEST(Argon2id, WrongPasswordDoesNotVerify) {
  const Result<std::string> encoded = HashPassword("Anquan-2024", Cheap());
  ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
  for (std::string_view wrong : {"Anquan-2025", "anquan-2024", "Anquan-2024 ", "", "安全-2024"}) {
    const Result<bool> verified = VerifyPassword(wrong, *encoded);
    ASSERT_TRUE(verified.ok()) << verified.status().ToString();
    EXPECT_FALSE(*verified) << wrong;
  }
  const Result<bool> right = VerifyPassword("Anquan-2024", *encoded);
  ASSERT_TRUE(right.ok());
  EXPECT_TRUE(*right);
}

TEST(Argon2id, TwoHashesOfOnePasswordDifferBySalt) {
  const Result<std::string> a = HashPassword("Anquan-2024", Cheap());
  const Result<std::string> b = HashPassword("Anquan-2024", Cheap());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(*VerifyPassword("Anquan-2024", *a));
  EXPECT_TRUE(*VerifyPassword("Anquan-2024", *b));
}

TEST(Argon2id, HashesNonAsciiAndEmptyPasswords) {
  for (std::string_view password : {"危险化学品安全Ab1", ""}) {
    const Result<std::string> encoded = HashPassword(password, Cheap());
    ASSERT_TRUE(encoded.ok()) << encoded.status().ToString();
    EXPECT_TRUE(*VerifyPassword(password, *encoded));
  }
}

TEST(Argon2id, RefusesGarbageAsAnEncodedHash) {
  const Result<std::string> good = HashPassword("Anquan-2024", Cheap());
  ASSERT_TRUE(good.ok());
  // Cut before the tag, and at its start (an empty tag). A tag cut inside is not always refused: it may still
  // decode to a shorter tag, which then does not match.
  const std::string no_tag = good->substr(0, good->rfind('$'));
  const std::string empty_tag = good->substr(0, good->rfind('$') + 1);
  for (std::string_view garbage :
       {std::string_view(""), std::string_view("not a hash"), std::string_view("$argon2id$"),
        std::string_view("$argon2id$v=19$m=65536,t=3,p=1$"), std::string_view(no_tag), std::string_view(empty_tag),
        // The reference's argon2i string: another Argon2 variant is not accepted as argon2id.
        std::string_view("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA"),
        std::string_view("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$!!!notbase64!!!")}) {
    const Result<bool> verified = VerifyPassword("Anquan-2024", garbage);
    ASSERT_FALSE(verified.ok()) << garbage;
    EXPECT_EQ(verified.status().code(), StatusCode::kInvalidArgument) << garbage;
  }
}

TEST(Argon2id, RefusesParametersLibargon2Refuses) {
  Argon2idParams no_passes = Cheap();
  no_passes.time_cost = 0;
  EXPECT_EQ(HashPassword("Anquan-2024", no_passes).status().code(), StatusCode::kInvalidArgument);
  Argon2idParams short_salt = Cheap();
  short_salt.salt_bytes = 4;
  EXPECT_EQ(HashPassword("Anquan-2024", short_salt).status().code(), StatusCode::kInvalidArgument);
  Argon2idParams no_lanes = Cheap();
  no_lanes.parallelism = 0;
  EXPECT_EQ(HashPassword("Anquan-2024", no_lanes).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace chemsafe::auth
