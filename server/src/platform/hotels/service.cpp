#include "platform/hotels/service.hpp"
#include "db/write.hpp"

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "auth/password.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/validation.hpp"
#include "platform/catalogue.hpp"
#include "platform/users.hpp"
#include "request/context.hpp"

namespace keycard::platform::hotels {
namespace json = boost::json;

json::object to_json(const Hotel& h) {
  auto parse_or_empty = [](const std::string& text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? json::value(json::object{}) : v;
  };
  json::object o{{"id", h.id},
                 {"name", h.name},
                 {"slug", h.slug},
                 {"type", h.type},
                 {"status", h.status},
                 {"status_reason", h.status_reason ? json::value(*h.status_reason) : json::value(nullptr)},
                 {"email", h.email},
                 {"phone", h.phone ? json::value(*h.phone) : json::value(nullptr)},
                 {"address", parse_or_empty(h.address)},
                 {"config", parse_or_empty(h.config)},
                 {"subscription", parse_or_empty(h.subscription)},
                 {"metadata", parse_or_empty(h.metadata)},
                 {"created_at", h.created_at},
                 {"updated_at", h.updated_at},
                 {"deleted_at", h.deleted_at ? json::value(*h.deleted_at) : json::value(nullptr)},
                 {"version", h.version}};
  const auto& sub = o["subscription"];
  o["subscription_tier"] = sub.is_object() && sub.as_object().contains("tier") ? sub.at("tier") : json::value(nullptr);
  return o;
}

namespace {

std::string json_field(Fields& f, std::string_view key) {
  const auto* v = f.raw(key);
  if (!v) return "{}";
  if (!v->is_object()) {
    f.add_error(std::string(key), "must be an object");
    return "{}";
  }
  auto text = json::serialize(*v);
  if (text.size() > 8192) {
    f.add_error(std::string(key), "is too large");
    return "{}";
  }
  return text;
}

}  // namespace

json::object create(request::Context& ctx, const json::object& body) {
  Fields f(body);
  Hotel h;
  h.id = new_uuid();
  h.name = f.required_string("name", 200);
  h.slug = f.required_slug("slug", 63);
  h.type = f.required_enum("type", kTypes);
  h.email = f.required_email("email");
  h.phone = f.optional_string("phone", 40);
  h.address = json_field(f, "address");
  h.config = json_field(f, "config");
  h.metadata = json_field(f, "metadata");
  auto tier = f.optional_string("subscription_tier", 50);
  h.subscription = tier ? json::serialize(json::object{{"tier", *tier}}) : "{}";
  h.status = "TRIAL";
  h.created_by = ctx.user().user_id;
  h.created_at = h.updated_at = now_text();

  std::optional<NewUser> manager;
  if (const auto* m = f.raw("manager")) {
    if (!m->is_object()) {
      f.add_error("manager", "must be an object");
    } else {
      Fields mf(m->as_object());
      NewUser u;
      u.email = mf.required_email("email");
      u.first_name = mf.required_string("first_name", 100);
      u.last_name = mf.required_string("last_name", 100);
      u.password = mf.required_secret("password", 256);
      if (!u.password.empty()) mf.add_errors(auth::password_problems(u.password));
      u.user_type = "hotel";
      try {
        mf.finish();
        manager = u;
      } catch (const ValidationError& e) {
        for (const auto& [k, v] : e.field_errors()) f.add_error("manager." + k, v);
      }
    }
  }
  f.finish();

  auto tx = ctx.db().begin_platform(db::TxMode::write);
  db::on_constraint(
      {{"tenants_slug_key", Conflict("A hotel with the slug '" + h.slug + "' already exists.", "slug_taken")}},
      [&] { repo::insert(tx, h); });
  ensure_system_roles(tx, h.id);
  json::object changes{{"name", h.name}, {"slug", h.slug}, {"type", h.type}, {"status", h.status}, {"email", h.email}};
  std::optional<std::string> manager_id;
  if (manager) {
    try {
      manager_id = create_user(tx, *manager, ctx.user().user_id, "manager.email");
    } catch (const ValidationError& e) {
      throw Conflict("The manager's email address is already used by another account.", "email_taken");
    }
    add_membership(tx, h.id, *manager_id, {"hotel-manager"}, ctx.user().user_id);
    changes["manager"] = json::object{{"id", *manager_id}, {"email", manager->email}};
  }
  audit::record(tx, ctx.actor(), {std::nullopt, "hotel.created", "tenant", h.id, changes});
  auto saved = repo::find(tx, h.id);
  tx.commit();
  auto out = to_json(*saved);
  if (manager_id) out["manager_user_id"] = *manager_id;
  return out;
}

json::object get(request::Context& ctx, const std::string& id) {
  auto tx = ctx.db().begin_platform(db::TxMode::read);
  auto h = repo::find(tx, id);
  if (!h) throw NotFound("There is no hotel with this id.");
  auto out = to_json(*h);
  const auto c = repo::counts(tx, id);
  out["counts"] = json::object{
      {"properties", c.properties}, {"rooms", c.rooms}, {"users", c.users}, {"reservations", c.reservations}};
  tx.commit();
  return out;
}

json::object list(request::Context& ctx, const repo::ListQuery& query) {
  auto tx = ctx.db().begin_platform(db::TxMode::read);
  auto [items, total] = repo::list(tx, query);
  tx.commit();
  json::array arr;
  for (const auto& h : items) arr.push_back(to_json(h));
  return {{"items", std::move(arr)}, {"page", query.page}, {"limit", query.limit}, {"total", total}};
}

namespace {

// The version a write is based on: the body's `version`, else If-Match.
std::int64_t required_version(Fields& f, std::optional<std::int64_t> if_match) {
  auto v = f.optional_int("version", 1, INT32_MAX);
  if (!v) v = if_match;
  if (!v) f.add_error("version", "is required: send the version you read (or an If-Match header)");
  return v.value_or(0);
}

Hotel load_for_change(db::Transaction& tx, const std::string& id, std::int64_t version) {
  auto h = repo::find(tx, id);
  if (!h) throw NotFound("There is no hotel with this id.");
  if (h->deleted_at) throw Conflict("The hotel is deleted and cannot be changed.", "hotel_deleted");
  db::check_version(version, h->version, "hotel");
  return *h;
}

void diff(json::object& changes, std::string_view field, const std::string& before, const std::string& after) {
  if (before != after) changes[field] = {{"before", before}, {"after", after}};
}

}  // namespace

json::object update(request::Context& ctx, const std::string& id, const json::object& body,
                    std::optional<std::int64_t> if_match) {
  Fields f(body);
  const auto version = required_version(f, if_match);
  auto name = f.has("name") ? std::optional(f.required_string("name", 200)) : std::nullopt;
  auto type = f.has("type") ? std::optional(f.required_enum("type", kTypes)) : std::nullopt;
  auto email = f.has("email") ? std::optional(f.required_email("email")) : std::nullopt;
  auto phone = f.optional_string("phone", 40);
  auto address = f.has("address") ? std::optional(json_field(f, "address")) : std::nullopt;
  auto config = f.has("config") ? std::optional(json_field(f, "config")) : std::nullopt;
  auto metadata = f.has("metadata") ? std::optional(json_field(f, "metadata")) : std::nullopt;
  auto tier = f.optional_string("subscription_tier", 50);
  if (f.has("slug")) f.add_error("slug", "cannot be changed");
  if (f.has("status")) f.add_error("status", "changes through POST /api/admin/hotels/{id}/status, with a reason");
  f.finish();

  auto tx = ctx.db().begin_platform(db::TxMode::write);
  const auto before = load_for_change(tx, id, version);
  auto after = before;
  if (name) after.name = *name;
  if (type) after.type = *type;
  if (email) after.email = *email;
  if (f.has("phone")) after.phone = phone;
  if (address) after.address = *address;
  if (config) after.config = *config;
  if (metadata) after.metadata = *metadata;
  if (tier) {
    auto sub = json::parse(before.subscription).as_object();
    sub["tier"] = *tier;
    after.subscription = json::serialize(sub);
  }
  json::object changes;
  diff(changes, "name", before.name, after.name);
  diff(changes, "type", before.type, after.type);
  diff(changes, "email", before.email, after.email);
  diff(changes, "phone", before.phone.value_or(""), after.phone.value_or(""));
  diff(changes, "address", before.address, after.address);
  diff(changes, "config", before.config, after.config);
  diff(changes, "metadata", before.metadata, after.metadata);
  diff(changes, "subscription", before.subscription, after.subscription);
  db::update_or_stale(repo::update(tx, after, version, ctx.user().user_id), "hotel");
  audit::record(tx, ctx.actor(), {std::nullopt, "hotel.updated", "tenant", id, changes});
  auto saved = repo::find(tx, id);
  tx.commit();
  return to_json(*saved);
}

void remove(request::Context& ctx, const std::string& id, std::optional<std::int64_t> if_match) {
  auto tx = ctx.db().begin_platform(db::TxMode::write);
  auto h = repo::find(tx, id);
  if (!h) throw NotFound("There is no hotel with this id.");
  if (h->deleted_at) throw NotFound("There is no hotel with this id.");
  const auto version = if_match.value_or(h->version);
  db::update_or_stale(repo::soft_delete(tx, id, version, ctx.user().user_id), "hotel");
  repo::revoke_sessions(tx, id);
  audit::record(tx, ctx.actor(),
                {std::nullopt, "hotel.deleted", "tenant", id,
                 json::object{{"status", {{"before", h->status}, {"after", "CANCELLED"}}}}});
  tx.commit();
}

json::object change_status(request::Context& ctx, const std::string& id, const json::object& body) {
  Fields f(body);
  auto status = f.required_enum("status", kStatuses);
  auto reason = f.required_string("reason", 500);
  auto version = f.optional_int("version", 1, INT32_MAX);
  f.finish();
  auto tx = ctx.db().begin_platform(db::TxMode::write);
  auto h = repo::find(tx, id);
  if (!h) throw NotFound("There is no hotel with this id.");
  if (h->deleted_at) throw Conflict("The hotel is deleted; its status cannot change.", "hotel_deleted");
  if (version) db::check_version(*version, h->version, "hotel");
  db::update_or_stale(repo::set_status(tx, id, h->version, status, reason, ctx.user().user_id), "hotel");
  audit::record(tx, ctx.actor(),
                {std::nullopt, "hotel.status_changed", "tenant", id,
                 json::object{{"status", {{"before", h->status}, {"after", status}}}, {"reason", reason}}});
  auto saved = repo::find(tx, id);
  tx.commit();
  return to_json(*saved);
}

}  // namespace keycard::platform::hotels
