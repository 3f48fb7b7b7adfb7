// One route table: (method, path template) -> handler, scope and permission.
// A route without the checks its scope needs is refused when it is added, so
// the server does not start with an unguarded route.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace keycard::request {
struct Context;
}

namespace keycard::http {

enum class Scope {
  public_,        // no authentication
  authenticated,  // any valid access token (admin, hotel or impersonation)
  admin,          // platform user, not impersonating; needs a permission
  hotel,          // hotel user or impersonation token; needs a permission
};

[[nodiscard]] std::string_view scope_name(Scope s);

using Handler = std::function<Response(Request&, request::Context&)>;

struct Route {
  std::string method;
  std::string path;  // template, e.g. /api/admin/hotels/{id}
  Scope scope;
  std::string permission;  // required for admin and hotel scope, empty otherwise
  Handler handler;
  bool uuid_params = true;  // every {param} must be a UUID, else 400
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed_methods;  // set when the path exists but the method does not
};

class Router {
 public:
  void add(Route route);  // throws std::logic_error on a route without its checks
  [[nodiscard]] Match match(std::string_view method, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"}; an empty path gives {}.
[[nodiscard]] std::vector<std::string_view> split_path(std::string_view path);

}  // namespace keycard::http
