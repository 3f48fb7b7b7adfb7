#include "hotel/invoices/service.hpp"

#include "audit/audit.hpp"
#include "common/clock.hpp"
#include "common/errors.hpp"
#include "common/ids.hpp"
#include "db/write.hpp"
#include "hotel/folios/repository.hpp"
#include "hotel/guests/repository.hpp"
#include "hotel/invoices/codec.hpp"
#include "hotel/invoices/documents.hpp"
#include "hotel/invoices/repository.hpp"
#include "hotel/invoices/rules.hpp"
#include "hotel/properties/service.hpp"
#include "hotel/reservations/repository.hpp"
#include "hotel/reservations/service.hpp"
#include "hotel/room_types/repository.hpp"
#include "hotel/rooms/repository.hpp"
#include "hotel/shared/read.hpp"

namespace keycard::hotel::invoices {
namespace {

Invoice require(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  auto i = repo::find(tx, scope, id);
  if (!i) throw NotFound("There is no invoice with this id.");
  return *i;
}

// Numbers the document in the property's sequence of its business date's year.
void number(db::Transaction& tx, const access::TenantScope& scope, const properties::Property& property, Invoice& i) {
  i.business_date = property.business_date;
  i.year = std::stoll(property.business_date.substr(0, 4));
  i.sequence = repo::next_number(tx, scope, property.id, i.year);
  i.number = rules::number(property.code, i.year, i.sequence);
}

}  // namespace

Invoice issue(request::Context& ctx, const std::string& reservation_id) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  // One issuer per reservation at a time (the check for an open invoice
  // below cannot be raced), on a business date the night audit is not
  // closing meanwhile (the posting locks, in the audit's order).
  const auto posting = reservations::lock_for_posting(tx, scope, reservation_id);
  const auto& r = posting.reservation;
  for (const auto& existing : repo::of_reservation(tx, scope, reservation_id)) {
    if (existing.kind == "invoice" && !existing.credited_by) {
      throw Conflict("Invoice " + existing.number + " covers this folio; reverse it with a credit note first.",
                     "invoice_exists");
    }
  }
  Invoice i;
  for (const auto& line : folios::repo::of_reservation(tx, scope, reservation_id)) {
    i.lines.push_back({line.business_date, line.description, line.quantity, line.unit_price_minor, line.amount_minor});
    i.gross_minor += line.amount_minor;
  }
  if (i.lines.empty()) {
    throw Conflict(
        "Nothing has been posted to the folio yet; room nights are posted by the night audit and at check-out.",
        "nothing_to_invoice");
  }
  const auto property = properties::require(tx, scope, r.property_id);
  const auto guest = guests::repo::find(tx, scope, r.guest_id);
  i.id = new_uuid();
  i.tenant_id = scope.tenant_id();
  i.property_id = r.property_id;
  i.reservation_id = r.id;
  i.kind = "invoice";
  i.seller_name = property.name;
  i.seller_address = property.address;
  i.buyer_name = r.guest_name;
  if (guest) i.buyer_email = guest->email;
  i.confirmation_number = r.confirmation_number;
  i.currency = r.currency;
  i.vat_rate_bp = property.vat_rate_bp;
  const auto tax = rules::vat_included(i.gross_minor, i.vat_rate_bp);
  i.net_minor = tax.net;
  i.tax_minor = tax.tax;
  i.paid_minor = r.paid_minor;
  i.issued_by = ctx.user().user_id;
  i.issued_at = now_text();
  number(tx, scope, property, i);
  repo::insert(tx, scope, i);
  auto issued = require(tx, scope, i.id);
  audit::record(tx, ctx.actor(), {i.tenant_id, "invoice.issued", "invoice", i.id, audit_changes(issued)});
  tx.commit();
  return issued;
}

Invoice credit(request::Context& ctx, const std::string& invoice_id, const CreditNote& cmd) {
  const auto& scope = ctx.scope();
  auto tx = ctx.db().begin(db::TxMode::write, scope);
  const auto unlocked = require(tx, scope, invoice_id);
  reservations::lock_for_posting(tx, scope, unlocked.reservation_id);
  const auto original = require(tx, scope, invoice_id);  // read again under the locks
  if (original.kind != "invoice") throw Conflict("A credit note cannot be reversed.", "not_creditable");
  if (original.credited_by) throw Conflict("This invoice has been reversed already.", "already_credited");
  const auto property = properties::require(tx, scope, original.property_id);
  Invoice c = original;
  c.id = new_uuid();
  c.kind = "credit_note";
  c.credit_of = original.id;
  c.credited_by.reset();
  c.lines = rules::reversed(original.lines);
  c.net_minor = -original.net_minor;
  c.tax_minor = -original.tax_minor;
  c.gross_minor = -original.gross_minor;
  c.paid_minor = 0;
  c.reason = cmd.reason;
  c.issued_by = ctx.user().user_id;
  c.issued_at = now_text();
  number(tx, scope, property, c);
  db::on_constraint({{"invoices_credit_key", Conflict("This invoice has been reversed already.", "already_credited")}},
                    [&] { repo::insert(tx, scope, c); });
  auto issued = require(tx, scope, c.id);
  audit::record(tx, ctx.actor(), {c.tenant_id, "invoice.credited", "invoice", c.id, audit_changes(issued)});
  tx.commit();
  return issued;
}

Invoice get(request::Context& ctx, const std::string& id) {
  return read_in_tenant(ctx,
                        [&](db::Transaction& tx, const access::TenantScope& scope) { return require(tx, scope, id); });
}

std::vector<Invoice> of_reservation(request::Context& ctx, const std::string& reservation_id) {
  return read_in_tenant(ctx, [&](db::Transaction& tx, const access::TenantScope& scope) {
    reservations::require(tx, scope, reservation_id);
    return repo::of_reservation(tx, scope, reservation_id);
  });
}

Pdf invoice_pdf(request::Context& ctx, const std::string& id) {
  const auto invoice = get(ctx, id);
  return {render_invoice(ctx.services.data_dir, invoice), invoice.number + ".pdf"};
}

Pdf registration_card(request::Context& ctx, const std::string& reservation_id) {
  auto card = read_in_tenant(ctx, [&](db::Transaction& tx, const access::TenantScope& scope) {
    Card c;
    c.reservation = reservations::require(tx, scope, reservation_id);
    c.property = properties::require(tx, scope, c.reservation.property_id);
    c.guest = guests::repo::find(tx, scope, c.reservation.guest_id);
    if (const auto type = room_types::repo::find(tx, scope, c.reservation.room_type_id)) c.room_type = type->name;
    if (c.reservation.room_id) {
      if (const auto room = rooms::repo::find(tx, scope, *c.reservation.room_id)) c.room_number = room->room_number;
    }
    return c;
  });
  return {render_registration_card(ctx.services.data_dir, card),
          "registration-" + card.reservation.confirmation_number + ".pdf"};
}

}  // namespace keycard::hotel::invoices
