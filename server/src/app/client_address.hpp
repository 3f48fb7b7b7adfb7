// The address of the client behind trusted reverse proxies.
//
// X-Forwarded-For is written by whoever sends the request, so it is only
// believed when the connection comes from a proxy the operator named in
// KEYCARD_TRUSTED_PROXIES. Each trusted proxy appends the address it saw, so
// the list is read from the right: the first entry that is not itself a
// trusted proxy is the client. Entries further left were written by that
// client and prove nothing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keycard::app {

// An IP network; IPv4 is held as IPv4-mapped IPv6 (::ffff:a.b.c.d), so
// "10.0.0.0/8" and a peer "::ffff:10.1.2.3" match.
struct IpNetwork {
  std::array<std::uint8_t, 16> address{};
  int prefix = 128;  // over the 128-bit form

  [[nodiscard]] bool contains(const std::array<std::uint8_t, 16>& ip) const;
};

// "203.0.113.7", "10.0.0.0/8", "::1", "fd00::/8"; nullopt for anything else
// (host bits set below the prefix are allowed and ignored).
[[nodiscard]] std::optional<IpNetwork> parse_network(std::string_view text);

// The comma-separated KEYCARD_TRUSTED_PROXIES value; empty means none.
// Throws keycard::ConfigError naming the first bad entry.
[[nodiscard]] std::vector<IpNetwork> parse_trusted_proxies(std::string_view list);

// One address, as a peer or an X-Forwarded-For entry gives it: "1.2.3.4",
// "1.2.3.4:5678", "::1", "[::1]:443", "::ffff:1.2.3.4". nullopt otherwise.
[[nodiscard]] std::optional<std::array<std::uint8_t, 16>> parse_address(std::string_view text);

// The canonical text of an address: dotted IPv4 for IPv4 and IPv4-mapped.
[[nodiscard]] std::string format_address(const std::array<std::uint8_t, 16>& ip);

// The client's address for throttling, audit and logs. `peer` is the TCP
// peer, `forwarded_for` the (comma-joined) X-Forwarded-For header. When the
// peer is not a trusted proxy the header is ignored and the peer is answered
// as it is; otherwise the right-most entry that is not a trusted proxy, or
// the left-most entry when all of them are. An entry that is not an address
// ends the walk at the last trusted hop: the chain of trust is broken there.
[[nodiscard]] std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                                         const std::vector<IpNetwork>& trusted);

}  // namespace keycard::app
