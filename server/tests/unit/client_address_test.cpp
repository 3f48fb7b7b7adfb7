// app/client_address: X-Forwarded-For is believed only from trusted proxies,
// read from the right, and never lets a client choose its own address.
#include "app/client_address.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/errors.hpp"

namespace keycard::app {
namespace {

std::vector<IpNetwork> trust(std::string_view list) { return parse_trusted_proxies(list); }

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
  EXPECT_EQ(client_address("203.0.113.9", std::nullopt, {}), "203.0.113.9");
}

TEST(ClientAddress, AnUntrustedPeerIsTheClientWhateverItSends) {
  const auto proxies = trust("10.0.0.0/8");
  EXPECT_EQ(client_address("203.0.113.9", "10.0.0.1, 198.51.100.1", proxies), "203.0.113.9");
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1", proxies), "127.0.0.1");
}

TEST(ClientAddress, ATrustedPeerWithoutTheHeaderIsItself) {
  EXPECT_EQ(client_address("10.0.0.5", std::nullopt, trust("10.0.0.5")), "10.0.0.5");
}

TEST(ClientAddress, TheRightMostUntrustedEntryIsTheClient) {
  const auto proxies = trust("10.0.0.0/8, 192.0.2.10");
  // The client claims 1.1.1.1; the edge proxy 192.0.2.10 saw 198.51.100.7.
  EXPECT_EQ(client_address("10.0.0.5", "1.1.1.1, 198.51.100.7, 192.0.2.10", proxies), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.5", "198.51.100.7", proxies), "198.51.100.7");
  // Several header lines arrive comma-joined; spaces vary.
  EXPECT_EQ(client_address("10.0.0.5", "1.1.1.1,198.51.100.8 ,  10.1.2.3", proxies), "198.51.100.8");
}

TEST(ClientAddress, WhenEveryEntryIsTrustedTheLeftMostIsAnswered) {
  EXPECT_EQ(client_address("10.0.0.5", "10.9.9.9, 10.0.0.7", trust("10.0.0.0/8")), "10.9.9.9");
}

TEST(ClientAddress, GarbageEndsTheWalkAtTheLastTrustedHop) {
  const auto proxies = trust("10.0.0.0/8");
  EXPECT_EQ(client_address("10.0.0.5", "unknown", proxies), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", "198.51.100.7, nonsense, 10.0.0.9", proxies), "10.0.0.9");
  EXPECT_EQ(client_address("10.0.0.5", "", proxies), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", "198.51.100.7,", proxies), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", "' OR 1=1--", proxies), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", std::string(10'000, '1'), proxies), "10.0.0.5");
}

TEST(ClientAddress, PortsBracketsAndMappedFormsAreNormalised) {
  const auto proxies = trust("10.0.0.0/8, ::1");
  EXPECT_EQ(client_address("10.0.0.5", "198.51.100.7:5123", proxies), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.5", "[2001:db8::1]:443", proxies), "2001:db8::1");
  EXPECT_EQ(client_address("10.0.0.5", "2001:DB8:0::1", proxies), "2001:db8::1");
  EXPECT_EQ(client_address("::1", "::ffff:198.51.100.7", proxies), "198.51.100.7");
  // An IPv4 range covers the IPv4-mapped form of a peer on a dual-stack socket.
  EXPECT_EQ(client_address("::ffff:10.0.0.5", "198.51.100.7", proxies), "198.51.100.7");
}

TEST(ClientAddress, NetworksMatchOnThePrefixOnly) {
  const auto n = parse_network("192.168.128.0/17");
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->contains(*parse_address("192.168.200.1")));
  EXPECT_FALSE(n->contains(*parse_address("192.168.127.255")));
  const auto all4 = parse_network("0.0.0.0/0");
  ASSERT_TRUE(all4);
  EXPECT_TRUE(all4->contains(*parse_address("8.8.8.8")));
  EXPECT_FALSE(all4->contains(*parse_address("2001:db8::1")));  // IPv4 ranges hold no IPv6
  const auto v6 = parse_network("2001:db8::/32");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->contains(*parse_address("2001:db8:ffff::1")));
  EXPECT_FALSE(v6->contains(*parse_address("2001:db9::1")));
}

TEST(ClientAddress, ParseAddressRefusesWhatIsNoAddress) {
  for (const std::string bad : {"", " ", "unknown", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4:", "1.2.3.4:http",
                                "[::1", "[::1]x", "::1]", "example.com", "1.2.3.4:99999999", "fe80::1%eth0"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(parse_address(bad));
  }
}

TEST(ClientAddress, BadTrustedProxyListIsAConfigError) {
  EXPECT_THROW((void)parse_trusted_proxies("10.0.0.1, bogus"), ConfigError);
  EXPECT_TRUE(parse_trusted_proxies(" , ").empty());
}

}  // namespace
}  // namespace keycard::app
