// Reports: run one now (a file, or a JSON preview) or queue it as a job;
// read jobs and their files. Typed values in and out: api.cpp does JSON/HTTP.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "reports/catalog.hpp"
#include "reports/jobs.hpp"
#include "reports/table.hpp"
#include "request/context.hpp"

namespace keycard::reports {

struct ExportCommand {
  std::string report_id;
  std::string format;
  RawParameters parameters;
  bool async = false;
};

struct FileResult {
  std::string body;
  std::string file_name;
  std::string content_type;
};

struct Preview {
  std::string report_id;
  std::vector<Column> columns;
  std::vector<Row> rows;
  std::vector<Row> totals;  // empty when truncated
  bool truncated = false;
};

using ExportResult = std::variant<FileResult, Preview, Job>;

ExportResult export_report(request::Context& ctx, Panel panel, const ExportCommand& cmd);
Job get_job(request::Context& ctx, Panel panel, const std::string& id);
std::pair<std::vector<Job>, std::int64_t> list_jobs(request::Context& ctx, Panel panel, std::int64_t page,
                                                    std::int64_t limit);

struct JobFile {
  std::filesystem::path path;
  std::string file_name;
  std::string content_type;
};
JobFile job_file(request::Context& ctx, Panel panel, const std::string& id);

// ---- shared with the worker ----

// Where a job's finished file lives: <data_dir>/reports/<tenant id | platform>/<job id>.<ext>.
[[nodiscard]] std::filesystem::path job_path(const std::string& data_dir, const Job& job);

// Thrown by the row sink when a run passes its row limit.
struct RowLimitReached : std::exception {
  [[nodiscard]] const char* what() const noexcept override { return "row limit reached"; }
};

struct RunHooks {
  std::int64_t max_rows = 0;                            // 0: no limit; more throw RowLimitReached
  std::function<void(std::int64_t expected)> on_start;  // set: count the rows first (progress)
  std::function<void(std::int64_t rows)> on_rows;       // every few hundred rows
};

// Writes one report through `writer` in a read transaction of its scope
// (the tenant's, or the platform's when `scope` is empty); returns the rows.
std::int64_t write_report(db::Database& db, const std::optional<access::TenantScope>& scope, Panel panel,
                          const Definition& def, const Parameters& params, Writer& writer, const RunHooks& hooks);

[[nodiscard]] std::unique_ptr<Writer> make_writer(Format f, const std::filesystem::path& path);

}  // namespace keycard::reports
