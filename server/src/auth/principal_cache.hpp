// Principals kept in memory per instance, each with the access stamp it was
// built from (auth/repository.hpp). A cached principal is only ever used
// after the request has read the current stamp and found it equal, so a
// suspension, a deactivation, a role change or a logout made through any
// instance applies on the very next request: the cache saves the cost of
// rebuilding the principal, never the check. Only a principal built from a
// live session is kept; a session's end moves its user's version.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/principal.hpp"
#include "auth/repository.hpp"

namespace keycard::auth {

struct CachedPrincipal {
  Principal principal;
  repo::AccessStamp stamp;
};

class PrincipalCache {
 public:
  explicit PrincipalCache(std::size_t capacity = 10000) : capacity_(capacity) {}

  // The key of a hotel user's session in a tenant.
  [[nodiscard]] static std::string key(std::string_view user_id, std::string_view tenant_id, std::string_view session);

  [[nodiscard]] std::optional<CachedPrincipal> find(const std::string& key) const;
  // Keeps `entry` under `key`, replacing what was there. When full, one
  // other entry makes room (any one: a dropped entry costs one rebuild).
  void put(const std::string& key, CachedPrincipal entry);
  void erase(const std::string& key);
  [[nodiscard]] std::size_t size() const;

  // Whether a principal cached with stamp `cached` may serve a request that
  // has just read `current`: equal stamps. When not, the entry under `key`
  // is dropped, so the request rebuilds it.
  bool still_valid(const std::string& key, const repo::AccessStamp& cached,
                   const std::optional<repo::AccessStamp>& current);

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, CachedPrincipal> entries_;
};

}  // namespace keycard::auth
