// Structured logs: one JSON object per line (spdlog with a bare pattern).
#pragma once

#include <spdlog/common.h>
#include <boost/json/object.hpp>

#include <string>

namespace keycard::log {

void setup(const std::string& level);  // "info", "warn", ...
void event(spdlog::level::level_enum level, const boost::json::object& fields);
inline void info(const boost::json::object& f) { event(spdlog::level::info, f); }
inline void warn(const boost::json::object& f) { event(spdlog::level::warn, f); }
inline void error(const boost::json::object& f) { event(spdlog::level::err, f); }

}  // namespace keycard::log
