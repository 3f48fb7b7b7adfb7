#include "db/sqlite/constraint_names.hpp"

#include <regex>

namespace keycard::db::sqlite {
namespace {

std::string trim(std::string_view s) {
  const auto* space = " \t\r\n\"`[]";
  const auto b = s.find_first_not_of(space);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(space);
  return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split_columns(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const auto piece = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    out.push_back(lower(trim(piece)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::string detail_table(std::string_view detail) {
  if (detail.starts_with("index '")) return {};
  const auto dot = detail.find('.');
  return dot == std::string_view::npos ? std::string() : trim(detail.substr(0, dot));
}

std::string unique_constraint_name(std::string_view detail, const std::vector<std::string>& schema_sql,
                                   bool primary_key) {
  if (detail.starts_with("index '")) {
    const auto end = detail.find('\'', 7);
    return std::string(detail.substr(7, end == std::string_view::npos ? std::string_view::npos : end - 7));
  }
  const auto table = detail_table(detail);
  std::vector<std::string> columns;
  for (const auto& c : split_columns(detail)) {
    const auto dot = c.find('.');
    columns.push_back(dot == std::string::npos ? c : c.substr(dot + 1));
  }
  static const std::regex kConstraint(R"(CONSTRAINT\s+(\w+)\s+(?:UNIQUE|PRIMARY\s+KEY)\s*\(([^)]*)\))",
                                      std::regex::icase);
  static const std::regex kIndex(R"(CREATE\s+UNIQUE\s+INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+ON\s+\w+\s*\(([^)]*)\))",
                                 std::regex::icase);
  for (const auto& sql : schema_sql) {
    for (const auto* re : {&kConstraint, &kIndex}) {
      for (std::sregex_iterator it(sql.begin(), sql.end(), *re), end; it != end; ++it) {
        if (split_columns((*it)[2].str()) == columns) return (*it)[1].str();
      }
    }
  }
  if (primary_key) return table + "_pkey";
  std::string name = table;
  for (const auto& c : columns) name += "_" + c;
  return name + "_key";
}

}  // namespace keycard::db::sqlite
