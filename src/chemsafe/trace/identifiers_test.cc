// Identifiers: GS1 check digits, EPC URI <-> Digital Link, the platform namespace. Expected values are the
// examples of the GS1 standards (TDS 2.x and Digital Link 1.2 use company prefix 0614141 / 9521234)
// with check digits computed by hand (GS1 General Specifications §7.9.1: weights 3, 1 from the right).
#include "chemsafe/trace/identifiers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace chemsafe::trace {
namespace {

using ::testing::HasSubstr;

std::string Canonical(std::string_view text) {
  auto r = CanonicalIdentifier(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : "";
}

std::string ErrorOf(std::string_view text) {
  auto r = CanonicalIdentifier(text);
  EXPECT_FALSE(r.ok()) << text << " was accepted as " << (r.ok() ? *r : "");
  return r.ok() ? "" : r.status().message();
}

TEST(TraceIdentifiers, Gs1CheckDigit) {
  // 0952123454321: 1·3+2·1+3·3+4·1+5·3+4·1+3·3+2·1+1·3+2·1+5·3+9·1+0·3 = 77 → 3.
  EXPECT_EQ(*Gs1CheckDigit("0952123454321"), 3);
  EXPECT_EQ(*Gs1CheckDigit("0061414112345"), 2);  // GTIN 00614141123452 (GS1 General Specifications example)
  EXPECT_EQ(*Gs1CheckDigit("0000000000000"), 0);
  EXPECT_FALSE(Gs1CheckDigit("12a4").ok());
  EXPECT_FALSE(Gs1CheckDigit("").ok());
}

TEST(TraceIdentifiers, GtinSsccGlnValidation) {
  EXPECT_EQ(*ParseGtin("09521234543213"), "09521234543213");
  EXPECT_EQ(*ParseGtin("9521234543213"), "09521234543213");  // GTIN-13 padded
  EXPECT_EQ(*ParseGtin("614141123452"), "00614141123452");   // GTIN-12 (UPC-A)
  EXPECT_EQ(*ParseGtin("95012346"), "00000095012346");       // GTIN-8
  EXPECT_EQ(ParseGtin("09521234543214").status().message(), "09521234543214: GTIN check digit is 3, not 4");
  EXPECT_EQ(ParseGtin("12345").status().message(), "12345: a GTIN has 8, 12, 13 or 14 digits, not 5");
  EXPECT_EQ(*ParseSscc("095212340000000013"), "095212340000000013");
  EXPECT_THAT(ParseSscc("095212340000000014").status().message(), HasSubstr("SSCC check digit is 3, not 4"));
  EXPECT_EQ(*ParseGln("9521234000006"), "9521234000006");
  EXPECT_THAT(ParseGln("952123400000").status().message(), HasSubstr("a GLN has 13 digits, not 12"));
}

TEST(TraceIdentifiers, EpcUriToDigitalLink) {
  EXPECT_EQ(Canonical("urn:epc:id:sgtin:9521234.054321.12345"), "https://id.gs1.org/01/09521234543213/21/12345");
  EXPECT_EQ(Canonical("urn:epc:id:sgtin:0614141.112345.400"), "https://id.gs1.org/01/10614141123459/21/400");
  EXPECT_EQ(Canonical("urn:epc:id:sscc:9521234.0000000001"), "https://id.gs1.org/00/095212340000000013");
  EXPECT_EQ(Canonical("urn:epc:id:sgln:9521234.00000.0"), "https://id.gs1.org/414/9521234000006");
  EXPECT_EQ(Canonical("urn:epc:id:sgln:9521234.00000.12"), "https://id.gs1.org/414/9521234000006/254/12");
  EXPECT_EQ(Canonical("urn:epc:class:lgtin:9521234.054321.L2026-11"),
            "https://id.gs1.org/01/09521234543213/10/L2026-11");
  EXPECT_EQ(Canonical("urn:epc:idpat:sgtin:9521234.054321.*"), "https://id.gs1.org/01/09521234543213");
  EXPECT_EQ(Canonical("urn:epc:id:pgln:9521234.00000"), "https://id.gs1.org/417/9521234000006");
  EXPECT_EQ(Canonical("urn:epc:id:gdti:4012345.55555.1234"), "https://id.gs1.org/253/40123455555541234");
  // The reference event hash vectors' assets and service relation (github.com/RalphTro/epcis-event-hash-generator,
  // tests/examples/expected/CBV2.0/AssociationEvent_all_possible_fields.prehashes).
  EXPECT_EQ(Canonical("urn:epc:id:grai:4012345.55555.987"), "https://id.gs1.org/8003/04012345555554987");
  EXPECT_EQ(Canonical("urn:epc:id:giai:4000001.12345"), "https://id.gs1.org/8004/400000112345");
  EXPECT_EQ(Canonical("urn:epc:id:gsrn:0614141.0000010253"), "https://id.gs1.org/8018/061414100000102534");
  EXPECT_EQ(Canonical("https://example.org/8004/401234599999"), "https://id.gs1.org/8004/401234599999");
  EXPECT_THAT(ErrorOf("https://id.gs1.org/8003/14012345555554987"), HasSubstr("'0' and 13 digits"));
  EXPECT_THAT(ErrorOf("https://id.gs1.org/8018/061414100000102535"), HasSubstr("GSRN check digit is 4, not 5"));
}

TEST(TraceIdentifiers, SerialsAreDecodedAndReEncodedOneWay) {
  // TDS Table A-1: '/' is %2F in an EPC URI; the canonical Digital Link percent-encodes it too.
  const std::string dl = "https://id.gs1.org/01/09521234543213/21/A%2FB%26C";
  EXPECT_EQ(Canonical("urn:epc:id:sgtin:9521234.054321.A%2FB%26C"), dl);
  EXPECT_EQ(Canonical("https://id.gs1.org/01/09521234543213/21/A%2fB%26C"), dl);
  EXPECT_EQ(*ToEpcUri(dl, 7), "urn:epc:id:sgtin:9521234.054321.A%2FB%26C");
  EXPECT_EQ(Canonical("https://example.com/01/09521234543213/21/x%21y"), "https://id.gs1.org/01/09521234543213/21/x%21y");
  // A '.' in the last field is part of it (found by the round-trip property below).
  EXPECT_EQ(Canonical("urn:epc:id:sgtin:9521234.054321.A.B"), "https://id.gs1.org/01/09521234543213/21/A.B");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/01/09521234543213/21/A.B", 7), "urn:epc:id:sgtin:9521234.054321.A.B");
  EXPECT_THAT(ErrorOf("urn:epc:id:sgtin:9521234.054321.%zz"), HasSubstr("not followed by two hex digits"));
  EXPECT_THAT(ErrorOf("urn:epc:id:sgtin:9521234.054321.123456789012345678901"), HasSubstr("not 1 to 20"));
}

TEST(TraceIdentifiers, DigitalLinkForms) {
  EXPECT_EQ(Canonical("https://example.com/shop/01/9521234543213/21/7?linkType=all"),
            "https://id.gs1.org/01/09521234543213/21/7");  // GTIN-13 padded, path prefix and query dropped
  EXPECT_EQ(Canonical("http://id.gs1.de/01/09521234543213/10/L1"), "https://id.gs1.org/01/09521234543213/10/L1");
  EXPECT_EQ(Canonical("https://id.gs1.org/01/09521234543213/10/L1/21/7"), "https://id.gs1.org/01/09521234543213/21/7");
  EXPECT_EQ(Canonical("https://id.gs1.org/01/95012346"), "https://id.gs1.org/01/00000095012346");
  EXPECT_EQ(Canonical("HTTPS://ID.GS1.ORG/00/095212340000000013"), "https://id.gs1.org/00/095212340000000013");
  EXPECT_EQ(Canonical("https://id.gs1.org/414/9521234000006/254/12"), "https://id.gs1.org/414/9521234000006/254/12");
  EXPECT_EQ(Canonical("https://id.gs1.org/00/095212340000000013"), "https://id.gs1.org/00/095212340000000013");
  auto id = ParseIdentifier("https://id.gs1.org/01/09521234543213/10/L1");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->kind, IdKind::kLgtin);
  EXPECT_TRUE(IsClassKind(id->kind));
  EXPECT_EQ(id->lot, "L1");
}

TEST(TraceIdentifiers, ErrorsNameTheIdentifierAndTheProblem) {
  EXPECT_EQ(ErrorOf("https://id.gs1.org/01/09521234543214/21/1"),
            "https://id.gs1.org/01/09521234543214/21/1: GTIN check digit is 3, not 4");
  EXPECT_THAT(ErrorOf("https://id.gs1.org/01/09521234543213/22/1"), HasSubstr("/01/{gtin}/21/{serial}"));
  EXPECT_THAT(ErrorOf("urn:epc:id:sgtin:9521234.05432.1"),
              HasSubstr("the indicator and item reference '05432' is not 6 digits after a 7-digit company prefix"));
  EXPECT_THAT(ErrorOf("urn:epc:id:sscc:9521234"), HasSubstr("takes 2 dot-separated fields, not 1"));
  EXPECT_THAT(ErrorOf("urn:epc:id:sgtin:95212.0543210.1"), HasSubstr("company prefix '95212' is not 6 to 12 digits"));
  EXPECT_THAT(ErrorOf("urn:epc:id:cpi:9521234.1.1"), HasSubstr("not an EPC URI this platform reads"));
  EXPECT_THAT(ErrorOf("https://example.com/products/42"), HasSubstr("without a GS1 primary key"));
  EXPECT_THAT(ErrorOf("pallet 7"), HasSubstr("pallet 7: not an EPC URI"));
}

TEST(TraceIdentifiers, DigitalLinkToEpcUriNeedsThePrefixLength) {
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/01/09521234543213/21/12345", 7), "urn:epc:id:sgtin:9521234.054321.12345");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/01/10614141123459/21/400", 7), "urn:epc:id:sgtin:0614141.112345.400");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/00/095212340000000013", 7), "urn:epc:id:sscc:9521234.0000000001");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/414/9521234000006", 7), "urn:epc:id:sgln:9521234.00000.0");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/414/9521234000006/254/12", 9), "urn:epc:id:sgln:952123400.000.12");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/01/09521234543213/10/L1", 7), "urn:epc:class:lgtin:9521234.054321.L1");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/01/09521234543213", 7), "urn:epc:idpat:sgtin:9521234.054321.*");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/417/9521234000006", 7), "urn:epc:id:pgln:9521234.00000");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/253/40123455555541234", 7), "urn:epc:id:gdti:4012345.55555.1234");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/8003/04012345555554987", 7), "urn:epc:id:grai:4012345.55555.987");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/8004/400000112345", 7), "urn:epc:id:giai:4000001.12345");
  EXPECT_EQ(*ToEpcUri("https://id.gs1.org/8018/061414100000102534", 7), "urn:epc:id:gsrn:0614141.0000010253");
  // Both directions, every prefix length.
  for (int n = 6; n <= 12; ++n) {
    for (std::string_view dl : {"https://id.gs1.org/01/09521234543213/21/7", "https://id.gs1.org/00/095212340000000013",
                                "https://id.gs1.org/414/9521234000006/254/3"}) {
      auto epc = ToEpcUri(dl, n);
      ASSERT_TRUE(epc.ok()) << dl << " " << n;
      EXPECT_EQ(Canonical(*epc), dl) << *epc;
    }
  }
  EXPECT_THAT(ToEpcUri("https://id.gs1.org/00/095212340000000013", 5).status().message(), HasSubstr("6 to 12"));
  EXPECT_FALSE(ToEpcUri("urn:chemsafe:party:91350100M000100Y43", 7).ok());
}

