#include "hotel/invoices/documents.hpp"

#include "reports/document.hpp"
#include "reports/rules.hpp"

namespace keycard::hotel::invoices {
namespace {

using reports::Cell;
using reports::ColumnType;
using reports::Row;

std::string percent_text(std::int64_t bp) {
  const auto whole = std::to_string(bp / 100);
  const auto rest = bp % 100;
  if (rest == 0) return whole + " %";
  return whole + "." + std::to_string(rest / 10) + (rest % 10 ? std::to_string(rest % 10) : "") + " %";
}

Cell text_or_empty(const std::optional<std::string>& s) { return s ? Cell(*s) : Cell(std::monostate{}); }

// A totals row: the label under Description, the amount under Amount.
Row total(std::string label, std::int64_t minor, const std::string& currency) {
  return {std::monostate{}, std::move(label), std::monostate{}, std::monostate{}, reports::money(minor, currency)};
}

}  // namespace

std::string render_invoice(const std::string& data_dir, const Invoice& i) {
  const bool credit = i.kind == "credit_note";
  reports::Meta meta;
  meta.report_id = i.kind;
  meta.title = std::string(credit ? "Credit note " : "Invoice ") + i.number;
  meta.organisation = i.seller_name;
  meta.generated_at = i.issued_at;
  meta.parameters = {{"Number", i.number}, {"Date", i.business_date}, {"Seller", i.seller_name}};
  if (i.seller_address) meta.parameters.emplace_back("Address", *i.seller_address);
  meta.parameters.emplace_back("Guest", i.buyer_name);
  if (i.buyer_email) meta.parameters.emplace_back("Email", *i.buyer_email);
  meta.parameters.emplace_back("Reservation", i.confirmation_number);
  if (credit && i.reason) meta.parameters.emplace_back("Reason", *i.reason);
  meta.parameters.emplace_back("Currency", i.currency);
  meta.columns = {{"date", "Date", ColumnType::date},
                  {"description", "Description", ColumnType::text},
                  {"quantity", "Qty", ColumnType::integer},
                  {"unit_price", "Unit price", ColumnType::money},
                  {"amount", "Amount", ColumnType::money}};
  std::vector<Row> rows;
  for (const auto& l : i.lines) {
    rows.push_back({l.business_date, l.description, l.quantity, reports::money(l.unit_price_minor, i.currency),
                    reports::money(l.amount_minor, i.currency)});
  }
  std::vector<Row> totals = {total("Net", i.net_minor, i.currency),
                             total("VAT " + percent_text(i.vat_rate_bp) + " (included)", i.tax_minor, i.currency),
                             total("Total", i.gross_minor, i.currency)};
  if (!credit) {
    totals.push_back(total("Paid", i.paid_minor, i.currency));
    totals.push_back(total("Balance due", i.gross_minor - i.paid_minor, i.currency));
  }
  return reports::render_pdf(data_dir, meta, rows, totals);
}

std::string render_registration_card(const std::string& data_dir, const Card& c) {
  const auto& r = c.reservation;
  reports::Meta meta;
  meta.report_id = "registration-card";
  meta.title = "Registration card " + r.confirmation_number;
  meta.organisation = c.property.name;
  meta.generated_at = r.updated_at;
  meta.parameters = {{"Hotel", c.property.name}};
  if (c.property.address) meta.parameters.emplace_back("Address", *c.property.address);
  meta.columns = {{"field", "", ColumnType::text}, {"value", "", ColumnType::text}};
  const auto field = [](std::string label, Cell value) { return Row{std::move(label), std::move(value)}; };
  std::vector<Row> rows = {
      field("Guest", r.guest_name),
      field("Email", c.guest ? text_or_empty(c.guest->email) : Cell(std::monostate{})),
      field("Phone", c.guest ? text_or_empty(c.guest->phone) : Cell(std::monostate{})),
      field("Nationality", c.guest ? text_or_empty(c.guest->nationality) : Cell(std::monostate{})),
      field("Identity document",
            c.guest && c.guest->id_type
                ? Cell(*c.guest->id_type + (c.guest->id_number ? " " + *c.guest->id_number : std::string()))
                : Cell(std::monostate{})),
      field("Confirmation", r.confirmation_number),
      field("Arrival", r.check_in_date + " from " + c.property.check_in_time),
      field("Departure", r.check_out_date + " by " + c.property.check_out_time),
      field("Nights", std::to_string(r.nights())),
      field("Room type", c.room_type),
      field("Room", text_or_empty(c.room_number)),
      field("Guests", std::to_string(r.adults) + " adult(s), " + std::to_string(r.children) + " child(ren)"),
      field("Rate per night", reports::to_string(reports::money(r.rate_minor, r.currency)) + " " + r.currency),
      field("Date", std::monostate{}),
      field("Guest's signature", std::monostate{}),
  };
  return reports::render_pdf(data_dir, meta, rows, {});
}

}  // namespace keycard::hotel::invoices
