#include "hotel/invoices/repository.hpp"

#include "db/rows.hpp"

namespace keycard::hotel::invoices::repo {
namespace {

constexpr std::string_view kNextNumber = R"sql(
INSERT INTO invoice_sequences (tenant_id, property_id, year, last_number) VALUES ($1, $2, $3, 1)
ON CONFLICT (tenant_id, property_id, year) DO UPDATE SET last_number = invoice_sequences.last_number + 1
RETURNING last_number)sql";

constexpr std::string_view kInsert = R"sql(
INSERT INTO invoices (tenant_id, id, property_id, reservation_id, kind, number, year, sequence, credit_of,
  business_date, seller_name, seller_address, buyer_name, buyer_email, confirmation_number, currency, vat_rate_bp,
  net_minor, tax_minor, gross_minor, paid_minor, reason, issued_by, issued_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
  $24))sql";

constexpr std::string_view kInsertLine = R"sql(
INSERT INTO invoice_lines (tenant_id, invoice_id, position, business_date, description, quantity, unit_price_minor,
  amount_minor)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql";

constexpr std::string_view kSelect = R"sql(
SELECT i.id, i.tenant_id, i.property_id, i.reservation_id, i.kind, i.number, i.year, i.sequence, i.credit_of,
  (SELECT c.id FROM invoices c WHERE c.tenant_id = i.tenant_id AND c.credit_of = i.id) AS credited_by,
  i.business_date, i.seller_name, i.seller_address, i.buyer_name, i.buyer_email, i.confirmation_number, i.currency,
  i.vat_rate_bp, i.net_minor, i.tax_minor, i.gross_minor, i.paid_minor, i.reason, i.issued_by, i.issued_at
FROM invoices i)sql";

constexpr std::string_view kLines = R"sql(
SELECT invoice_id, business_date, description, quantity, unit_price_minor, amount_minor FROM invoice_lines
WHERE tenant_id = $1 AND invoice_id IN (SELECT id FROM invoices WHERE tenant_id = $1 AND reservation_id = $2)
ORDER BY invoice_id, position)sql";

Invoice to_invoice(const db::NamedRow& r) {
  Invoice i;
  i.id = r.text("id");
  i.tenant_id = r.text("tenant_id");
  i.property_id = r.text("property_id");
  i.reservation_id = r.text("reservation_id");
  i.kind = r.text("kind");
  i.number = r.text("number");
  i.year = r.int64("year");
  i.sequence = r.int64("sequence");
  i.credit_of = r.opt_text("credit_of");
  i.credited_by = r.opt_text("credited_by");
  i.business_date = r.text("business_date");
  i.seller_name = r.text("seller_name");
  i.seller_address = r.opt_text("seller_address");
  i.buyer_name = r.text("buyer_name");
  i.buyer_email = r.opt_text("buyer_email");
  i.confirmation_number = r.text("confirmation_number");
  i.currency = r.text("currency");
  i.vat_rate_bp = r.int64("vat_rate_bp");
  i.net_minor = r.int64("net_minor");
  i.tax_minor = r.int64("tax_minor");
  i.gross_minor = r.int64("gross_minor");
  i.paid_minor = r.int64("paid_minor");
  i.reason = r.opt_text("reason");
  i.issued_by = r.opt_text("issued_by");
  i.issued_at = r.text("issued_at");
  return i;
}

// Fills each invoice's lines from the reservation's lines.
void attach_lines(db::Transaction& tx, const access::TenantScope& scope, const std::string& reservation_id,
                  std::vector<Invoice>& invoices) {
  const auto rows = tx.exec(kLines, {scope.tenant_id(), reservation_id});
  const db::Columns columns(rows);
  for (const auto& raw : rows.rows) {
    const auto r = columns(raw);
    const auto& invoice_id = r.text("invoice_id");
    for (auto& i : invoices) {
      if (i.id != invoice_id) continue;
      i.lines.push_back({r.text("business_date"), r.text("description"), r.int64("quantity"),
                         r.int64("unit_price_minor"), r.int64("amount_minor")});
    }
  }
}

}  // namespace

std::int64_t next_number(db::Transaction& tx, const access::TenantScope& scope, const std::string& property_id,
                         std::int64_t year) {
  return db::map_first(tx.exec(kNextNumber, {scope.tenant_id(), property_id, year}),
                       [](const db::NamedRow& r) { return r.int64("last_number"); })
      .value();
}

void insert(db::Transaction& tx, const access::TenantScope& scope, const Invoice& i) {
  std::vector<db::Statement> batch;
  batch.push_back({kInsert,
                   {scope.tenant_id(),
                    i.id,
                    i.property_id,
                    i.reservation_id,
                    i.kind,
                    i.number,
                    i.year,
                    i.sequence,
                    db::nullable(i.credit_of),
                    i.business_date,
                    i.seller_name,
                    db::nullable(i.seller_address),
                    i.buyer_name,
                    db::nullable(i.buyer_email),
                    i.confirmation_number,
                    i.currency,
                    i.vat_rate_bp,
                    i.net_minor,
                    i.tax_minor,
                    i.gross_minor,
                    i.paid_minor,
                    db::nullable(i.reason),
                    db::nullable(i.issued_by),
                    i.issued_at}});
  std::int64_t position = 0;
  for (const auto& l : i.lines) {
    batch.push_back({kInsertLine,
                     {scope.tenant_id(), i.id, ++position, l.business_date, l.description, l.quantity,
                      l.unit_price_minor, l.amount_minor}});
  }
  tx.exec_batch(std::move(batch));
}

std::optional<Invoice> find(db::Transaction& tx, const access::TenantScope& scope, const std::string& id) {
  static const std::string kSql = std::string(kSelect) + " WHERE i.tenant_id = $1 AND i.id = $2";
  auto found = db::map_first(tx.exec(kSql, {scope.tenant_id(), id}), to_invoice);
  if (!found) return std::nullopt;
  std::vector<Invoice> one{std::move(*found)};
  attach_lines(tx, scope, one.front().reservation_id, one);
  return std::move(one.front());
}

std::vector<Invoice> of_reservation(db::Transaction& tx, const access::TenantScope& scope,
                                    const std::string& reservation_id) {
  static const std::string kSql =
      std::string(kSelect) + " WHERE i.tenant_id = $1 AND i.reservation_id = $2 ORDER BY i.issued_at, i.sequence";
  auto out = db::map_rows(tx.exec(kSql, {scope.tenant_id(), reservation_id}), to_invoice);
  attach_lines(tx, scope, reservation_id, out);
  return out;
}

}  // namespace keycard::hotel::invoices::repo