TEST(TraceIdentifiers, PlatformIdentifiers) {
  EXPECT_EQ(*PlatformContainerId("91350100M000100Y43", "C-000123"), "urn:chemsafe:id:ctr:91350100M000100Y43.C-000123");
  EXPECT_EQ(Canonical("urn:chemsafe:id:ctr:91350100m000100y43.C-000123"),
            "urn:chemsafe:id:ctr:91350100M000100Y43.C-000123");  // the USCC upper-cased
  EXPECT_EQ(*PlatformLotId("91350100M000100Y43", "7664-93-9", "L20261129"),
            "urn:chemsafe:class:lot:91350100M000100Y43.7664-93-9.L20261129");
  EXPECT_EQ(*PlatformLotId("91350100M000100Y43", "2828", "L1"), "urn:chemsafe:class:lot:91350100M000100Y43.2828.L1");
  EXPECT_EQ(*PlatformLocationId("91350100M000100Y43", "WH1"), "urn:chemsafe:loc:91350100M000100Y43.WH1");
  EXPECT_EQ(*PlatformVehicleId("粤b12345"), "urn:chemsafe:id:veh:粤B12345");
  EXPECT_EQ(*PlatformVehicleId("粤BD12345"), "urn:chemsafe:id:veh:粤BD12345");
  EXPECT_EQ(*PlatformVehicleId("粤B1234挂"), "urn:chemsafe:id:veh:粤B1234挂");
  EXPECT_EQ(Canonical("urn:chemsafe:party:91350100M000100Y43"), "urn:chemsafe:party:91350100M000100Y43");
  auto lot = ParseIdentifier("urn:chemsafe:class:lot:91350100M000100Y43.7664-93-9.L.1");
  ASSERT_TRUE(lot.ok());
  EXPECT_EQ(lot->kind, IdKind::kPlatformLot);
  EXPECT_EQ(lot->product, "7664-93-9");
  EXPECT_EQ(lot->lot, "L.1");

  EXPECT_THAT(PlatformContainerId("91350100M000100Y44", "C1").status().message(), HasSubstr("expected '3', got '4'"));
  EXPECT_THAT(PlatformContainerId("91350100M000100Y43", "C 1").status().message(), HasSubstr("holds ' '"));
  EXPECT_THAT(PlatformLotId("91350100M000100Y43", "7664-93-8", "L1").status().message(),
              HasSubstr("neither a CAS number nor a catalogue entry number"));
  EXPECT_THAT(PlatformVehicleId("AB12345").status().message(), HasSubstr("province abbreviation"));
  EXPECT_THAT(PlatformVehicleId("粤B123").status().message(), HasSubstr("not 5 or 6 characters"));
  EXPECT_THAT(ErrorOf("urn:chemsafe:id:ctr:91350100M000100Y43"), HasSubstr("<USCC>.<serial>"));
}

