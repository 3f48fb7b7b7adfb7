// The per-instance principal cache: a cached principal is handed out only
// against an equal, live access stamp; anything else drops the entry.
#include "auth/principal_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace keycard::auth {
namespace {

CachedPrincipal entry(std::string role, repo::AccessStamp stamp) {
  Principal p;
  p.user_id = "u1";
  p.roles = {std::move(role)};
  return CachedPrincipal{p, stamp};
}

constexpr repo::AccessStamp kStamp{3, 7};

TEST(PrincipalCache, KeysSeparateUserTenantAndSession) {
  EXPECT_NE(PrincipalCache::key("u", "t1", "s"), PrincipalCache::key("u", "t2", "s"));
  EXPECT_NE(PrincipalCache::key("u", "t", "s1"), PrincipalCache::key("u", "t", "s2"));
  EXPECT_NE(PrincipalCache::key("ab", "c", "s"), PrincipalCache::key("a", "bc", "s"));
}

TEST(PrincipalCache, EqualLiveStampKeepsTheCachedPrincipal) {
  PrincipalCache cache;
  cache.put("k", entry("Front Desk", kStamp));
  const auto cached = cache.find("k");
  ASSERT_TRUE(cached);
  EXPECT_TRUE(cache.still_valid("k", cached->stamp, kStamp));
  EXPECT_EQ(cached->principal.roles.front(), "Front Desk");
  EXPECT_TRUE(cache.find("k"));
}

struct StaleCase {
  const char* what;
  std::optional<repo::AccessStamp> current;
};

class PrincipalCacheStale : public ::testing::TestWithParam<StaleCase> {};

TEST_P(PrincipalCacheStale, AnyChangeDropsTheEntry) {
  PrincipalCache cache;
  cache.put("k", entry("Front Desk", kStamp));
  const auto cached = cache.find("k");
  ASSERT_TRUE(cached);
  EXPECT_FALSE(cache.still_valid("k", cached->stamp, GetParam().current)) << GetParam().what;
  EXPECT_FALSE(cache.find("k")) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(Changes, PrincipalCacheStale,
                         ::testing::Values(StaleCase{"user or one of their sessions changed", repo::AccessStamp{4, 7}},
                                           StaleCase{"tenant, membership or roles changed", repo::AccessStamp{3, 8}},
                                           StaleCase{"both changed", repo::AccessStamp{4, 8}},
                                           StaleCase{"user gone", std::nullopt}));

TEST(PrincipalCache, PutReplacesAndCapacityBoundsTheSize) {
  PrincipalCache cache(3);
  cache.put("k", entry("Old", kStamp));
  cache.put("k", entry("New", kStamp));
  EXPECT_EQ(cache.find("k")->principal.roles.front(), "New");
  for (int i = 0; i < 10; ++i) cache.put("k" + std::to_string(i), entry("R", kStamp));
  EXPECT_EQ(cache.size(), 3U);
  EXPECT_TRUE(cache.find("k9"));  // the newest entry is always kept
  PrincipalCache none(0);
  none.put("k", entry("R", kStamp));
  EXPECT_FALSE(none.find("k"));
}

}  // namespace
}  // namespace keycard::auth
