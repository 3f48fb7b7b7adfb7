#include "hotel/invoices/api.hpp"

#include <boost/json.hpp>

#include "hotel/invoices/codec.hpp"
#include "hotel/invoices/service.hpp"
#include "hotel/shared/support.hpp"
#include "request/context.hpp"

namespace keycard::hotel::invoices {
namespace {

http::Response pdf(const Pdf& file) {
  return http::Response::attachment(file.bytes, "application/pdf", file.file_name);
}

}  // namespace

void register_routes(http::Router& router) {
  using http::Scope;
  router.add({"POST", "/api/hotel/reservations/{id}/invoice", Scope::hotel, "hotel:invoices:create",
              [](http::Request& req, request::Context& ctx) {
                if (!trim(req.body).empty()) (void)tenant_body(ctx, req);
                return http::Response::json(201, to_json(issue(ctx, req.param("id"))));
              }});
  router.add({"GET", "/api/hotel/reservations/{id}/invoices", Scope::hotel, "hotel:invoices:read",
              [](http::Request& req, request::Context& ctx) {
                boost::json::array items;
                for (const auto& i : of_reservation(ctx, req.param("id"))) items.push_back(to_json(i));
                return http::Response::json(200, boost::json::object{{"items", std::move(items)}});
              }});
  router.add({"GET", "/api/hotel/invoices/{id}", Scope::hotel, "hotel:invoices:read",
              [](http::Request& req, request::Context& ctx) {
                return http::Response::json(200, to_json(get(ctx, req.param("id"))));
              }});
  router.add({"GET", "/api/hotel/invoices/{id}.pdf", Scope::hotel, "hotel:invoices:read",
              [](http::Request& req, request::Context& ctx) { return pdf(invoice_pdf(ctx, req.param("id"))); }});
  router.add({"POST", "/api/hotel/invoices/{id}/credit-note", Scope::hotel, "hotel:invoices:create",
              [](http::Request& req, request::Context& ctx) {
                const auto body = tenant_body(ctx, req);
                return http::Response::json(201, to_json(credit(ctx, req.param("id"), decode_credit(body))));
              }});
  // The card prints the guest's identity document and contacts: a guest read.
  router.add({"GET", "/api/hotel/reservations/{id}/registration-card.pdf", Scope::hotel, "hotel:guests:read",
              [](http::Request& req, request::Context& ctx) { return pdf(registration_card(ctx, req.param("id"))); }});
}

}  // namespace keycard::hotel::invoices
