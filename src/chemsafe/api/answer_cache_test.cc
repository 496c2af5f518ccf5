// The answer cache: an entry serves only its own generation, replacing keeps the byte count right, and
// the bound holds. The key separates scopes, paths and queries.
#include "chemsafe/api/answer_cache.h"

#include <gtest/gtest.h>

namespace chemsafe::api {
namespace {

AnswerCache::Entry At(std::int64_t generation, std::string body) {
  return AnswerCache::Entry{generation, std::make_shared<const std::string>(std::move(body)), nullptr};
}

TEST(AnswerCache, AnEntryServesOnlyTheGenerationItWasComputedAt) {
  AnswerCache cache(1 << 20);
  EXPECT_FALSE(cache.Find("k", 1).has_value());
  cache.Put("k", At(1, "one"));
  ASSERT_TRUE(cache.Find("k", 1).has_value());
  EXPECT_EQ(*cache.Find("k", 1)->body, "one");
  EXPECT_FALSE(cache.Find("k", 2).has_value());  // the data moved on
  cache.Put("k", At(2, "two"));
  EXPECT_EQ(*cache.Find("k", 2)->body, "two");
  EXPECT_FALSE(cache.Find("k", 1).has_value());
  EXPECT_EQ(cache.bytes(), 1 + 3);  // the replaced entry no longer counts
}

TEST(AnswerCache, StaysWithinItsBound) {
  AnswerCache cache(100);
  cache.Put("a", At(1, std::string(60, 'x')));
  cache.Put("b", At(1, std::string(60, 'y')));  // over the bound: starts again with only this one
  EXPECT_FALSE(cache.Find("a", 1).has_value());
  EXPECT_TRUE(cache.Find("b", 1).has_value());
  EXPECT_LE(cache.bytes(), 100u);
  cache.Put("c", At(1, std::string(200, 'z')));  // larger than the bound: not kept
  EXPECT_FALSE(cache.Find("c", 1).has_value());
  EXPECT_TRUE(cache.Find("b", 1).has_value());
}

TEST(AnswerCache, TheKeySeparatesScopesPathsAndQueries) {
  service::Principal city;
  city.role = service::Role::kCity;
  city.division_code = "4403";
  service::Principal other = city;
  other.division_code = "4401";
  service::Principal grid;
  grid.role = service::Role::kGrid;
  grid.user_id = 7;
  grid.grid_enterprises = {1, 2};
  service::Principal grid_more = grid;
  grid_more.grid_enterprises = {1, 2, 3};
  ApiRequest r;
  r.path = "/api/v1/enterprises/12";
  ApiRequest other_path = r;
  other_path.path = "/api/v1/enterprises/13";
  ApiRequest with_query = r;
  with_query.query["layer"] = "targets";
  EXPECT_NE(AnswerKey(r, city), AnswerKey(r, other));
  EXPECT_NE(AnswerKey(r, grid), AnswerKey(r, grid_more));
  EXPECT_NE(AnswerKey(r, city), AnswerKey(other_path, city));
  EXPECT_NE(AnswerKey(r, city), AnswerKey(with_query, city));
  EXPECT_EQ(AnswerKey(r, city), AnswerKey(r, city));
}

}  // namespace
}  // namespace chemsafe::api