TEST(TraceIdentifiers, PlatformDigitalLinks) {
  const std::string ctr = "urn:chemsafe:id:ctr:91350100M000100Y43.C-000123";
  const std::string lot = "urn:chemsafe:class:lot:91350100M000100Y43.7664-93-9.L20261129";
  EXPECT_EQ(*PlatformDigitalLink(ctr, "https://t.example.cn/"), "https://t.example.cn/t/ctr/91350100M000100Y43/C-000123");
  EXPECT_EQ(*PlatformDigitalLink(lot, "https://t.example.cn"),
            "https://t.example.cn/t/lot/91350100M000100Y43/7664-93-9/L20261129");
  for (const std::string& id : {ctr, lot}) {
    EXPECT_EQ(*ParsePlatformDigitalLink(*PlatformDigitalLink(id, "https://t.example.cn/qr"), "https://t.example.cn/qr"),
              id);
  }
  EXPECT_THAT(ParsePlatformDigitalLink("https://other.cn/t/ctr/91350100M000100Y43/C1", "https://t.example.cn")
                  .status()
                  .message(),
              HasSubstr("not under https://t.example.cn/t/"));
  EXPECT_THAT(ParsePlatformDigitalLink("https://t.example.cn/t/ctr/91350100M000100Y43", "https://t.example.cn")
                  .status()
                  .message(),
              HasSubstr("the path is not"));
  EXPECT_THAT(ParsePlatformDigitalLink("https://t.example.cn/t/ctr/91350100M000100Y44/C1", "https://t.example.cn")
                  .status()
                  .message(),
              HasSubstr("expected '3'"));
  EXPECT_FALSE(PlatformDigitalLink("urn:chemsafe:loc:91350100M000100Y43.WH1", "https://t.example.cn").ok());
  EXPECT_FALSE(PlatformDigitalLink(ctr, "t.example.cn").ok());
}

