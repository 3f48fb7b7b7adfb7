#include "request/context.hpp"

#include "common/errors.hpp"
#include "common/utf8.hpp"

namespace keycard::request {

const auth::Principal& Context::user() const {
  if (!principal) throw Unauthorized();
  return *principal;
}

const access::TenantScope& Context::scope() const {
  if (!tenant) throw Forbidden("This action needs a hotel context.", "tenant_required");
  return *tenant;
}

audit::Actor Context::actor() const {
  audit::Actor a;
  if (principal) {
    a.user_id = principal->user_id;
    a.email = principal->email;
    if (principal->impersonation) {
      a.impersonated_by = principal->impersonation->admin_user_id;
      a.impersonation_session_id = principal->impersonation->session_id;
    }
  }
  if (!ip.empty()) a.ip = ip;
  if (!user_agent.empty()) a.user_agent = clean_text(user_agent, 512);
  a.request_id = request_id;
  return a;
}

}  // namespace keycard::request
