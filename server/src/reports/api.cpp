#include "reports/api.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/pagination.hpp"
#include "common/validation.hpp"
#include "hotel/shared/support.hpp"
#include "reports/service.hpp"
#include "request/context.hpp"

namespace keycard::reports {
namespace {
namespace json = boost::json;

json::value cell_json(const Cell& c) {
  if (std::holds_alternative<std::monostate>(c)) return nullptr;
  if (const auto* i = std::get_if<std::int64_t>(&c)) return *i;
  if (const auto* s = std::get_if<std::string>(&c)) return json::string(*s);
  // Money and ratios keep their exact decimals as text, never a float.
  return json::string(to_string(std::get<Decimal>(c)));
}

json::array rows_json(const std::vector<Row>& rows) {
  json::array out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    json::array cells;
    cells.reserve(row.size());
    for (const auto& c : row) cells.push_back(cell_json(c));
    out.push_back(std::move(cells));
  }
  return out;
}

json::object definition_json(const Definition& d) {
  json::array params;
  for (const auto& p : d.parameters) {
    json::object o{{"name", p.name}, {"type", p.type}, {"required", p.required}, {"description", p.description}};
    if (!p.values.empty()) {
      json::array values;
      for (const auto& v : p.values) values.push_back(json::string(v));
      o["values"] = std::move(values);
    }
    params.push_back(std::move(o));
  }
  return {{"id", d.id},
          {"name", d.name},
          {"description", d.description},
          {"formats", json::array{"csv", "xlsx", "pdf", "json"}},
          {"parameters", std::move(params)}};
}

json::object job_json(const Job& j, std::string_view base) {
  json::object params;
  for (const auto& [k, v] : j.parameters) params[k] = v;
  json::object o{{"id", j.id},
                 {"job_id", j.id},
                 {"report_id", j.report_id},
                 {"format", j.format},
                 {"parameters", std::move(params)},
                 {"status", j.status},
                 {"progress", j.progress},
                 {"rows", j.rows},
                 {"error", hotel::opt_json(j.error)},
                 {"attempts", j.attempts},
                 {"file_name", j.file_name},
                 {"created_by", hotel::opt_json(j.created_by)},
                 {"created_at", j.created_at},
                 {"started_at", hotel::opt_json(j.started_at)},
                 {"finished_at", hotel::opt_json(j.finished_at)},
                 {"expires_at", hotel::opt_json(j.expires_at)}};
  if (j.status == "done" && !j.file_deleted_at) {
    o["download_url"] = std::string(base) + "/reports/jobs/" + j.id + "/file";
  }
  return o;
}

ExportCommand parse_export(const http::Request& req, const request::Context& ctx, Panel panel) {
  const auto body = parse_json_object(req.body);
  if (panel == Panel::hotel) hotel::check_body_tenant(ctx, body);
  ExportCommand cmd;
  cmd.report_id = req.param("report_id");
  if (const auto* f = body.if_contains("format"); f && f->is_string()) cmd.format = std::string(f->as_string());
  if (const auto* p = body.if_contains("parameters"); p && !p->is_null()) {
    if (!p->is_object()) throw ValidationError(std::map<std::string, std::string>{{"parameters", "must be an object"}});
    for (const auto& [k, v] : p->as_object()) {
      const std::string key(truncate_utf8(std::string_view(k.data(), k.size()), 60));
      if (v.is_string()) {
        cmd.parameters.values[key] = std::string(v.as_string());
      } else if (!v.is_null()) {
        cmd.parameters.wrong_type.push_back(key);
      }
    }
  }
  cmd.async = query_bool(req, "async").value_or(false);
  return cmd;
}

void add_panel(http::Router& router, Panel panel) {
  const std::string scope_name = panel == Panel::hotel ? "hotel" : "admin";
  const std::string base = "/api/" + scope_name;
  const auto scope = panel == Panel::hotel ? http::Scope::hotel : http::Scope::admin;
  const auto read = scope_name + ":reports:read";
  const auto exp = scope_name + ":reports:export";

  router.add({"GET", base + "/reports", scope, read, [panel](http::Request&, request::Context&) {
                json::array items;
                for (const auto& d : catalogue(panel)) items.push_back(definition_json(d));
                const auto n = static_cast<std::int64_t>(items.size());
                return http::Response::json(200, hotel::page_json(std::move(items), 1, n, n));
              }});
  http::Route run{"POST", base + "/reports/{report_id}", scope, exp,
                  [panel, base](http::Request& req, request::Context& ctx) {
                    const auto result = export_report(ctx, panel, parse_export(req, ctx, panel));
                    if (const auto* file = std::get_if<FileResult>(&result)) {
                      return http::Response::attachment(file->body, file->content_type, file->file_name);
                    }
                    if (const auto* p = std::get_if<Preview>(&result)) {
                      json::array columns;
                      for (const auto& c : p->columns) {
                        columns.push_back({{"name", c.name}, {"label", c.label}, {"type", type_name(c.type)}});
                      }
                      return http::Response::json(200, json::object{{"report_id", p->report_id},
                                                                    {"columns", std::move(columns)},
                                                                    {"rows", rows_json(p->rows)},
                                                                    {"totals", rows_json(p->totals)},
                                                                    {"truncated", p->truncated}});
                    }
                    const auto& job = std::get<Job>(result);
                    auto r = http::Response::json(202, job_json(job, base));
                    r.with_header("Location", base + "/reports/jobs/" + job.id);
                    return r;
                  }};
  run.uuid_params = false;  // report ids are names; the service answers 404 for unknown ones
  router.add(std::move(run));
  router.add({"GET", base + "/reports/jobs", scope, read, [panel, base](http::Request& req, request::Context& ctx) {
                const auto page = parse_page(req, {{"created_at", "created_at"}}, "-created_at");
                auto [jobs, total] = list_jobs(ctx, panel, page.page, page.limit);
                json::array items;
                for (const auto& j : jobs) items.push_back(job_json(j, base));
                return http::Response::json(200, hotel::page_json(std::move(items), page.page, page.limit, total));
              }});
  router.add(
      {"GET", base + "/reports/jobs/{job_id}", scope, read, [panel, base](http::Request& req, request::Context& ctx) {
         return http::Response::json(200, job_json(get_job(ctx, panel, req.param("job_id")), base));
       }});
  router.add(
      {"GET", base + "/reports/jobs/{job_id}/file", scope, read, [panel](http::Request& req, request::Context& ctx) {
         const auto file = job_file(ctx, panel, req.param("job_id"));
         auto r = http::Response::attachment({}, file.content_type, file.file_name);
         r.file_path = file.path.string();
         return r;
       }});
}

}  // namespace

void register_routes(http::Router& router) {
  add_panel(router, Panel::hotel);
  add_panel(router, Panel::admin);
}

}  // namespace keycard::reports
