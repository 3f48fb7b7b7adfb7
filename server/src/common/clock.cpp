#include "common/clock.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string_view>

namespace keycard {

namespace {

// Writes `value` as `width` decimal digits (zero-padded) at `out`.
void put_digits(char* out, long long value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// The decimal number of `width` digits at `pos`, or -1 when they are not all digits.
int digits_at(std::string_view s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

// Calendar arithmetic of <chrono>, no libc time calls: this runs for every
// timestamp of every row a query returns.
std::string format_time(TimePoint t) {
  using namespace std::chrono;
  const auto us = time_point_cast<microseconds>(t);
  const auto day = floor<days>(us);
  const year_month_day ymd(day);
  const hh_mm_ss<microseconds> hms(us - day);
  std::string out(27, ' ');
  put_digits(out.data(), static_cast<int>(ymd.year()), 4);
  out[4] = '-';
  put_digits(out.data() + 5, static_cast<unsigned>(ymd.month()), 2);
  out[7] = '-';
  put_digits(out.data() + 8, static_cast<unsigned>(ymd.day()), 2);
  out[10] = 'T';
  put_digits(out.data() + 11, hms.hours().count(), 2);
  out[13] = ':';
  put_digits(out.data() + 14, hms.minutes().count(), 2);
  out[16] = ':';
  put_digits(out.data() + 17, hms.seconds().count(), 2);
  out[19] = '.';
  put_digits(out.data() + 20, hms.subseconds().count(), 6);
  out[26] = 'Z';
  return out;
}

std::string now_text() { return format_time(std::chrono::system_clock::now()); }

std::int64_t unix_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

TimePoint parse_time(std::string_view text) {
  // YYYY-MM-DD[T ]HH:MM:SS[.ffffff](Z|+00|+00:00|+0000); an out-of-range
  // field rolls over (2024-02-30 is 2024-03-01), as timegm would.
  using namespace std::chrono;
  const int y = digits_at(text, 0, 4), mo = digits_at(text, 5, 2), d = digits_at(text, 8, 2);
  const int h = digits_at(text, 11, 2), mi = digits_at(text, 14, 2), s = digits_at(text, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || text[4] != '-' || text[7] != '-' || text[13] != ':' ||
      text[16] != ':') {
    throw std::invalid_argument("bad timestamp: " + std::string(text.substr(0, 64)));
  }
  long micros = 0;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (text[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    while (digits++ < 6) micros *= 10;
  }
  long offset = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int oh = std::max(digits_at(text, pos + 1, 2), 0);
    int om = 0;
    if (pos + 3 < text.size()) om = std::max(digits_at(text, pos + (text[pos + 3] == ':' ? 4 : 3), 2), 0);
    offset = (oh * 3600L + om * 60L) * (text[pos] == '-' ? -1 : 1);
  }
  const auto month_start = year_month{year{y}, month{1}} + months{mo - 1};
  const sys_days day = sys_days(month_start / 1) + days{d - 1};
  return TimePoint(day) + hours{h} + minutes{mi} + seconds{s - offset} + microseconds{micros};
}

}  // namespace keycard
