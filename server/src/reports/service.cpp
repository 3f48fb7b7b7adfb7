#include "reports/service.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/utf8.hpp"
#include "reports/document.hpp"
#include "reports/queue.hpp"
#include "reports/sources.hpp"
#include "request/context.hpp"

namespace keycard::reports {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

// Collects a preview's rows (at most the sync row limit: bounded memory).
class PreviewWriter final : public Writer {
 public:
  explicit PreviewWriter(Preview& out) : out_(out) {}
  void begin(const Meta& meta) override { out_.columns = meta.columns; }
  void row(const Row& row) override { out_.rows.push_back(row); }
  void finish(const std::vector<Row>& totals) override { out_.totals = totals; }

 private:
  Preview& out_;
};

std::optional<access::TenantScope> scope_of(const request::Context& ctx, Panel panel) {
  if (panel == Panel::admin) return std::nullopt;
  return ctx.scope();
}

const Definition& require_report(Panel panel, const std::string& id) {
  const auto* def = find_report(panel, id);
  if (!def) throw NotFound("There is no report '" + std::string(truncate_utf8(id, 60)) + "'.", "report_not_found");
  return *def;
}

json::object audit_changes(const Definition& def, Format f, const Parameters& p) {
  json::object params;
  for (const auto& [k, v] : p.values) params[k] = v;
  return {{"report", def.id}, {"format", std::string(format_name(f))}, {"parameters", std::move(params)}};
}

void record_export(db::Transaction& tx, const request::Context& ctx, Panel panel, const Definition& def, Format f,
                   const Parameters& p, const json::object& extra) {
  auto changes = audit_changes(def, f, p);
  for (const auto& [k, v] : extra) changes[k] = v;
  audit::Entry e;
  if (panel == Panel::hotel) e.tenant_id = ctx.scope().tenant_id();
  e.action = "report.exported";
  e.resource_type = "report";
  e.resource_id = def.id;
  e.changes = std::move(changes);
  audit::record(tx, ctx.actor(), e);
}

db::Transaction write_tx(request::Context& ctx, Panel panel) {
  return panel == Panel::hotel ? ctx.db().begin(db::TxMode::write, ctx.scope())
                               : ctx.db().begin_platform(db::TxMode::write);
}

db::Transaction read_tx(request::Context& ctx, Panel panel) {
  return panel == Panel::hotel ? ctx.db().begin(db::TxMode::read, ctx.scope())
                               : ctx.db().begin_platform(db::TxMode::read);
}

// Another tenant's property answers exactly like one that does not exist.
void check_property(request::Context& ctx, Panel panel, const Parameters& p) {
  const auto id = p.get("property_id");
  if (panel != Panel::hotel || !id) return;
  auto tx = read_tx(ctx, panel);
  const auto found =
      tx.one("SELECT id FROM properties WHERE tenant_id = $1 AND id = $2", {ctx.scope().tenant_id(), *id});
  tx.commit();
  if (!found) {
    throw ValidationError(
        std::map<std::string, std::string>{{"parameters.property_id", "There is no property with this id."}});
  }
}

Job enqueue(request::Context& ctx, Panel panel, const Definition& def, Format f, const Parameters& p) {
  Job job;
  job.id = new_uuid();
  job.report_id = def.id;
  job.format = std::string(format_name(f));
  job.parameters = p.values;
  job.file_name = file_name(def, p, f);
  job.created_by = ctx.user().user_id;
  if (ctx.user().impersonation) job.impersonated_by = ctx.user().impersonation->admin_user_id;
  job.created_at = now_text();
  auto tx = write_tx(ctx, panel);
  if (panel == Panel::hotel) {
    job.tenant_id = ctx.scope().tenant_id();
    jobs::insert(tx, ctx.scope(), job);
  } else {
    jobs::insert_platform(tx, job);
  }
  record_export(tx, ctx, panel, def, f, p, {{"job_id", job.id}});
  tx.commit();
  ctx.services.report_queue.notify();
  return job;
}

}  // namespace

std::unique_ptr<Writer> make_writer(Format f, const fs::path& path) {
  switch (f) {
    case Format::csv:
      return make_csv_writer(path);
    case Format::xlsx:
      return make_xlsx_writer(path);
    case Format::pdf:
      return make_pdf_writer(path);
    case Format::json:
      break;
  }
  throw std::logic_error("json is a preview, not a file");
}

fs::path job_path(const std::string& data_dir, const Job& job) {
  const auto ext = parse_format(job.format).value_or(Format::csv);
  return fs::path(data_dir) / "reports" / job.tenant_id.value_or("platform") /
         (job.id + "." + std::string(extension(ext)));
}

