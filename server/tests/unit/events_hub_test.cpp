#include <gtest/gtest.h>

#include "events/hub.hpp"
#include "events/stream.hpp"

namespace keycard::events {
namespace {

TEST(EventsHub, WakesTheStreamsOfTheTenantOnlyUntilTheyUnsubscribe) {
  Hub& hub = Hub::instance();
  hub.set_limits(0, 0);
  int a = 0;
  int b = 0;
  auto sa = hub.subscribe("tenant-a", "u1", [&] { ++a; });
  auto sb = hub.subscribe("tenant-b", "u2", [&] { ++b; });
  ASSERT_TRUE(sa && sb);
  hub.notify("tenant-a");
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 0);
  hub.notify_all();
  EXPECT_EQ(a, 2);
  EXPECT_EQ(b, 1);
  sa.reset();
  hub.notify("tenant-a");
  EXPECT_EQ(a, 2);
  EXPECT_EQ(hub.open(), 1U);
}

TEST(EventsHub, RefusesPastThePerUserAndPerInstanceCaps) {
  Hub& hub = Hub::instance();
  hub.set_limits(3, 2);
  auto one = hub.subscribe("t", "u1", [] {});
  auto two = hub.subscribe("t", "u1", [] {});
  EXPECT_TRUE(one && two);
  EXPECT_FALSE(hub.subscribe("t", "u1", [] {})) << "a third stream of one user";
  auto other = hub.subscribe("t", "u2", [] {});
  EXPECT_TRUE(other);
  EXPECT_FALSE(hub.subscribe("t", "u3", [] {})) << "a fourth on the instance";
  one.reset();
  EXPECT_TRUE(hub.subscribe("t", "u1", [] {})) << "a place came free";
  hub.set_limits(1000, 5);
}

TEST(EventsSse, AMessageIsItsFieldsThenABlankLine) {
  EXPECT_EQ(sse_message(42, "room.status_changed", R"({"id":42})"),
            "id: 42\nevent: room.status_changed\ndata: {\"id\":42}\n\n");
  EXPECT_EQ(sse_message(std::nullopt, "ready", "{}"), "event: ready\ndata: {}\n\n");
}

}  // namespace
}  // namespace keycard::events