TEST(TraceIdentifiers, CanonicalUriKeepsOtherUris) {
  EXPECT_EQ(*CanonicalUri("geo:50.947573340894124,6.922120147375441"), "geo:50.947573340894124,6.922120147375441");
  EXPECT_EQ(*CanonicalUri("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8"),
            "urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8");
  EXPECT_EQ(*CanonicalUri("urn:chemsafe:bt:purchase_permit:GD2026-001"), "urn:chemsafe:bt:purchase_permit:GD2026-001");
  EXPECT_EQ(*CanonicalUri("urn:epc:id:sgtin:9521234.054321.12345"), "https://id.gs1.org/01/09521234543213/21/12345");
  EXPECT_FALSE(CanonicalUri("urn:epc:id:sgtin:9521234.054321").ok());
  EXPECT_THAT(CanonicalUri("not a uri").status().message(), HasSubstr("not a URI"));
  EXPECT_FALSE(CanonicalUri("1abc:x").ok());
}

// "%2F" for '/': TDS Table A-1's escape.
std::string fmt_hex(char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(c);
  return {'%', kHex[byte >> 4], kHex[byte & 0x0F]};
}

std::string Digits(std::size_t n) {
  const auto digits = *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(0, 10));
  std::string s;
  for (int d : digits) s.push_back(static_cast<char>('0' + d));
  return s;
}

