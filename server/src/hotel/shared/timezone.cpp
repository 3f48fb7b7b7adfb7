#include "hotel/shared/timezone.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include "hotel/shared/support.hpp"

namespace keycard::hotel::tz {
namespace {

// A POSIX TZ rule of a TZif footer ("CET-1CEST,M3.5.0,M10.5.0/3"): what
// applies after the file's last transition. Only the M (month.week.day) rule
// form is understood; other forms keep standard time.
struct PosixRule {
  std::int64_t std_offset = 0;  // seconds east of UTC
  std::optional<std::int64_t> dst_offset;
  int start_month = 0, start_week = 0, start_day = 0;
  std::int64_t start_time = 7200;
  int end_month = 0, end_week = 0, end_day = 0;
  std::int64_t end_time = 7200;
};

struct Zone {
  std::vector<std::int64_t> transitions;
  std::vector<std::uint8_t> type_index;
  std::vector<std::int64_t> offsets;  // per local time type
  std::optional<PosixRule> footer;
};

std::int64_t be(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

// Parses [+-]hh[:mm[:ss]]; returns seconds.
bool parse_hms(std::string_view& s, std::int64_t& out) {
  int sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  std::int64_t parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    if (s.empty() || s[0] < '0' || s[0] > '9') {
      if (i == 0) return false;
      break;
    }
    std::int64_t n = 0;
    while (!s.empty() && s[0] >= '0' && s[0] <= '9') {
      n = n * 10 + (s[0] - '0');
      s.remove_prefix(1);
    }
    parts[i] = n;
    if (i < 2 && !s.empty() && s[0] == ':') {
      s.remove_prefix(1);
    } else {
      break;
    }
  }
  out = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return true;
}

bool skip_name(std::string_view& s) {
  if (!s.empty() && s[0] == '<') {
    const auto end = s.find('>');
    if (end == std::string_view::npos) return false;
    s.remove_prefix(end + 1);
    return true;
  }
  std::size_t n = 0;
  while (n < s.size() && ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z'))) ++n;
  if (n < 3) return false;
  s.remove_prefix(n);
  return true;
}

bool parse_m_rule(std::string_view& s, int& month, int& week, int& day, std::int64_t& time) {
  if (s.empty() || s[0] != 'M') return false;
  s.remove_prefix(1);
  int vals[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    int n = 0;
    bool any = false;
    while (!s.empty() && s[0] >= '0' && s[0] <= '9') {
      n = n * 10 + (s[0] - '0');
      s.remove_prefix(1);
      any = true;
    }
    if (!any) return false;
    vals[i] = n;
    if (i < 2) {
      if (s.empty() || s[0] != '.') return false;
      s.remove_prefix(1);
    }
  }
  month = vals[0];
  week = vals[1];
  day = vals[2];
  time = 7200;
  if (!s.empty() && s[0] == '/') {
    s.remove_prefix(1);
    if (!parse_hms(s, time)) return false;
  }
  return month >= 1 && month <= 12 && week >= 1 && week <= 5 && day >= 0 && day <= 6;
}

std::optional<PosixRule> parse_posix(std::string_view s) {
  PosixRule r;
  if (!skip_name(s)) return std::nullopt;
  std::int64_t off = 0;
  if (!parse_hms(s, off)) return std::nullopt;
  r.std_offset = -off;  // POSIX counts west of UTC as positive
  if (s.empty()) return r;
  if (!skip_name(s)) return std::nullopt;
  r.dst_offset = r.std_offset + 3600;
  if (!s.empty() && s[0] != ',') {
    if (!parse_hms(s, off)) return std::nullopt;
    r.dst_offset = -off;
  }
  if (s.empty() || s[0] != ',') {
    r.dst_offset.reset();  // no rule we understand: keep standard time
    return r;
  }
  s.remove_prefix(1);
  if (!parse_m_rule(s, r.start_month, r.start_week, r.start_day, r.start_time) || s.empty() || s[0] != ',') {
    r.dst_offset.reset();
    return r;
  }
  s.remove_prefix(1);
  if (!parse_m_rule(s, r.end_month, r.end_week, r.end_day, r.end_time)) r.dst_offset.reset();
  return r;
}

// Unix day of the w-th (5 = last) weekday d (0 = Sunday) of month m in year y.
std::int64_t rule_day(int y, int m, int w, int d) {
  using namespace std::chrono;
  const sys_days first{year{y} / month{static_cast<unsigned>(m)} / day{1}};
  const int first_wd = static_cast<int>(weekday{first}.c_encoding());
  std::int64_t dd = first.time_since_epoch().count() + ((d - first_wd + 7) % 7) + 7 * (w - 1);
  const std::int64_t next_month = sys_days{year_month_day{first} + months{1}}.time_since_epoch().count();
  while (dd >= next_month) dd -= 7;
  return dd;
}

std::int64_t rule_offset(const PosixRule& r, std::int64_t t) {
  if (!r.dst_offset) return r.std_offset;
  using namespace std::chrono;
  const auto y = static_cast<int>(year_month_day{sys_days{days{(t + r.std_offset) / 86400}}}.year());
  // Start is given in local standard time, end in local daylight time.
  const std::int64_t start =
      rule_day(y, r.start_month, r.start_week, r.start_day) * 86400 + r.start_time - r.std_offset;
  const std::int64_t end = rule_day(y, r.end_month, r.end_week, r.end_day) * 86400 + r.end_time - *r.dst_offset;
  const bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
  return dst ? *r.dst_offset : r.std_offset;
}

std::string zone_dir() {
  if (const char* d = std::getenv("TZDIR"); d && *d) return d;
  return "/usr/share/zoneinfo";
}

bool safe_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
           c == '-' || c == '+';
  });
}

