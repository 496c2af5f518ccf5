#include "chemsafe/api/http.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

namespace chemsafe::api {
namespace {

TEST(PercentDecode, DecodesAndRejectsMalformedEscapes) {
  EXPECT_EQ(PercentDecode("a%20b%E5%B9%BF", false).value(), "a b\xE5\xB9\xBF");
  EXPECT_EQ(PercentDecode("a+b", true).value(), "a b");
  EXPECT_EQ(PercentDecode("a+b", false).value(), "a+b");
  EXPECT_FALSE(PercentDecode("%2", false).has_value());
  EXPECT_FALSE(PercentDecode("%zz", false).has_value());
  EXPECT_FALSE(PercentDecode("abc%", false).has_value());
}

TEST(ParseQuery, NamesAndValues) {
  std::map<std::string, std::string> q;
  ASSERT_TRUE(ParseQuery("page=2&q=%E5%B9%BF%E5%B7%9E&flag&&x=1&x=3", q));
  EXPECT_EQ(q["page"], "2");
  EXPECT_EQ(q["q"], "广州");
  EXPECT_EQ(q["flag"], "");
  EXPECT_EQ(q["x"], "3");
  std::map<std::string, std::string> bad;
  EXPECT_FALSE(ParseQuery("a=%G0", bad));
}

TEST(ApiRequest, CookieByName) {
  ApiRequest r;
  r.headers["cookie"] = "a=1; chemsafe_session=tok; b=2";
  EXPECT_EQ(r.Cookie("chemsafe_session"), "tok");
  EXPECT_EQ(r.Cookie("b"), "2");
  EXPECT_EQ(r.Cookie("c"), "");
}

TEST(ErrorResponse, OneShapeForEveryError) {
  auto r = ErrorResponse(404, "not_found", "无此企业 \"x\"", "abc");
  EXPECT_EQ(r.status, 404);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_EQ(j["error"]["message"], "无此企业 \"x\"");
  EXPECT_EQ(j["error"]["request_id"], "abc");
  auto with = nlohmann::json::parse(ErrorResponse(422, "invalid_rows", "bad", "r", "\"problems\":[1]").body);
  EXPECT_EQ(with["error"]["problems"][0], 1);
}

TEST(HttpErrorOf, OneMappingFromStatus) {
  EXPECT_EQ(HttpErrorOf(InvalidArgument("x")).status, 400);
  EXPECT_EQ(HttpErrorOf(NotFound("x")).status, 404);
  EXPECT_EQ(HttpErrorOf(PermissionDenied("x")).status, 403);
  EXPECT_EQ(HttpErrorOf(FailedPrecondition("x")).status, 409);
  EXPECT_EQ(HttpErrorOf(Unavailable("x")).status, 503);
  EXPECT_EQ(HttpErrorOf(Internal("x")).status, 500);
  // Internal errors do not show their message (it may hold SQL or paths).
  auto body = nlohmann::json::parse(ErrorResponse(Internal("SELECT * FROM users"), "id").body);
  EXPECT_EQ(body["error"]["message"].get<std::string>().find("SELECT"), std::string::npos);
}

std::string Gunzip(const std::string& gz) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(Gzip, RoundTripsAndIsSmallerForRepetitiveText) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "{\"type\":\"Feature\",\"name\":\"南山区\"},";
  const std::string gz = Gzip(text);
  ASSERT_GE(gz.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // RFC 1952 §2.3.1 ID1, ID2
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(gz.size(), text.size() / 10);
  EXPECT_EQ(Gunzip(gz), text);
}

TEST(Gzip, OnlyWhenTheClientAcceptsIt) {
  ApiRequest r;
  EXPECT_FALSE(AcceptsGzip(r));
  r.headers["accept-encoding"] = "gzip, deflate, br";
  EXPECT_TRUE(AcceptsGzip(r));
  r.headers["accept-encoding"] = "br, gzip;q=0";
  EXPECT_FALSE(AcceptsGzip(r));
  r.headers["accept-encoding"] = "gzip;q=0.5";
  EXPECT_TRUE(AcceptsGzip(r));
  ApiResponse out;
  SetBody(out, r, "plain", "gz");
  EXPECT_EQ(out.body, "gz");
  r.headers.clear();
  ApiResponse plain;
  SetBody(plain, r, "plain", "gz");
  EXPECT_EQ(plain.body, "plain");
}

}  // namespace
}  // namespace chemsafe::api
