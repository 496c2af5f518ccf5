#include "chemsafe/api/router.h"

#include <gtest/gtest.h>

namespace chemsafe::api {
namespace {

Route R(Method m, std::string pattern) {
  Route r;
  r.method = m;
  r.pattern = std::move(pattern);
  r.handler = [](const ApiRequest&, RequestContext&) { return ApiResponse{}; };
  return r;
}

TEST(Router, MatchesSegmentsAndBindsParameters) {
  Router router;
  router.Add(R(Method::kGet, "/api/v1/enterprises/{id}"));
  router.Add(R(Method::kGet, "/api/v1/enterprises/export.xlsx"));
  router.Add(R(Method::kPost, "/api/v1/imports/{kind}"));
  auto m = router.Find(Method::kGet, "/api/v1/enterprises/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/enterprises/{id}");
  EXPECT_EQ(m.params["id"], "42");
  // A literal segment wins over a parameter, whatever the order of the table.
  m = router.Find(Method::kGet, "/api/v1/enterprises/export.xlsx");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/enterprises/export.xlsx");
  EXPECT_TRUE(m.params.empty());
  // Trailing slashes and doubled slashes do not matter; other lengths do not match.
  EXPECT_NE(router.Find(Method::kGet, "/api/v1/enterprises/42/").route, nullptr);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/enterprises").route, nullptr);
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1/enterprises/42/units/1").route, nullptr);
}

TEST(Router, AnotherMethodOnAKnownPathIsReported) {
  Router router;
  router.Add(R(Method::kPost, "/api/v1/imports/{kind}"));
  auto m = router.Find(Method::kGet, "/api/v1/imports/holdings");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.other_method);
  EXPECT_FALSE(router.Find(Method::kGet, "/api/v1/nothing").other_method);
  // HEAD is served by the GET route.
  router.Add(R(Method::kGet, "/api/v1/health"));
  EXPECT_NE(router.Find(Method::kHead, "/api/v1/health").route, nullptr);
}

}  // namespace
}  // namespace chemsafe::api