std::shared_ptr<const Zone> parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  const std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() < 44 || std::string_view(reinterpret_cast<const char*>(data.data()), 4) != "TZif") return nullptr;
  auto counts = [&](std::size_t at, std::int64_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = be(&data[at + 20 + static_cast<std::size_t>(i) * 4], 4);
  };
  std::int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  const bool v2 = data[4] >= '2';
  std::size_t pos = 44;
  int tsize = 4;
  if (v2) {
    pos += static_cast<std::size_t>(c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (data.size() < pos + 44) return nullptr;
    counts(pos, c);
    pos += 44;
    tsize = 8;
  }
  const auto need = static_cast<std::size_t>(c[3] * tsize + c[3] + c[4] * 6 + c[5] + c[2] * (tsize + 4) + c[1] + c[0]);
  if (c[4] < 1 || data.size() < pos + need) return nullptr;
  auto zone = std::make_shared<Zone>();
  for (std::int64_t i = 0; i < c[3]; ++i) {
    zone->transitions.push_back(be(&data[pos], tsize));
    pos += static_cast<std::size_t>(tsize);
  }
  for (std::int64_t i = 0; i < c[3]; ++i) {
    const auto idx = data[pos++];
    if (idx >= c[4]) return nullptr;
    zone->type_index.push_back(idx);
  }
  for (std::int64_t i = 0; i < c[4]; ++i) {
    zone->offsets.push_back(be(&data[pos], 4));
    pos += 6;
  }
  pos += static_cast<std::size_t>(c[5] + c[2] * (tsize + 4) + c[1] + c[0]);
  if (v2 && pos < data.size() && data[pos] == '\n') {
    const auto end = std::find(data.begin() + static_cast<std::ptrdiff_t>(pos) + 1, data.end(), '\n');
    const std::string footer(data.begin() + static_cast<std::ptrdiff_t>(pos) + 1, end);
    if (!footer.empty()) zone->footer = parse_posix(footer);
  }
  return zone;
}

std::shared_ptr<const Zone> load(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Zone>, std::less<>> cache;
  if (!safe_name(name)) return nullptr;
  const std::lock_guard lock(mutex);
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  auto zone = parse_file(zone_dir() + "/" + std::string(name));
  if (cache.size() < 1000) cache.emplace(std::string(name), zone);
  return zone;
}

}  // namespace

bool is_known_zone(std::string_view name) { return load(name) != nullptr; }

std::int64_t utc_offset(std::string_view name, std::int64_t t) {
  const auto zone = load(name);
  if (!zone) throw std::runtime_error("unknown time zone: " + std::string(name.substr(0, 64)));
  const auto& tr = zone->transitions;
  if (tr.empty() || t < tr.front()) {
    if (tr.empty() && zone->footer) return rule_offset(*zone->footer, t);
    return zone->offsets.front();
  }
  if (t >= tr.back() && zone->footer) return rule_offset(*zone->footer, t);
  const auto it = std::upper_bound(tr.begin(), tr.end(), t);
  const auto i = static_cast<std::size_t>(std::distance(tr.begin(), it) - 1);
  return zone->offsets[zone->type_index[i]];
}

std::string local_date(std::string_view zone, std::chrono::system_clock::time_point at) {
  const auto t = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  const auto local = t + utc_offset(zone, t);
  auto days = local / 86400;
  if (local % 86400 < 0) --days;
  return date_from_days(days);
}

std::string local_time(std::string_view zone, std::chrono::system_clock::time_point at) {
  const auto t = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  auto seconds = (t + utc_offset(zone, t)) % 86400;
  if (seconds < 0) seconds += 86400;
  const auto h = seconds / 3600;
  const auto m = (seconds % 3600) / 60;
  std::string out =
      std::to_string(h / 10) + std::to_string(h % 10) + ":" + std::to_string(m / 10) + std::to_string(m % 10);
  return out;
}

}  // namespace keycard::hotel::tz
