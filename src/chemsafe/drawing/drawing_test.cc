// The parts of drawing.h that need no file and no font: markup escaping, the printable-ASCII check,
// and the QR symbol's size.
#include "chemsafe/drawing/drawing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace chemsafe::drawing {
namespace {

using ::testing::HasSubstr;

TEST(DrawingMarkup, EscapesTheFiveMarkupCharactersOnly) {
  EXPECT_EQ(EscapeMarkup("A&B <Chem> \"Ltd\" 'x'"), "A&amp;B &lt;Chem&gt; &quot;Ltd&quot; &apos;x&apos;");
  EXPECT_EQ(EscapeMarkup("氰化钠 25 kg"), "氰化钠 25 kg");  // UTF-8 bytes pass unchanged
  EXPECT_EQ(EscapeMarkup(""), "");
}

TEST(DrawingAscii, PrintableAsciiIsAccepted) {
  EXPECT_TRUE(CheckPrintableAscii("payload", "https://id.gs1.org/01/09521234543213/21/12345").ok());
  EXPECT_TRUE(CheckPrintableAscii("payload", " ~").ok());  // 0x20 and 0x7E, the ends of the range
  EXPECT_TRUE(CheckPrintableAscii("payload", "").ok());    // empty is the caller's to refuse
}

TEST(DrawingAscii, ErrorNamesTheFieldAndTheFirstBadByte) {
  const Status bad = CheckPrintableAscii("post_card.record.url", "https://x/\xe6\x89\xb9", " (percent-encode it)");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.message(), "post_card.record.url: byte 10 is 0xE6, not printable ASCII (percent-encode it)");
  EXPECT_THAT(CheckPrintableAscii("payload", "ab\n").message(), HasSubstr("payload: byte 2 is 0x0A"));
  EXPECT_THAT(CheckPrintableAscii("payload", "\x7f").message(), HasSubstr("byte 0 is 0x7F"));
  EXPECT_THAT(CheckPrintableAscii("payload", std::string("a\0b", 3)).message(), HasSubstr("byte 1 is 0x00"));
}

// ISO/IEC 18004:2015 Table 7, byte mode at level M: version 1 holds 14 bytes, 2 holds 26, 4 holds 62,
// 10 holds 213; a version-v symbol is 17 + 4v modules wide (§6.3.1), plus 2 × 4 of quiet zone.
TEST(DrawingQr, SymbolHasTheModuleCountOfItsVersion) {
  struct Case {
    std::size_t bytes;
    int version;
  };
  for (const Case c : {Case{14, 1}, Case{15, 2}, Case{45, 4}, Case{200, 10}}) {
    auto qr = EncodeQr("payload", std::string(c.bytes, 'a'));
    ASSERT_TRUE(qr.ok()) << qr.status().ToString();
    EXPECT_EQ((*qr)->version, c.version) << c.bytes << " bytes";
    EXPECT_EQ((*qr)->width, 17 + 4 * c.version) << c.bytes << " bytes";
    EXPECT_EQ(QrModulesWithQuietZone(**qr), 17 + 4 * c.version + 8) << c.bytes << " bytes";
  }
}

TEST(DrawingQr, PayloadTooLongForAnyVersionNamesTheField) {
  // Version 40 at level M holds 2331 bytes (ISO/IEC 18004:2015 Table 7).
  auto fits = EncodeQr("payload", std::string(2331, 'a'));
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  EXPECT_EQ((*fits)->version, 40);
  auto refused = EncodeQr("payload", std::string(2332, 'a'));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("payload: 2332 bytes do not fit a QR code at level M"));
}

}  // namespace
}  // namespace chemsafe::drawing
