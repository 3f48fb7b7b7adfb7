#include "app/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include "common/errors.hpp"

namespace keycard::app {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 5 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<Bytes> parse_v4(std::string_view text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  const std::string s(text);
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) != 1) return std::nullopt;
  Bytes out{};
  out[10] = 0xff;
  out[11] = 0xff;
  std::memcpy(out.data() + 12, &v4, 4);
  return out;
}

std::optional<Bytes> parse_v6(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) != 1) return std::nullopt;
  Bytes out{};
  std::memcpy(out.data(), &v6, 16);
  return out;
}

// A bare address: no port, no brackets.
std::optional<Bytes> parse_plain(std::string_view text) {
  if (text.find(':') != std::string_view::npos) return parse_v6(text);
  return parse_v4(text);
}

bool is_v4_mapped(const Bytes& ip) {
  for (int i = 0; i < 10; ++i) {
    if (ip[i] != 0) return false;
  }
  return ip[10] == 0xff && ip[11] == 0xff;
}

}  // namespace

bool IpNetwork::contains(const Bytes& ip) const {
  const int full = prefix / 8;
  if (std::memcmp(address.data(), ip.data(), static_cast<std::size_t>(full)) != 0) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (address[full] & mask) == (ip[full] & mask);
}

std::optional<IpNetwork> parse_network(std::string_view text) {
  text = trim_spaces(text);
  const auto slash = text.find('/');
  const auto address = parse_plain(text.substr(0, slash));
  if (!address) return std::nullopt;
  const bool v4 = text.substr(0, slash).find(':') == std::string_view::npos;
  const int width = v4 ? 32 : 128;
  int prefix = width;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (prefix > width) return std::nullopt;
  }
  return IpNetwork{*address, v4 ? prefix + 96 : prefix};
}

std::vector<IpNetwork> parse_trusted_proxies(std::string_view list) {
  std::vector<IpNetwork> out;
  while (true) {
    const auto comma = list.find(',');
    const auto item = trim_spaces(list.substr(0, comma));
    if (!item.empty()) {
      auto network = parse_network(item);
      if (!network) {
        throw ConfigError("KEYCARD_TRUSTED_PROXIES must list IP addresses or CIDR ranges, got '" +
                          std::string(item.substr(0, 100)) + "'");
      }
      out.push_back(*network);
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<Bytes> parse_address(std::string_view text) {
  text = trim_spaces(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const auto after = text.substr(close + 1);
    if (!after.empty() && !(after.front() == ':' && all_digits(after.substr(1)))) return std::nullopt;
    return parse_v6(text.substr(1, close - 1));
  }
  const auto colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
    // One colon: IPv4 with a port.
    if (!all_digits(text.substr(colon + 1))) return std::nullopt;
    return parse_v4(text.substr(0, colon));
  }
  return parse_plain(text);
}

std::string format_address(const Bytes& ip) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (is_v4_mapped(ip)) {
    inet_ntop(AF_INET, ip.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, ip.data(), buf, sizeof buf);
  }
  return buf;
}

std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                           const std::vector<IpNetwork>& trusted) {
  auto is_trusted = [&](const Bytes& ip) {
    for (const auto& network : trusted) {
      if (network.contains(ip)) return true;
    }
    return false;
  };
  if (trusted.empty() || !forwarded_for) return std::string(peer);
  const auto peer_ip = parse_address(peer);
  if (!peer_ip || !is_trusted(*peer_ip)) return std::string(peer);

  Bytes last_trusted = *peer_ip;
  std::string_view rest = *forwarded_for;
  while (true) {
    const auto comma = rest.rfind(',');
    const auto entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    const auto ip = parse_address(entry);
    if (!ip) break;
    if (!is_trusted(*ip)) return format_address(*ip);
    last_trusted = *ip;
    if (comma == std::string_view::npos) break;
    rest = rest.substr(0, comma);
  }
  return format_address(last_trusted);
}

}  // namespace keycard::app
