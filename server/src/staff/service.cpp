#include "staff/service.hpp"
#include "db/write.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <climits>

#include "access/permissions.hpp"
#include "audit/audit.hpp"
#include "auth/password.hpp"
#include "auth/repository.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "common/validation.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::staff {
namespace json = boost::json;

namespace {

constexpr std::string_view kSuperAdmin = "super-admin";
constexpr std::size_t kMaxPermissions = 200;
constexpr std::size_t kMaxRoles = 50;

json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object change(const json::value& before, const json::value& after) {
  return json::object{{"before", before}, {"after", after}};
}

std::string quoted(std::string_view s) { return "'" + std::string(s.substr(0, 100)) + "'"; }

// --- the escalation guard -------------------------------------------------------------

// Whether the caller holds everything `pattern` grants: covered by their
// patterns and overlapping nothing taken from them (impersonation). For
// whole-segment patterns two of them overlap exactly when one covers the other.
bool holds(const auth::Principal& me, const std::string& pattern) {
  if (!access::pattern_covered_by(pattern, me.permissions)) return false;
  return std::none_of(me.denied.begin(), me.denied.end(), [&](const std::string& d) {
    return access::pattern_covered_by(d, {pattern}) || access::pattern_covered_by(pattern, {d});
  });
}

void require_holds(const auth::Principal& me, const std::vector<std::string>& patterns, const std::string& what) {
  for (const auto& p : patterns) {
    if (!holds(me, p)) {
      throw Forbidden("You cannot " + what + ": it involves the permission " + p.substr(0, 100) +
                          ", which you do not hold yourself.",
                      "escalation_refused");
    }
  }
}

// --- request fields ---------------------------------------------------------------------

// The version to compare: the body's, else the If-Match header's; required.
std::int64_t version_field(Fields& f, std::optional<std::int64_t> if_match) {
  if (f.raw("version")) return f.optional_int("version", 1, INT32_MAX).value_or(0);
  if (if_match) return *if_match;
  f.add_error("version", "is required");
  return 0;
}

// An optional text field that, when present, must not be empty.
std::optional<std::string> optional_nonempty(Fields& f, std::string_view key, std::size_t max_len) {
  if (!f.raw(key)) {
    if (f.has(key)) f.add_error(std::string(key), "must not be null");
    return std::nullopt;
  }
  auto s = f.required_string(key, max_len);
  if (s.empty()) return std::nullopt;
  return s;
}

// Permission patterns of a role of this panel: valid, of the panel's scope
// (a hotel role never holds an admin: code, nor the reverse), and matching at
// least one code the server knows, so a typo does not pass as a grant.
std::optional<std::vector<std::string>> permissions_field(Fields& f, const Panel& panel, bool required) {
  const auto* v = f.raw("permissions");
  if (!v) {
    if (required || f.has("permissions")) f.add_error("permissions", "is required");
    return std::nullopt;
  }
  if (!v->is_array()) {
    f.add_error("permissions", "must be an array of permission codes");
    return std::nullopt;
  }
  const auto& items = v->as_array();
  if (items.empty()) {
    f.add_error("permissions", "must hold at least one permission");
    return std::nullopt;
  }
  if (items.size() > kMaxPermissions) {
    f.add_error("permissions", "must hold at most " + std::to_string(kMaxPermissions) + " permissions");
    return std::nullopt;
  }
  const std::string scope(panel.scope());
  std::vector<std::string> out;
  for (const auto& item : items) {
    if (!item.is_string()) {
      f.add_error("permissions", "must be an array of permission codes");
      return std::nullopt;
    }
    std::string code(item.as_string());
    if (!access::is_valid_permission_pattern(code)) {
      f.add_error("permissions", quoted(code) + " is not a valid permission code");
      return std::nullopt;
    }
    if (code.substr(0, code.find(':')) != scope) {
      std::string message = quoted(code);
      message += " is not a " + std::string(scope) + " permission; a " + std::string(scope);
      message += " role can only hold " + std::string(scope) + ": codes";
      f.add_error("permissions", std::move(message));
      return std::nullopt;
    }
    const auto& catalogue = access::permission_catalogue();
    const bool known = std::any_of(catalogue.begin(), catalogue.end(),
                                   [&](const auto& info) { return access::permission_matches(code, info.code); });
    if (!known) {
      f.add_error("permissions", quoted(code) + " matches no known permission");
      return std::nullopt;
    }
    out.push_back(std::move(code));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Role references: names or ids of the panel's roles.
std::optional<std::vector<std::string>> roles_field(Fields& f, bool required) {
  const auto* v = f.raw("roles");
  if (!v) {
    if (required || f.has("roles")) f.add_error("roles", "is required");
    return std::nullopt;
  }
  if (!v->is_array()) {
    f.add_error("roles", "must be an array of role names or ids");
    return std::nullopt;
  }
  const auto& items = v->as_array();
  if (items.size() > kMaxRoles) {
    f.add_error("roles", "must hold at most " + std::to_string(kMaxRoles) + " roles");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : items) {
    if (!item.is_string() || item.as_string().empty() || item.as_string().size() > 100) {
      f.add_error("roles", "must be an array of role names or ids");
      return std::nullopt;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

// A password to set, when sent; an empty one fails the policy like any other.
std::optional<std::string> password_field(Fields& f) {
  if (!f.has("password")) return std::nullopt;
  auto password = f.required_secret("password", 256);
  f.add_errors(auth::password_problems(password));  // keeps an earlier error on the field
  return password;
}

// --- lookups ----------------------------------------------------------------------------

// The panel's roles named by `refs` (an id or a name each), without repeats.
// Another tenant's role is as unknown as a role that does not exist.
std::vector<Role> resolve_roles(db::Transaction& tx, const Panel& panel, const std::vector<std::string>& refs) {
  std::vector<Role> out;
  for (const auto& ref : refs) {
    std::optional<Role> role;
    if (is_uuid(ref)) role = repo::find_role(tx, panel, to_lower(ref));
    if (!role) role = repo::find_role_by_name(tx, panel, ref);
    if (!role) throw ValidationError(FieldErrors{{"roles", "has no role " + quoted(ref)}});
    if (std::none_of(out.begin(), out.end(), [&](const Role& r) { return r.id == role->id; })) {
      out.push_back(std::move(*role));
    }
  }
  return out;
}

User require_user(db::Transaction& tx, const Panel& panel, const std::string& id) {
  auto u = repo::find_user(tx, panel, id);
  if (!u) throw NotFound("There is no user with this id.");
  return std::move(*u);
}

Role require_role(db::Transaction& tx, const Panel& panel, const std::string& id) {
  auto r = repo::find_role(tx, panel, id);
  if (!r) throw NotFound("There is no role with this id.");
  return std::move(*r);
}

// Acting on someone's standing (password, deactivation, removal) needs
// everything they hold: otherwise a lesser user could lock out or take over a
// greater one.
void require_covers_user(db::Transaction& tx, const Panel& panel, const auth::Principal& me, const User& user,
                         const std::string& what) {
  for (const auto& ref : user.roles) {
    if (auto role = repo::find_role(tx, panel, ref.id)) require_holds(me, role->permissions, what);
  }
}

bool has_role(const User& u, std::string_view name) {
  return std::any_of(u.roles.begin(), u.roles.end(), [&](const RoleRef& r) { return r.name == name; });
}

// Platform: refuses a change that would leave no active SuperAdmin.
void guard_last_super_admin(db::Transaction& tx, const Panel& panel, const User& user, bool loses_super_admin) {
  if (panel.is_hotel() || !loses_super_admin) return;
  if (!user.is_active || user.deleted_at || !has_role(user, kSuperAdmin)) return;
  if (repo::other_active_super_admins(tx, user.id) == 0) {
    throw Conflict("This is the last active SuperAdmin; make someone else SuperAdmin first.", "last_super_admin");
  }
}

json::array role_names(const std::vector<RoleRef>& roles) {
  json::array a;
  for (const auto& r : roles) a.push_back(json::value(r.name));
  return a;
}

json::array string_array(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) a.push_back(json::value(s));
  return a;
}

json::object page_of(json::array items, std::int64_t page, std::int64_t limit, std::int64_t total) {
  return {{"items", std::move(items)}, {"page", page}, {"limit", limit}, {"total", total}};
}

// Hotel side: the password of an account that also belongs to another tenant
// is its owner's to change, not one hotel's. Counting memberships needs the
// platform scope (row-level security hides the others); the answer names none.
void require_sole_membership(request::Context& ctx, const std::string& user_id) {
  auto tx = ctx.db().begin_platform(db::TxMode::read);
  const auto memberships = auth::repo::memberships(tx, user_id);
  tx.commit();
  if (memberships.size() > 1) {
    throw Conflict("This account is shared with another hotel account; only its owner can change its password.",
                   "shared_account");
  }
}

}  // namespace

// --- answers ----------------------------------------------------------------------------

json::object to_json(const Role& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"display_name", r.display_name},
          {"description", opt(r.description)},
          {"scope", r.scope},
          {"is_system", r.is_system},
          {"permissions", string_array(r.permissions)},
          {"user_count", r.user_count},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"version", r.version}};
}

json::object to_json(const User& u) {
  json::array roles;
  for (const auto& r : u.roles) {
    roles.push_back(json::object{{"id", r.id}, {"name", r.name}, {"display_name", r.display_name}});
  }
  json::object o{{"id", u.id},
                 {"email", u.email},
                 {"first_name", u.first_name},
                 {"last_name", u.last_name},
                 {"user_type", u.user_type},
                 {"is_active", u.is_active},
                 {"roles", std::move(roles)},
                 {"last_login_at", opt(u.last_login_at)},
                 {"created_at", u.created_at},
                 {"updated_at", u.updated_at},
                 {"version", u.version}};
  if (u.joined_at) {
    o["joined_at"] = *u.joined_at;
  } else {
    o["deleted_at"] = opt(u.deleted_at);
  }
  return o;
}

// --- users ------------------------------------------------------------------------------

json::object list_users(request::Context& ctx, const Panel& panel, const repo::UserQuery& query) {
  auto tx = repo::begin(ctx.db(), panel, db::TxMode::read);
  auto [items, total] = repo::list_users(tx, panel, query);
  tx.commit();
  json::array arr;
  for (const auto& u : items) arr.push_back(to_json(u));
  return page_of(std::move(arr), query.page, query.limit, total);
}

json::object get_user(request::Context& ctx, const Panel& panel, const std::string& id) {
  auto tx = repo::begin(ctx.db(), panel, db::TxMode::read);
  auto u = require_user(tx, panel, id);
  tx.commit();
  return to_json(u);
}

json::object create_user(request::Context& ctx, const Panel& panel, const json::object& body) {
  const auto& me = ctx.user();
  if (panel.is_hotel()) hotel::check_body_tenant(ctx, body);
  // A user made during support would be a login with a password the admin
  // chose, outliving the session: a credential change, which impersonation
  // never makes.
  if (me.impersonation) {
    log::warn({{"event", "impersonation_refused"},
               {"request_id", ctx.request_id},
               {"user_id", me.user_id},
               {"impersonated_by", me.impersonation->admin_user_id},
               {"session_id", me.impersonation->session_id},
               {"action", "user.create"}});
    throw Forbidden("Staff accounts cannot be created while impersonating; the hotel's own staff can add them.",
                    "impersonation_forbidden");
  }
  Fields f(body);
  repo::NewUser u;
  u.email = f.required_email("email");
  u.first_name = f.required_string("first_name", 100);
  u.last_name = f.required_string("last_name", 100);
  auto password = f.required_secret("password", 256);
  f.add_errors(auth::password_problems(password));  // keeps an earlier error on the field
  const auto refs = roles_field(f, true);
  f.finish();
  u.id = new_uuid();
  u.user_type = panel.is_hotel() ? "hotel" : "admin";
  // Slow on purpose: hashed before the transaction, which then stays short.
  u.password_hash = auth::hash_password(password);

  auto tx = repo::begin(ctx.db(), panel, db::TxMode::write);
  const auto roles = resolve_roles(tx, panel, *refs);
  for (const auto& role : roles) require_holds(me, role.permissions, "assign the role " + quoted(role.name));
  // One account per email across the platform; the answer names no tenant.
  const Conflict taken("The email address is already used by another account.", "email_taken");
  if (repo::email_taken(tx, u.email)) throw taken;
  db::on_constraint({{"users_email_key", taken}}, [&] { repo::insert_user(tx, u, me.actor_id()); });
  if (panel.is_hotel()) repo::insert_membership(tx, panel.tenant(), u.id, me.actor_id());
  json::array names;
  for (const auto& role : roles) {
    repo::grant_role(tx, panel, u.id, role.id, me.actor_id());
    names.push_back(json::value(role.name));
  }
  audit::record(tx, ctx.actor(),
                {panel.tenant_id(), "user.created", "user", u.id,
                 json::object{{"email", u.email},
                              {"first_name", u.first_name},
                              {"last_name", u.last_name},
                              {"user_type", u.user_type},
                              {"roles", std::move(names)}}});
  auto saved = require_user(tx, panel, u.id);
  tx.commit();
  return to_json(saved);
}

json::object update_user(request::Context& ctx, const Panel& panel, const std::string& id, const json::object& body,
                         std::optional<std::int64_t> if_match) {
  const auto& me = ctx.user();
  if (panel.is_hotel()) hotel::check_body_tenant(ctx, body);
  Fields f(body);
  const auto first_name = optional_nonempty(f, "first_name", 100);
  const auto last_name = optional_nonempty(f, "last_name", 100);
  const auto is_active = f.optional_bool("is_active");
  if (!is_active && f.has("is_active")) f.add_error("is_active", "must be true or false");
  const auto refs = roles_field(f, false);
  const auto password = password_field(f);
  const auto version = version_field(f, if_match);
  if (password && id == me.user_id) {
    f.add_error("password", "change your own password with POST /api/auth/change-password");
  }
  f.finish();
  const bool deactivate = is_active && !*is_active;
  if (me.impersonation && password) {
    throw Forbidden("Credentials cannot be changed while impersonating.", "impersonation_forbidden");
  }
  // On the hotel side deactivation is what DELETE does, and impersonation never deletes users.
  if (me.impersonation && deactivate) {
    throw Forbidden("Users cannot be deactivated while impersonating.", "impersonation_forbidden");
  }
  if (deactivate && id == me.user_id) {
    throw Conflict("You cannot deactivate your own account.", "cannot_deactivate_self");
  }

  std::optional<std::string> hash;
  if (password) {
    {
      auto tx = repo::begin(ctx.db(), panel, db::TxMode::read);
      (void)require_user(tx, panel, id);
      tx.commit();
    }
    if (panel.is_hotel()) require_sole_membership(ctx, id);
    hash = auth::hash_password(*password);
  }

  auto tx = repo::begin(ctx.db(), panel, db::TxMode::write);
  const auto user = require_user(tx, panel, id);
  if (user.deleted_at) throw Conflict("The user is deleted and cannot change.", "user_deleted");
  db::check_version(version, user.version, "user");

  json::object changes;
  User next = user;
  if (first_name && *first_name != user.first_name) {
    changes["first_name"] = change(json::value(user.first_name), json::value(*first_name));
    next.first_name = *first_name;
  }
  if (last_name && *last_name != user.last_name) {
    changes["last_name"] = change(json::value(user.last_name), json::value(*last_name));
    next.last_name = *last_name;
  }
  const bool active_changes = is_active && *is_active != user.is_active;
  if (active_changes) {
    changes["is_active"] = change(json::value(user.is_active), json::value(*is_active));
    next.is_active = *is_active;
  }

  std::vector<Role> added;
  std::vector<RoleRef> removed;
  if (refs) {
    const auto wanted = resolve_roles(tx, panel, *refs);
    for (const auto& role : wanted) {
      const bool had =
          std::any_of(user.roles.begin(), user.roles.end(), [&](const RoleRef& r) { return r.id == role.id; });
      if (!had) added.push_back(role);
    }
    for (const auto& ref : user.roles) {
      const bool kept = std::any_of(wanted.begin(), wanted.end(), [&](const Role& r) { return r.id == ref.id; });
      if (!kept) removed.push_back(ref);
    }
    for (const auto& role : added) require_holds(me, role.permissions, "assign the role " + quoted(role.name));
    for (const auto& ref : removed) {
      if (auto role = repo::find_role(tx, panel, ref.id)) {
        require_holds(me, role->permissions, "take away the role " + quoted(role->name));
      }
    }
    if (!added.empty() || !removed.empty()) {
      json::array after;
      for (const auto& role : wanted) after.push_back(json::value(role.name));
      changes["roles"] = change(role_names(user.roles), after);
    }
  }
  const bool deactivating = active_changes && !*is_active;
  if (hash) require_covers_user(tx, panel, me, user, "reset the password of this user");
  if (deactivating) require_covers_user(tx, panel, me, user, "deactivate this user");
  const bool drops_super_admin =
      std::any_of(removed.begin(), removed.end(), [](const RoleRef& r) { return r.name == kSuperAdmin; });
  guard_last_super_admin(tx, panel, user, deactivating || drops_super_admin);
  if (hash) changes["password"] = "reset";

  if (changes.empty()) {
    tx.commit();
    return to_json(user);
  }
  db::update_or_stale(repo::update_user(tx, panel, next, version, me.actor_id()), "user");
  if (panel.is_hotel() && active_changes) repo::set_membership_active(tx, panel.tenant(), id, *is_active);
  for (const auto& ref : removed) repo::revoke_role(tx, panel, id, ref.id);
  for (const auto& role : added) repo::grant_role(tx, panel, id, role.id, me.actor_id());
  if (hash) {
    repo::set_password(tx, panel, id, *hash);
    repo::revoke_sessions(tx, panel, id, "password_reset");
  }
  if (deactivating) {
    repo::revoke_sessions(tx, panel, id, "user_deactivated");
    repo::end_impersonations(tx, panel, id, "user_deactivated");
  }
  audit::record(tx, ctx.actor(), {panel.tenant_id(), "user.updated", "user", id, changes});
  auto saved = require_user(tx, panel, id);
  tx.commit();
  return to_json(saved);
}

void delete_user(request::Context& ctx, const Panel& panel, const std::string& id) {
  const auto& me = ctx.user();
  if (me.impersonation) throw Forbidden("Users cannot be deleted while impersonating.", "impersonation_forbidden");
  if (id == me.user_id) throw Conflict("You cannot delete your own account.", "cannot_delete_self");
  auto tx = repo::begin(ctx.db(), panel, db::TxMode::write);
  const auto user = require_user(tx, panel, id);
  if (user.deleted_at) throw Conflict("The user is already deleted.", "user_deleted");
  require_covers_user(tx, panel, me, user, "delete this user");
  json::object changes{{"email", user.email}, {"roles", role_names(user.roles)}};
  if (panel.is_hotel()) {
    // The account may belong to other tenants: only this membership ends.
    if (!user.is_active) {
      tx.commit();
      return;
    }
    repo::set_membership_active(tx, panel.tenant(), id, false);
    repo::touch_user(tx, panel, id, me.actor_id());
    changes["is_active"] = change(json::value(true), json::value(false));
  } else {
    guard_last_super_admin(tx, panel, user, true);
    if (!repo::soft_delete_user(tx, id, me.actor_id())) throw Conflict("The user is already deleted.", "user_deleted");
  }
  repo::revoke_sessions(tx, panel, id, "user_deleted");
  repo::end_impersonations(tx, panel, id, "user_deleted");
  audit::record(tx, ctx.actor(), {panel.tenant_id(), "user.deleted", "user", id, changes});
  tx.commit();
}

// --- roles ------------------------------------------------------------------------------

json::object list_roles(request::Context& ctx, const Panel& panel, const repo::RoleQuery& query) {
  auto tx = repo::begin(ctx.db(), panel, db::TxMode::read);
  auto [items, total] = repo::list_roles(tx, panel, query);
  tx.commit();
  json::array arr;
  for (const auto& r : items) arr.push_back(to_json(r));
  return page_of(std::move(arr), query.page, query.limit, total);
}

json::object get_role(request::Context& ctx, const Panel& panel, const std::string& id) {
  auto tx = repo::begin(ctx.db(), panel, db::TxMode::read);
  auto role = require_role(tx, panel, id);
  tx.commit();
  return to_json(role);
}

json::object create_role(request::Context& ctx, const Panel& panel, const json::object& body) {
  const auto& me = ctx.user();
  if (panel.is_hotel()) hotel::check_body_tenant(ctx, body);
  Fields f(body);
  Role role;
  role.name = f.required_slug("name", 63);
  role.display_name = f.required_string("display_name", 100);
  role.description = f.optional_string("description", 500);
  auto permissions = permissions_field(f, panel, true);
  f.finish();
  role.permissions = std::move(*permissions);
  require_holds(me, role.permissions, "create this role");
  role.id = new_uuid();
  role.scope = std::string(panel.scope());
  role.created_by = me.actor_id();
  role.created_at = role.updated_at = now_text();

  auto tx = repo::begin(ctx.db(), panel, db::TxMode::write);
  const Conflict taken("A role named '" + role.name + "' already exists.", "role_name_taken");
  if (repo::find_role_by_name(tx, panel, role.name)) throw taken;
  db::on_constraint({{"roles_tenant_name_key", taken}}, [&] { repo::insert_role(tx, panel, role); });
  repo::set_role_permissions(tx, panel, role.id, role.permissions);
  audit::record(
      tx, ctx.actor(),
      {panel.tenant_id(), "role.created", "role", role.id,
       json::object{
           {"name", role.name}, {"display_name", role.display_name}, {"permissions", string_array(role.permissions)}}});
  auto saved = require_role(tx, panel, role.id);
  tx.commit();
  return to_json(saved);
}

json::object update_role(request::Context& ctx, const Panel& panel, const std::string& id, const json::object& body,
                         std::optional<std::int64_t> if_match) {
  const auto& me = ctx.user();
  if (panel.is_hotel()) hotel::check_body_tenant(ctx, body);
  Fields f(body);
  std::optional<std::string> name;
  if (f.has("name")) name = f.required_slug("name", 63);
  const auto display_name = optional_nonempty(f, "display_name", 100);
  const bool description_sent = f.has("description");
  const auto description = f.optional_string("description", 500);
  const auto permissions = permissions_field(f, panel, false);
  const auto version = version_field(f, if_match);
  f.finish();

  auto tx = repo::begin(ctx.db(), panel, db::TxMode::write);
  const auto role = require_role(tx, panel, id);
  if (role.is_system) throw Conflict("System roles cannot be changed.", "system_role_immutable");
  db::check_version(version, role.version, "role");
  require_holds(me, role.permissions, "edit this role");
  if (permissions) require_holds(me, *permissions, "give this role these permissions");

  json::object changes;
  Role next = role;
  if (name && !name->empty() && *name != role.name) {
    if (repo::find_role_by_name(tx, panel, *name)) {
      throw Conflict("A role named '" + *name + "' already exists.", "role_name_taken");
    }
    changes["name"] = change(json::value(role.name), json::value(*name));
    next.name = *name;
  }
  if (display_name && *display_name != role.display_name) {
    changes["display_name"] = change(json::value(role.display_name), json::value(*display_name));
    next.display_name = *display_name;
  }
  if (description_sent) {
    auto value = description && !description->empty() ? description : std::nullopt;
    if (value != role.description) {
      changes["description"] = change(opt(role.description), opt(value));
      next.description = value;
    }
  }
  const bool permissions_change = permissions && *permissions != role.permissions;
  if (permissions_change) changes["permissions"] = change(string_array(role.permissions), string_array(*permissions));
  if (changes.empty()) {
    tx.commit();
    return to_json(role);
  }
  db::update_or_stale(
      db::on_constraint(
          {{"roles_tenant_name_key", Conflict("A role named '" + next.name + "' already exists.", "role_name_taken")}},
          [&] { return repo::update_role(tx, panel, next, version, me.actor_id()); }),
      "role");
  if (permissions_change) repo::set_role_permissions(tx, panel, id, *permissions);
  audit::record(tx, ctx.actor(), {panel.tenant_id(), "role.updated", "role", id, changes});
  auto saved = require_role(tx, panel, id);
  tx.commit();
  return to_json(saved);
}

void delete_role(request::Context& ctx, const Panel& panel, const std::string& id) {
  const auto& me = ctx.user();
  auto tx = repo::begin(ctx.db(), panel, db::TxMode::write);
  const auto role = require_role(tx, panel, id);
  if (role.is_system) throw Conflict("System roles cannot be deleted.", "system_role_immutable");
  require_holds(me, role.permissions, "delete this role");
  if (!repo::delete_role(tx, panel, id)) throw NotFound("There is no role with this id.");
  audit::record(
      tx, ctx.actor(),
      {panel.tenant_id(), "role.deleted", "role", id,
       json::object{
           {"name", role.name}, {"permissions", string_array(role.permissions)}, {"users_affected", role.user_count}}});
  tx.commit();
}

json::object list_permissions(const Panel& panel) {
  const std::string prefix = std::string(panel.scope()) + ":";
  json::array items;
  for (const auto& info : access::permission_catalogue()) {
    const std::string code(info.code);
    if (code.rfind(prefix, 0) != 0) continue;
    const auto first = code.find(':');
    const auto second = code.find(':', first + 1);
    items.push_back(json::object{{"code", code},
                                 {"scope", code.substr(0, first)},
                                 {"resource", code.substr(first + 1, second - first - 1)},
                                 {"action", code.substr(second + 1)},
                                 {"description", std::string(info.description)}});
  }
  const auto total = static_cast<std::int64_t>(items.size());
  return page_of(std::move(items), 1, total, total);
}

}  // namespace keycard::staff
