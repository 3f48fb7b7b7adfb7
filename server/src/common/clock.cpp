#include "common/clock.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace keycard {

std::string format_time(TimePoint t) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(us / 1'000'000);
  long frac = static_cast<long>(us % 1'000'000);
  if (frac < 0) {
    frac += 1'000'000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

std::string now_text() { return format_time(std::chrono::system_clock::now()); }

std::int64_t unix_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

TimePoint parse_time(std::string_view text) {
  // YYYY-MM-DD[T ]HH:MM:SS[.ffffff](Z|+00|+00:00)
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const std::string str(text);
  if (str.size() < 19 || std::sscanf(str.c_str(), "%4d-%2d-%2d%*c%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) {
    throw std::invalid_argument("bad timestamp: " + str);
  }
  long micros = 0;
  std::size_t pos = 19;
  if (pos < str.size() && str[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < str.size() && std::isdigit(static_cast<unsigned char>(str[pos]))) {
      if (digits < 6) {
        micros = micros * 10 + (str[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    while (digits++ < 6) micros *= 10;
  }
  long offset = 0;
  if (pos < str.size() && (str[pos] == '+' || str[pos] == '-')) {
    int oh = 0, om = 0;
    std::sscanf(str.c_str() + pos + 1, "%2d:%2d", &oh, &om);
    if (str.size() >= pos + 5 && str[pos + 3] != ':') std::sscanf(str.c_str() + pos + 3, "%2d", &om);
    offset = (oh * 3600L + om * 60L) * (str[pos] == '-' ? -1 : 1);
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  const std::time_t secs = timegm(&tm) - offset;
  return TimePoint(std::chrono::seconds(secs)) + std::chrono::microseconds(micros);
}

}  // namespace keycard
