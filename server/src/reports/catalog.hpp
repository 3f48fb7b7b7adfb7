// The report catalogue of each panel and the checks on a request's
// parameters. Pure: the lookups that need the database (a property of this
// tenant) are the service's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/rules.hpp"

namespace keycard::reports {

enum class Panel { hotel, admin };

struct ParameterSpec {
  std::string name;
  std::string type;  // "date", "uuid", "text", "enum"
  bool required = false;
  std::string description;
  std::vector<std::string> values;  // for "enum"
};

struct Definition {
  std::string id;
  std::string name;
  std::string description;
  std::vector<ParameterSpec> parameters;
};

[[nodiscard]] const std::vector<Definition>& catalogue(Panel panel);
[[nodiscard]] const Definition* find_report(Panel panel, std::string_view id);

// Validated parameters: only names the report knows, each checked for its
// type; dates are real days, from ≤ to within kMaxRangeDays.
struct Parameters {
  std::map<std::string, std::string> values;
  [[nodiscard]] std::optional<std::string> get(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
};

// Raw parameters as sent: a value, or nullopt for JSON null/absent. A value
// that is not a string (a number for a date) comes as nullopt in `wrong_type`.
struct RawParameters {
  std::map<std::string, std::string> values;
  std::vector<std::string> wrong_type;  // names sent with a non-string value
  std::vector<std::string> unknown;     // filled by validate(): names the report does not take
};

// Field errors keyed "parameters.<name>"; empty when `out` is good.
[[nodiscard]] std::map<std::string, std::string> validate(const Definition& def, const RawParameters& raw,
                                                          Parameters& out);

// The file name of a report with these parameters.
[[nodiscard]] std::string file_name(const Definition& def, const Parameters& p, Format f);

}  // namespace keycard::reports