std::int64_t write_report(db::Database& db, const std::optional<access::TenantScope>& scope, Panel panel,
                          const Definition& def, const Parameters& params, Writer& writer, const RunHooks& hooks) {
  auto tx = scope ? db.begin(db::TxMode::read, *scope) : db.begin_platform(db::TxMode::read);
  Meta meta;
  meta.report_id = def.id;
  meta.title = def.name;
  meta.organisation = "Keycard platform";
  if (scope) {
    if (auto r = tx.one("SELECT name FROM tenants WHERE id = $1", {scope->tenant_id()})) meta.organisation = r->text(0);
  }
  for (const auto& spec : def.parameters) {
    if (auto v = params.get(spec.name)) meta.parameters.emplace_back(spec.name, *v);
  }
  meta.generated_at = now_text().substr(0, 19) + "Z";
  auto source = panel == Panel::hotel ? hotel_source(def, params, *scope) : admin_source(def, params);
  meta.columns = source.columns;
  if (hooks.on_start) hooks.on_start(source.count(tx));
  writer.begin(meta);
  std::int64_t rows = 0;
  std::vector<Row> totals;
  source.produce(
      tx,
      [&](const Row& row) {
        if (hooks.max_rows > 0 && rows >= hooks.max_rows) throw RowLimitReached();
        writer.row(row);
        ++rows;
        if (hooks.on_rows && rows % 512 == 0) hooks.on_rows(rows);
      },
      totals);
  writer.finish(totals);
  tx.commit();
  return rows;
}

ExportResult export_report(request::Context& ctx, Panel panel, const ExportCommand& cmd) {
  const auto& def = require_report(panel, cmd.report_id);
  std::map<std::string, std::string> errors;
  const auto format = parse_format(cmd.format);
  if (!format) errors["format"] = "must be one of csv, xlsx, pdf, json";
  if (format == Format::json && cmd.async) {
    errors["format"] = "json is the preview format; choose csv, xlsx or pdf for a background export";
  }
  Parameters params;
  for (const auto& [k, v] : validate(def, cmd.parameters, params)) errors.emplace(k, v);
  if (!errors.empty()) throw ValidationError(std::move(errors));
  check_property(ctx, panel, params);

  const auto& config = ctx.services;
  const auto scope = scope_of(ctx, panel);
  if (*format == Format::json) {
    Preview preview;
    preview.report_id = def.id;
    PreviewWriter writer(preview);
    try {
      write_report(ctx.db(), scope, panel, def, params, writer, {config.report_sync_rows, {}, {}});
    } catch (const RowLimitReached&) {
      preview.truncated = true;
      preview.totals.clear();
    }
    // A preview shows the data as much as a file does: audited the same way.
    auto tx = write_tx(ctx, panel);
    record_export(tx, ctx, panel, def, *format, params,
                  {{"rows", static_cast<std::int64_t>(preview.rows.size())}, {"truncated", preview.truncated}});
    tx.commit();
    return preview;
  }
  if (!cmd.async) {
    const auto dir = fs::path(config.data_dir) / "reports" / "tmp";
    fs::create_directories(dir);
    TempFile tmp(dir / (new_uuid() + "." + std::string(extension(*format))));
    bool fits = true;
    std::int64_t rows = 0;
    {
      auto writer = make_writer(*format, tmp.path);
      try {
        rows = write_report(ctx.db(), scope, panel, def, params, *writer, {config.report_sync_rows, {}, {}});
      } catch (const RowLimitReached&) {
        fits = false;
      }
    }
    if (fits) {
      FileResult file{read_all(tmp.path), file_name(def, params, *format), std::string(content_type(*format))};
      auto tx = write_tx(ctx, panel);
      record_export(tx, ctx, panel, def, *format, params, {{"rows", rows}});
      tx.commit();
      return file;
    }
  }
  return enqueue(ctx, panel, def, *format, params);
}

Job get_job(request::Context& ctx, Panel panel, const std::string& id) {
  auto tx = read_tx(ctx, panel);
  auto job = panel == Panel::hotel ? jobs::find(tx, ctx.scope(), id) : jobs::find_platform(tx, id);
  tx.commit();
  if (!job) throw NotFound("There is no report job with this id.", "job_not_found");
  return *job;
}

std::pair<std::vector<Job>, std::int64_t> list_jobs(request::Context& ctx, Panel panel, std::int64_t page,
                                                    std::int64_t limit) {
  auto tx = read_tx(ctx, panel);
  // An impersonation that names no user acts as the hotel itself: its
  // "own" jobs are the hotel's, which is what support comes to look at.
  const auto& user = ctx.user();
  const bool as_hotel = user.impersonation && !user.impersonation->target_user_id;
  auto out = panel == Panel::hotel
                 ? jobs::list(tx, ctx.scope(), as_hotel ? std::nullopt : std::optional(user.user_id), page, limit)
                 : jobs::list_platform(tx, ctx.user().user_id, page, limit);
  tx.commit();
  return out;
}

JobFile job_file(request::Context& ctx, Panel panel, const std::string& id) {
  const auto job = get_job(ctx, panel, id);
  if (job.status == "queued" || job.status == "running") {
    throw Conflict("The report is still being prepared (" + std::to_string(job.progress) + "%).", "job_not_done");
  }
  if (job.status == "failed") {
    throw Conflict(job.error.value_or("The report failed; run it again."), "job_failed");
  }
  const auto path = job_path(ctx.services.data_dir, job);
  std::error_code ec;
  if (job.file_deleted_at || !fs::exists(path, ec)) {
    throw ApiError(410, "report_expired", "Gone", "The report file is no longer kept; run the report again.");
  }
  const auto f = parse_format(job.format).value_or(Format::csv);
  return {path, job.file_name, std::string(content_type(f))};
}

}  // namespace keycard::reports
