// Structured logs: one JSON object per line (spdlog with a bare pattern).
#pragma once

#include <spdlog/common.h>
#include <boost/json/object.hpp>

#include <string>

namespace keycard::log {

void setup(const std::string& level);  // "info", "warn", ...
void event(spdlog::level::level_enum level, boost::json::object fields);
inline void info(boost::json::object f) { event(spdlog::level::info, std::move(f)); }
inline void warn(boost::json::object f) { event(spdlog::level::warn, std::move(f)); }
inline void error(boost::json::object f) { event(spdlog::level::err, std::move(f)); }

}  // namespace keycard::log
