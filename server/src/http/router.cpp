#include "http/router.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace keycard::http {
namespace {

// A template segment that takes a value: "{id}", or "{id}.pdf" (a value and
// a literal suffix, as in /api/hotel/invoices/{id}.pdf).
struct Param {
  std::string_view name, suffix;
};
std::optional<Param> as_param(std::string_view segment) {
  if (segment.size() < 3 || segment.front() != '{') return std::nullopt;
  const auto close = segment.find('}');
  if (close == std::string_view::npos || close < 2) return std::nullopt;
  return Param{segment.substr(1, close - 1), segment.substr(close + 1)};
}

// Two templates that match the same paths: /a/{id} and /a/{x}/ are one route.
bool same_shape(std::string_view a, std::string_view b) {
  const auto x = split_path(a);
  const auto y = split_path(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto px = as_param(x[i]);
    const auto py = as_param(y[i]);
    if (px.has_value() != py.has_value()) return false;
    if (px ? px->suffix != py->suffix : x[i] != y[i]) return false;
  }
  return true;
}

}  // namespace

std::string_view scope_name(Scope s) {
  switch (s) {
    case Scope::public_:
      return "public";
    case Scope::authenticated:
      return "authenticated";
    case Scope::admin:
      return "admin";
    case Scope::hotel:
      return "hotel";
  }
  return "unknown";
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    if (i >= path.size()) break;
    const auto j = path.find('/', i);
    const auto end = j == std::string_view::npos ? path.size() : j;
    parts.push_back(path.substr(i, end - i));
    i = end;
  }
  return parts;
}

void Router::add(Route route) {
  const bool needs_permission = route.scope == Scope::admin || route.scope == Scope::hotel;
  if (needs_permission && route.permission.empty()) {
    throw std::logic_error("route " + route.method + " " + route.path + " has no permission");
  }
  if (needs_permission) {
    const auto prefix = std::string(scope_name(route.scope)) + ":";
    if (route.permission.rfind(prefix, 0) != 0) {
      throw std::logic_error("route " + route.method + " " + route.path + " needs a " + prefix + " permission");
    }
  }
  if (!needs_permission && !route.permission.empty()) {
    throw std::logic_error("route " + route.method + " " + route.path + " has a permission but no scope to check it");
  }
  if (!route.handler) throw std::logic_error("route " + route.method + " " + route.path + " has no handler");
  for (const auto& r : routes_) {
    if (r.method == route.method && same_shape(r.path, route.path)) {
      throw std::logic_error("route " + route.method + " " + route.path + " is declared twice");
    }
  }
  routes_.push_back(std::move(route));
}

Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const auto parts = split_path(path);
  const Route* best = nullptr;
  int best_literals = -1;
  std::map<std::string, std::string> best_params;
  for (const auto& route : routes_) {
    const auto tpl = split_path(route.path);
    if (tpl.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    int literals = 0;
    bool ok = true;
    for (std::size_t i = 0; i < tpl.size() && ok; ++i) {
      if (const auto param = as_param(tpl[i])) {
        const auto& part = parts[i];
        if (part.size() <= param->suffix.size() || !part.ends_with(param->suffix)) {
          ok = false;
          continue;
        }
        params.emplace(std::string(param->name), std::string(part.substr(0, part.size() - param->suffix.size())));
        // A suffix is as specific as a literal: /invoices/{id}.pdf over /invoices/{id}.
        if (!param->suffix.empty()) ++literals;
      } else if (tpl[i] == parts[i]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    if (route.method != method) {
      if (std::find(result.allowed_methods.begin(), result.allowed_methods.end(), route.method) ==
          result.allowed_methods.end()) {
        result.allowed_methods.push_back(route.method);
      }
      continue;
    }
    // Prefer the most specific template: /rooms/summary over /rooms/{id}.
    if (literals > best_literals) {
      best = &route;
      best_literals = literals;
      best_params = std::move(params);
    }
  }
  if (best) {
    result.route = best;
    result.params = std::move(best_params);
    result.allowed_methods.clear();
  }
  return result;
}

}  // namespace keycard::http