// GS1 General Specifications §7.9: the modulo-10 check digit catches every single-digit substitution.
RC_GTEST_PROP(TraceIdentifiersProperty, CheckDigitCatchesEverySingleDigitError, ()) {
  std::string gtin = Digits(13);
  gtin.push_back(static_cast<char>('0' + *Gs1CheckDigit(gtin)));
  RC_ASSERT(ParseGtin(gtin).ok());
  const auto at = *rc::gen::inRange<std::size_t>(0, 14);
  const auto delta = *rc::gen::inRange(1, 10);
  std::string wrong = gtin;
  wrong[at] = static_cast<char>('0' + (wrong[at] - '0' + delta) % 10);
  RC_ASSERT(!ParseGtin(wrong).ok());
}

// EPC URI -> Digital Link -> EPC URI with any company prefix length, and any serial of the set 82.
RC_GTEST_PROP(TraceIdentifiersProperty, EpcUriAndDigitalLinkRoundTrip, ()) {
  static constexpr std::string_view kSet82 =
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  const auto n = *rc::gen::inRange<std::size_t>(6, 13);
  const auto chars = *rc::gen::resize(19, rc::gen::nonEmpty(rc::gen::container<std::vector<std::size_t>>(
                         rc::gen::inRange<std::size_t>(0, kSet82.size()))));
  std::string serial;
  for (std::size_t c : chars) serial.push_back(kSet82[c]);
  const std::string company = Digits(n);
  const std::string item = Digits(13 - n);
  const std::string epc = "urn:epc:id:sgtin:" + company + "." + item + "." +
                          [&] {
                            std::string escaped;
                            for (char c : serial) {
                              if (std::string_view("\"%&/<>?").find(c) != std::string_view::npos) {
                                escaped += fmt_hex(c);
                              } else {
                                escaped += c;
                              }
                            }
                            return escaped;
                          }();
  auto dl = CanonicalIdentifier(epc);
  RC_ASSERT(dl.ok());
  auto back = ToEpcUri(*dl, static_cast<int>(n));
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == epc);
  auto id = ParseIdentifier(*dl);
  RC_ASSERT(id.ok());
  RC_ASSERT(id->serial == serial);
  RC_ASSERT(*CanonicalIdentifier(*dl) == *dl);

  const std::string sscc_epc = "urn:epc:id:sscc:" + company + "." + Digits(17 - n);
  auto sscc = CanonicalIdentifier(sscc_epc);
  RC_ASSERT(sscc.ok());
  RC_ASSERT(*ToEpcUri(*sscc, static_cast<int>(n)) == sscc_epc);
}

}  // namespace
}  // namespace chemsafe::trace
