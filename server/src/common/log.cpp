#include "common/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "common/clock.hpp"
#include "common/utf8.hpp"

namespace keycard::log {

void setup(const std::string& level) {
  auto logger = spdlog::stdout_logger_mt("keycard");
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void event(spdlog::level::level_enum level, const boost::json::object& fields) {
  if (!spdlog::should_log(level)) return;
  boost::json::object line;
  line["ts"] = now_text();
  line["level"] = spdlog::level::to_string_view(level).data();
  for (const auto& [k, v] : fields) line[k] = v;
  auto text = boost::json::serialize(line);
  if (!is_utf8(text)) text = to_valid_utf8(text);  // log readers expect UTF-8 lines
  spdlog::log(level, "{}", text);
}

}  // namespace keycard::log
