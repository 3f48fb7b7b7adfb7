#include "reports/sources.hpp"

#include <map>
#include <string>
#include <utility>

#include "hotel/reservations/rules.hpp"
#include "hotel/shared/support.hpp"
#include "reports/rules.hpp"

namespace keycard::reports {
namespace {

using T = ColumnType;

// The stays whose nights are sold (rules.hpp is_sold_status), as SQL.
constexpr std::string_view kSold = "('pending','confirmed','checked_in','checked_out')";

Cell text_or_empty(const db::Row& r, std::size_t c) {
  if (r.is_null(c)) return std::monostate{};
  return r.text(c);
}

std::int64_t nights_between(const std::string& check_in, const std::string& check_out) {
  return hotel::days_from_date(check_out) - hotel::days_from_date(check_in);
}

// Start of a business date and of the day after another, as timestamps.
std::string start_of(const std::string& date) { return date + "T00:00:00.000000Z"; }
std::string end_of(const std::string& date) { return start_of(hotel::date_from_days(hotel::days_from_date(date) + 1)); }

std::string required(const Parameters& p, const std::string& name) { return p.get(name).value_or(std::string()); }

db::Param optional(const Parameters& p, const std::string& name) { return db::nullable(p.get(name)); }

std::int64_t count_of(db::Transaction& tx, const std::string& sql, const db::Params& params) {
  auto r = tx.one("SELECT count(*) FROM (" + sql + ") q", params);
  return r ? r->int64(0) : 0;
}

// A report whose cells are its SELECT's columns as text, in their order.
Source text_source(std::vector<Column> columns, const std::string& sql, const std::string& order_by,
                   const db::Params& params) {
  Source s;
  const auto n = columns.size();
  s.columns = std::move(columns);
  s.count = [=](db::Transaction& tx) { return count_of(tx, sql, params); };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>&) {
    tx.each(sql + " ORDER BY " + order_by, params, [&](const db::Row& r) {
      Row row;
      for (std::size_t c = 0; c < n; ++c) row.push_back(text_or_empty(r, c));
      emit(row);
    });
  };
  return s;
}

// Money totals of several columns, per currency, in first-seen order.
class Totals {
 public:
  explicit Totals(std::size_t n) : n_(n) {}
  void add(const std::string& currency, const std::vector<std::int64_t>& amounts) {
    auto it = by_currency_.find(currency);
    if (it == by_currency_.end()) {
      order_.push_back(currency);
      it = by_currency_.emplace(currency, std::vector<std::int64_t>(n_, 0)).first;
    }
    for (std::size_t i = 0; i < n_; ++i) it->second[i] += amounts[i];
  }
  [[nodiscard]] const std::vector<std::string>& currencies() const { return order_; }
  [[nodiscard]] const std::vector<std::int64_t>& of(const std::string& c) const { return by_currency_.at(c); }

 private:
  std::size_t n_;
  std::vector<std::string> order_;
  std::map<std::string, std::vector<std::int64_t>> by_currency_;
};

// ---- occupancy and revenue ----------------------------------------------------

struct PropertyRow {
  std::string id, code, currency;
  std::int64_t available = 0;
};

constexpr std::string_view kProperties = R"sql(
SELECT p.id, p.code, p.currency,
  (SELECT count(*) FROM rooms m WHERE m.tenant_id = p.tenant_id AND m.property_id = p.id AND m.status <> 'out_of_order')
FROM properties p WHERE p.tenant_id = $1 AND p.id = COALESCE($2, p.id) ORDER BY p.code)sql";

// Sold stays of one property that hold a night in [from, to].
constexpr std::string_view kSoldStays = R"sql(
SELECT check_in_date, check_out_date, rate_minor FROM reservations
WHERE tenant_id = $1 AND property_id = $2 AND status IN ('pending','confirmed','checked_in','checked_out')
  AND check_in_date <= $4 AND check_out_date > $3)sql";

std::vector<PropertyRow> properties_of(db::Transaction& tx, const access::TenantScope& scope, const Parameters& p) {
  std::vector<PropertyRow> out;
  for (const auto& r : tx.exec(kProperties, {scope.tenant_id(), optional(p, "property_id")}).rows) {
    out.push_back({r.text(0), r.text(1), r.text(2), r.int64(3)});
  }
  return out;
}

// Each night's stats of one property over [from, from + nights): memory per
// night of the range, never per stay.
std::vector<RoomStats> nightly(db::Transaction& tx, const access::TenantScope& scope, const PropertyRow& prop,
                               const std::string& from, const std::string& to) {
  const auto first = hotel::days_from_date(from);
  const auto n = hotel::days_from_date(to) - first + 1;
  std::vector<RoomStats> nights(static_cast<std::size_t>(n), RoomStats{prop.available, 0, 0});
  tx.each(kSoldStays, {scope.tenant_id(), prop.id, from, to}, [&](const db::Row& r) {
    const auto in = std::max(hotel::days_from_date(r.text(0)), first);
    const auto out = std::min(hotel::days_from_date(r.text(1)), first + n);
    const auto rate = r.int64(2);
    for (auto d = in; d < out; ++d) {
      auto& s = nights[static_cast<std::size_t>(d - first)];
      s.sold += 1;
      s.revenue_minor += rate;
    }
  });
  return nights;
}

Row stats_cells(const RoomStats& s, const std::string& currency) {
  const auto a = adr(s, currency);
  return {s.available,
          s.sold,
          occupancy_pct(s),
          money(s.revenue_minor, currency),
          a ? Cell(*a) : Cell(std::monostate{}),
          revpar(s, currency),
          currency};
}

void add_stats(RoomStats& into, const RoomStats& s) {
  into.available += s.available;
  into.sold += s.sold;
  into.revenue_minor += s.revenue_minor;
}

const std::vector<Column> kStatsColumns = {{"rooms_available", "Rooms available", T::integer},
                                           {"rooms_sold", "Rooms sold", T::integer},
                                           {"occupancy_pct", "Occupancy %", T::percent},
                                           {"room_revenue", "Room revenue", T::money},
                                           {"adr", "ADR", T::money},
                                           {"revpar", "RevPAR", T::money},
                                           {"currency", "Currency", T::text}};

std::vector<Column> with_stats(std::vector<Column> head) {
  head.insert(head.end(), kStatsColumns.begin(), kStatsColumns.end());
  return head;
}

Source occupancy(const Parameters& p, const access::TenantScope& scope, bool per_night) {
  const auto from = required(p, "from");
  const auto to = required(p, "to");
  Source s;
  s.columns = per_night ? with_stats({{"date", "Date", T::date}, {"property_code", "Property", T::text}})
                        : with_stats({{"property_code", "Property", T::text}, {"nights", "Nights", T::integer}});
  s.count = [=](db::Transaction& tx) {
    const auto props = static_cast<std::int64_t>(properties_of(tx, scope, p).size());
    return per_night ? props * (hotel::days_from_date(to) - hotel::days_from_date(from) + 1) : props;
  };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>& totals) {
    std::map<std::string, RoomStats> by_currency;
    std::vector<std::string> currencies;
    for (const auto& prop : properties_of(tx, scope, p)) {
      const auto nights = nightly(tx, scope, prop, from, to);
      RoomStats range;
      const auto first = hotel::days_from_date(from);
      for (std::size_t i = 0; i < nights.size(); ++i) {
        add_stats(range, nights[i]);
        if (!per_night) continue;
        Row row = {hotel::date_from_days(first + static_cast<std::int64_t>(i)), prop.code};
        auto cells = stats_cells(nights[i], prop.currency);
        row.insert(row.end(), cells.begin(), cells.end());
        emit(row);
      }
      if (!per_night) {
        Row row = {prop.code, static_cast<std::int64_t>(nights.size())};
        auto cells = stats_cells(range, prop.currency);
        row.insert(row.end(), cells.begin(), cells.end());
        emit(row);
      }
      if (!by_currency.contains(prop.currency)) currencies.push_back(prop.currency);
      add_stats(by_currency[prop.currency], range);
    }
    const auto days = hotel::days_from_date(to) - hotel::days_from_date(from) + 1;
    for (const auto& c : currencies) {
      Row row = per_night ? Row{std::monostate{}, std::string("Total")} : Row{std::string("Total"), days};
      auto cells = stats_cells(by_currency[c], c);
      row.insert(row.end(), cells.begin(), cells.end());
      totals.push_back(std::move(row));
    }
  };
  return s;
}

// ---- reservations and the day lists ------------------------------------------

// Paid = payments minus refunds, as the reservation API shows it.
constexpr std::string_view kStaySelect = R"sql(
SELECT r.confirmation_number, g.first_name || ' ' || g.last_name, p.code, t.name, m.room_number, r.check_in_date,
  r.check_out_date, r.adults, r.children, r.status, r.rate_minor, r.currency, r.created_at,
  (SELECT COALESCE(SUM(CASE WHEN x.kind = 'payment' THEN x.amount_minor ELSE -x.amount_minor END), 0)
     FROM payments x WHERE x.tenant_id = r.tenant_id AND x.reservation_id = r.id),
  r.cancel_reason,
  (SELECT h.changed_at FROM reservation_status_history h
    WHERE h.tenant_id = r.tenant_id AND h.reservation_id = r.id AND h.to_status = r.status
    ORDER BY h.changed_at DESC LIMIT 1),
  (SELECT u.first_name || ' ' || u.last_name FROM reservation_status_history h JOIN users u ON u.id = h.changed_by
    WHERE h.tenant_id = r.tenant_id AND h.reservation_id = r.id AND h.to_status = r.status
    ORDER BY h.changed_at DESC LIMIT 1),
  (SELECT COALESCE(SUM(f.amount_minor), 0) FROM folio_lines f WHERE f.tenant_id = r.tenant_id AND f.reservation_id = r.id),
  (SELECT count(*) FROM folio_lines f WHERE f.tenant_id = r.tenant_id AND f.reservation_id = r.id
     AND f.room_night >= r.check_in_date AND f.room_night < r.check_out_date)
FROM reservations r
JOIN guests g ON g.tenant_id = r.tenant_id AND g.id = r.guest_id
JOIN properties p ON p.tenant_id = r.tenant_id AND p.id = r.property_id
JOIN room_types t ON t.tenant_id = r.tenant_id AND t.id = r.room_type_id
LEFT JOIN rooms m ON m.tenant_id = r.tenant_id AND m.id = r.room_id
WHERE r.tenant_id = $1 AND r.property_id = COALESCE($2, r.property_id))sql";

struct Stay {
  std::string confirmation, guest, property_code, room_type;
  std::optional<std::string> room_number;
  std::string check_in, check_out;
  std::int64_t adults = 0, children = 0;
  std::string status;
  std::int64_t rate = 0;
  std::string currency, created_at;
  std::int64_t paid = 0;
  std::optional<std::string> cancel_reason, status_changed_at, status_changed_by;
  std::int64_t charges = 0, nights_posted = 0;  // the folio's posted charges, the nights charged
  [[nodiscard]] std::int64_t nights() const { return nights_between(check_in, check_out); }
  // What the booking is worth: rate x nights (the cancellations report's "stay value").
  [[nodiscard]] std::int64_t value() const { return rate * nights(); }
  // What the guest owes for it, as the reservation's own total (hotel/folios):
  // the posted charges and the nights not posted yet while it holds a room.
  [[nodiscard]] std::int64_t total() const {
    const auto parsed = hotel::reservations::parse_status(status);
    const auto pending = parsed ? hotel::reservations::rules::pending_room_nights(*parsed, nights(), nights_posted) : 0;
    return charges + rate * pending;
  }
};

Stay to_stay(const db::Row& r) {
  return {r.text(0),      r.text(1),      r.text(2),      r.text(3),   r.opt_text(4), r.text(5),  r.text(6),
          r.int64(7),     r.int64(8),     r.text(9),      r.int64(10), r.text(11),    r.text(12), r.int64(13),
          r.opt_text(14), r.opt_text(15), r.opt_text(16), r.int64(17), r.int64(18)};
}

Cell opt_cell(const std::optional<std::string>& v) { return v ? Cell(*v) : Cell(std::monostate{}); }

Source reservations(const Parameters& p, const access::TenantScope& scope) {
  const std::string where = std::string(kStaySelect) + " AND r.check_in_date <= $4 AND r.check_out_date > $3";
  const db::Params params = {scope.tenant_id(), optional(p, "property_id"), required(p, "from"), required(p, "to")};
  Source s;
  s.columns = {{"confirmation_number", "Confirmation", T::text},
               {"guest_name", "Guest", T::text},
               {"property_code", "Property", T::text},
               {"room_type", "Room type", T::text},
               {"room_number", "Room", T::text},
               {"check_in_date", "Check-in", T::date},
               {"check_out_date", "Check-out", T::date},
               {"nights", "Nights", T::integer},
               {"adults", "Adults", T::integer},
               {"children", "Children", T::integer},
               {"status", "Status", T::text},
               {"total", "Total", T::money},
               {"paid", "Paid", T::money},
               {"balance", "Balance", T::money},
               {"currency", "Currency", T::text},
               {"created_at", "Created", T::timestamp}};
  s.count = [=](db::Transaction& tx) { return count_of(tx, where, params); };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>& totals) {
    Totals sums(3);
    tx.each(where + " ORDER BY r.check_in_date, r.confirmation_number", params, [&](const db::Row& r) {
      const auto st = to_stay(r);
      const auto total = st.total();
      emit({st.confirmation, st.guest, st.property_code, st.room_type, opt_cell(st.room_number), st.check_in,
            st.check_out, st.nights(), st.adults, st.children, st.status, money(total, st.currency),
            money(st.paid, st.currency), money(total - st.paid, st.currency), st.currency, st.created_at});
      sums.add(st.currency, {total, st.paid, total - st.paid});
    });
    for (const auto& c : sums.currencies()) {
      const auto& v = sums.of(c);
      Row row(s.columns.size(), std::monostate{});
      row[0] = std::string("Total");
      row[11] = money(v[0], c);
      row[12] = money(v[1], c);
      row[13] = money(v[2], c);
      row[14] = c;
      totals.push_back(std::move(row));
    }
  };
  return s;
}

enum class DayList { arrivals, departures, in_house };

Source day_list(const Parameters& p, const access::TenantScope& scope, DayList kind) {
  std::string where = std::string(kStaySelect) + " AND r.status IN " + std::string(kSold);
  switch (kind) {
    case DayList::arrivals:
      where += " AND r.check_in_date = $3";
      break;
    case DayList::departures:
      where += " AND r.check_out_date = $3";
      break;
    case DayList::in_house:
      where += " AND r.check_in_date <= $3 AND r.check_out_date > $3";
      break;
  }
  const db::Params params = {scope.tenant_id(), optional(p, "property_id"), required(p, "date")};
  Source s;
  s.columns = {{"confirmation_number", "Confirmation", T::text},
               {"guest_name", "Guest", T::text},
               {"room_number", "Room", T::text},
               {"room_type", "Room type", T::text},
               {"check_in_date", "Check-in", T::date},
               {"check_out_date", "Check-out", T::date},
               {"nights", "Nights", T::integer},
               {"adults", "Adults", T::integer},
               {"children", "Children", T::integer},
               {"status", "Status", T::text},
               {"balance", "Balance", T::money},
               {"currency", "Currency", T::text}};
  s.count = [=](db::Transaction& tx) { return count_of(tx, where, params); };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>&) {
    tx.each(
        where + " ORDER BY m.room_number, g.last_name, g.first_name, r.confirmation_number", params,
        [&](const db::Row& r) {
          const auto st = to_stay(r);
          emit({st.confirmation, st.guest, opt_cell(st.room_number), st.room_type, st.check_in, st.check_out,
                st.nights(), st.adults, st.children, st.status, money(st.total() - st.paid, st.currency), st.currency});
        });
  };
  return s;
}

Source cancellations(const Parameters& p, const access::TenantScope& scope) {
  const std::string where = std::string(kStaySelect) +
                            " AND r.status IN ('cancelled','no_show') AND r.check_in_date >= $3 AND "
                            "r.check_in_date <= $4";
  const db::Params params = {scope.tenant_id(), optional(p, "property_id"), required(p, "from"), required(p, "to")};
  Source s;
  s.columns = {{"confirmation_number", "Confirmation", T::text},
               {"guest_name", "Guest", T::text},
               {"property_code", "Property", T::text},
               {"room_type", "Room type", T::text},
               {"check_in_date", "Check-in", T::date},
               {"check_out_date", "Check-out", T::date},
               {"nights", "Nights", T::integer},
               {"status", "Status", T::text},
               {"reason", "Reason", T::text},
               {"cancelled_at", "When", T::timestamp},
               {"cancelled_by", "By", T::text},
               {"total", "Stay value", T::money},
               {"currency", "Currency", T::text}};
  s.count = [=](db::Transaction& tx) { return count_of(tx, where, params); };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>&) {
    tx.each(where + " ORDER BY r.check_in_date, r.confirmation_number", params, [&](const db::Row& r) {
      const auto st = to_stay(r);
      emit({st.confirmation, st.guest, st.property_code, st.room_type, st.check_in, st.check_out, st.nights(),
            st.status, opt_cell(st.cancel_reason), opt_cell(st.status_changed_at), opt_cell(st.status_changed_by),
            money(st.value(), st.currency), st.currency});
    });
  };
  return s;
}

// ---- payments -----------------------------------------------------------------

// Refunds are negative amounts, so that a column sum is the money kept.
Source payments(const Parameters& p, const access::TenantScope& scope) {
  const std::string where = R"sql(
SELECT x.created_at, r.confirmation_number, g.first_name || ' ' || g.last_name, x.method, x.reference, x.amount_minor,
  x.currency, x.kind, u.first_name || ' ' || u.last_name
FROM payments x
JOIN reservations r ON r.tenant_id = x.tenant_id AND r.id = x.reservation_id
JOIN guests g ON g.tenant_id = r.tenant_id AND g.id = r.guest_id
LEFT JOIN users u ON u.id = x.created_by
WHERE x.tenant_id = $1 AND r.property_id = COALESCE($2, r.property_id) AND x.created_at >= $3 AND x.created_at < $4)sql";
  const db::Params params = {scope.tenant_id(), optional(p, "property_id"), start_of(required(p, "from")),
                             end_of(required(p, "to"))};
  Source s;
  s.columns = {{"date", "Date", T::date},
               {"confirmation_number", "Confirmation", T::text},
               {"guest_name", "Guest", T::text},
               {"method", "Method", T::text},
               {"reference", "Reference", T::text},
               {"amount", "Amount", T::money},
               {"currency", "Currency", T::text},
               {"kind", "Kind", T::text},
               {"recorded_by", "Recorded by", T::text}};
  s.count = [=](db::Transaction& tx) { return count_of(tx, where, params); };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>& totals) {
    std::map<std::pair<std::string, std::string>, std::int64_t> by_method;  // (method, currency)
    tx.each(where + " ORDER BY x.created_at, x.id", params, [&](const db::Row& r) {
      const auto amount = r.text(7) == "refund" ? -r.int64(5) : r.int64(5);
      const auto& currency = r.text(6);
      emit({r.text(0).substr(0, 10), r.text(1), r.text(2), r.text(3), text_or_empty(r, 4), money(amount, currency),
            currency, r.text(7), text_or_empty(r, 8)});
      by_method[{r.text(3), currency}] += amount;
    });
    for (const auto& [key, amount] : by_method) {
      totals.push_back({std::monostate{}, std::string("Total"), std::monostate{}, key.first, std::monostate{},
                        money(amount, key.second), key.second, std::monostate{}, std::monostate{}});
    }
  };
  return s;
}

// ---- the night audit's daily manager report ---------------------------------------

// The closed day of one property: the audit's figures, the day's movements,
// revenue by charge type (posted on the date, corrections included) and
// payments by method (taken on the date, refunds negative).
constexpr std::string_view kAuditOfDay = R"sql(
SELECT a.rooms_available, a.rooms_sold, a.room_revenue_minor, a.room_charges_posted, a.forced, a.reason,
  a.created_at, u.first_name || ' ' || u.last_name, p.currency
FROM properties p
LEFT JOIN night_audits a ON a.tenant_id = p.tenant_id AND a.property_id = p.id AND a.business_date = $3
LEFT JOIN users u ON u.id = a.run_by
WHERE p.tenant_id = $1 AND p.id = $2)sql";

constexpr std::string_view kMovements = R"sql(
SELECT
  (SELECT count(*) FROM reservations r WHERE r.tenant_id = $1 AND r.property_id = $2 AND r.check_in_date = $3
     AND r.status IN ('checked_in','checked_out')),
  (SELECT count(*) FROM reservations r WHERE r.tenant_id = $1 AND r.property_id = $2 AND r.check_out_date = $3
     AND r.status = 'checked_out'),
  (SELECT count(*) FROM reservations r WHERE r.tenant_id = $1 AND r.property_id = $2 AND r.check_in_date = $3
     AND r.status = 'no_show'),
  (SELECT count(*) FROM reservations r WHERE r.tenant_id = $1 AND r.property_id = $2 AND r.status = 'cancelled'
     AND r.cancelled_at > COALESCE((SELECT a.created_at FROM night_audits a
                                     WHERE a.tenant_id = $1 AND a.property_id = $2 AND a.business_date = $4), $5)
     AND r.cancelled_at <= COALESCE((SELECT a.created_at FROM night_audits a
                                      WHERE a.tenant_id = $1 AND a.property_id = $2 AND a.business_date = $3), $6)))sql";

constexpr std::string_view kRevenueByType = R"sql(
SELECT f.charge_type, count(*), SUM(f.amount_minor) FROM folio_lines f
WHERE f.tenant_id = $1 AND f.property_id = $2 AND f.business_date = $3
GROUP BY f.charge_type ORDER BY f.charge_type)sql";

constexpr std::string_view kPaymentsByMethod = R"sql(
SELECT x.method, count(*), SUM(CASE WHEN x.kind = 'payment' THEN x.amount_minor ELSE -x.amount_minor END)
FROM payments x JOIN reservations r ON r.tenant_id = x.tenant_id AND r.id = x.reservation_id
WHERE x.tenant_id = $1 AND r.property_id = $2 AND x.business_date = $3
GROUP BY x.method ORDER BY x.method)sql";

Source night_audit(const Parameters& p, const access::TenantScope& scope) {
  const auto date = required(p, "date");
  const db::Params day = {scope.tenant_id(), required(p, "property_id"), date};
  // Cancellations of the business day: made after the previous day was
  // closed and before this one was (the audit's own included).
  const db::Params movements = {scope.tenant_id(),
                                required(p, "property_id"),
                                date,
                                hotel::date_from_days(hotel::days_from_date(date) - 1),
                                std::string("1970-01-01T00:00:00.000000Z"),
                                std::string("9999-12-31T23:59:59.999999Z")};
  Source s;
  s.columns = {{"section", "Section", T::text}, {"item", "Item", T::text},      {"count", "Count", T::integer},
               {"percent", "%", T::percent},    {"amount", "Amount", T::money}, {"currency", "Currency", T::text}};
  s.count = [](db::Transaction&) { return std::int64_t{20}; };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>& totals) {
    const Cell none = std::monostate{};
    const auto audit = tx.one(kAuditOfDay, day);
    if (!audit) return;
    const auto currency = audit->text(8);
    const auto row = [&](std::string section, std::string item, Cell count, Cell percent, Cell amount) {
      const Cell in = std::holds_alternative<std::monostate>(amount) ? none : Cell(currency);
      emit({std::move(section), std::move(item), std::move(count), std::move(percent), std::move(amount), in});
    };
    if (audit->is_null(0)) {
      row("Day", "Not closed by the night audit yet", none, none, none);
    } else {
      const RoomStats stats{audit->int64(0), audit->int64(1), audit->int64(2)};
      row("Day", "Rooms available", stats.available, none, none);
      row("Day", "Rooms sold", stats.sold, none, none);
      row("Day", "Occupancy", none, occupancy_pct(stats), none);
      row("Day", "Room revenue", audit->int64(3), none, money(stats.revenue_minor, currency));
      const auto a = adr(stats, currency);
      row("Day", "ADR", none, none, a ? Cell(*a) : none);
      row("Day", "RevPAR", none, none, revpar(stats, currency));
      std::string closed = "Closed " + audit->text(6).substr(0, 16) + " by " +
                           (audit->is_null(7) ? std::string("the scheduler") : audit->text(7));
      if (audit->boolean(4)) closed += " (forced: " + audit->opt_text(5).value_or("") + ")";
      row("Day", closed, none, none, none);
    }
    if (const auto m = tx.one(kMovements, movements)) {
      row("Movements", "Arrivals", m->int64(0), none, none);
      row("Movements", "Departures", m->int64(1), none, none);
      row("Movements", "No-shows", m->int64(2), none, none);
      row("Movements", "Cancellations", m->int64(3), none, none);
    }
    std::int64_t revenue = 0;
    tx.each(kRevenueByType, day, [&](const db::Row& r) {
      revenue += r.int64(2);
      row("Revenue by charge type", r.text(0), r.int64(1), none, money(r.int64(2), currency));
    });
    std::int64_t paid = 0;
    tx.each(kPaymentsByMethod, day, [&](const db::Row& r) {
      paid += r.int64(2);
      row("Payments by method", r.text(0), r.int64(1), none, money(r.int64(2), currency));
    });
    totals.push_back(
        {std::string("Total"), std::string("Revenue posted"), none, none, money(revenue, currency), currency});
    totals.push_back(
        {std::string("Total"), std::string("Payments taken"), none, none, money(paid, currency), currency});
  };
  return s;
}

// ---- incidents ----------------------------------------------------------------

Source incidents(const Parameters& p, const access::TenantScope& scope) {
  const std::string where = R"sql(
SELECT i.created_at, p.code, m.room_number, i.title, i.category, i.severity, i.status,
  rep.first_name || ' ' || rep.last_name, asg.first_name || ' ' || asg.last_name, i.resolved_at
FROM incidents i
LEFT JOIN properties p ON p.tenant_id = i.tenant_id AND p.id = i.property_id
LEFT JOIN rooms m ON m.tenant_id = i.tenant_id AND m.id = i.room_id
LEFT JOIN users rep ON rep.id = i.reported_by
LEFT JOIN users asg ON asg.id = i.assigned_to
WHERE i.tenant_id = $1 AND (CAST($2 AS TEXT) IS NULL OR CAST(i.property_id AS TEXT) = CAST($2 AS TEXT)) AND i.created_at >= $3 AND i.created_at < $4)sql";
  const db::Params params = {scope.tenant_id(), optional(p, "property_id"), start_of(required(p, "from")),
                             end_of(required(p, "to"))};
  return text_source({{"created_at", "Reported", T::timestamp},
                      {"property_code", "Property", T::text},
                      {"room_number", "Room", T::text},
                      {"title", "Title", T::text},
                      {"category", "Category", T::text},
                      {"severity", "Severity", T::text},
                      {"status", "Status", T::text},
                      {"reported_by", "Reported by", T::text},
                      {"assigned_to", "Assigned to", T::text},
                      {"resolved_at", "Resolved", T::timestamp}},
                     where, "i.created_at, i.id", params);
}

// ---- audit trail ----------------------------------------------------------------

// The audit filters of GET …/audit-logs, as SQL on `a` (audit_logs); the
// caller's own condition (tenant) comes first.
std::string audit_where(const Parameters& p, db::Params& params) {
  std::string sql;
  auto add = [&](const std::string& cond, db::Param v) {
    params.push_back(std::move(v));
    sql += " AND " + cond + " $" + std::to_string(params.size());
  };
  add("a.created_at >=", start_of(required(p, "from")));
  add("a.created_at <", end_of(required(p, "to")));
  if (auto v = p.get("action")) add("a.action =", *v);
  if (auto v = p.get("resource_type")) add("a.resource_type =", *v);
  if (auto v = p.get("resource_id")) add("a.resource_id =", *v);
  if (auto v = p.get("user_id")) add("a.actor_user_id =", *v);
  return sql;
}

const std::vector<Column> kAuditColumns = {{"created_at", "When", T::timestamp},
                                           {"actor_email", "Who", T::text},
                                           {"impersonated_by", "Impersonated by", T::text},
                                           {"action", "Action", T::text},
                                           {"resource_type", "Resource", T::text},
                                           {"resource_id", "Resource id", T::text},
                                           {"ip", "IP", T::text},
                                           {"request_id", "Request", T::text},
                                           {"changes", "Changes", T::text}};

Source audit_source(const std::string& where, const db::Params& params, bool with_hotel) {
  const std::string sql = std::string(
                              "SELECT a.created_at, a.actor_email, imp.email, a.action, a.resource_type, "
                              "a.resource_id, a.ip, a.request_id, a.changes") +
                          (with_hotel ? ", t.slug" : "") +
                          " FROM audit_logs a LEFT JOIN users imp ON imp.id = a.impersonated_by" +
                          (with_hotel ? " LEFT JOIN tenants t ON t.id = a.tenant_id" : "") + " WHERE " + where;
  Source s;
  s.columns = kAuditColumns;
  if (with_hotel) s.columns.insert(s.columns.begin() + 1, Column{"hotel", "Hotel", T::text});
  s.count = [=](db::Transaction& tx) { return count_of(tx, sql, params); };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>&) {
    tx.each(sql + " ORDER BY a.created_at, a.id", params, [&](const db::Row& r) {
      Row row;
      for (std::size_t c = 0; c < 9; ++c) row.push_back(text_or_empty(r, c));
      if (with_hotel) row.insert(row.begin() + 1, r.is_null(9) ? Cell(std::string("platform")) : Cell(r.text(9)));
      emit(row);
    });
  };
  return s;
}

// ---- platform -------------------------------------------------------------------

Source hotels(const Parameters& p) {
  const auto from = required(p, "from");
  const auto to = required(p, "to");
  const std::string sql = std::string(R"sql(
SELECT t.id, t.name, t.slug, t.type, t.status,
  (SELECT count(*) FROM properties x WHERE x.tenant_id = t.id),
  (SELECT count(*) FROM rooms x WHERE x.tenant_id = t.id),
  (SELECT count(*) FROM tenant_users x WHERE x.tenant_id = t.id),
  (SELECT count(*) FROM reservations x WHERE x.tenant_id = t.id AND x.status IN )sql") +
                          std::string(kSold) + R"sql(
     AND x.check_in_date <= $2 AND x.check_out_date > $1),
  (SELECT min(x.currency) FROM properties x WHERE x.tenant_id = t.id)
FROM tenants t WHERE t.deleted_at IS NULL)sql";
  const std::string stays = std::string(R"sql(
SELECT check_in_date, check_out_date, rate_minor, currency FROM reservations
WHERE tenant_id = $1 AND status IN )sql") +
                            std::string(kSold) + " AND check_in_date <= $3 AND check_out_date > $2";
  Source s;
  s.columns = {{"name", "Hotel", T::text},
               {"slug", "Slug", T::text},
               {"type", "Type", T::text},
               {"status", "Status", T::text},
               {"properties", "Properties", T::integer},
               {"rooms", "Rooms", T::integer},
               {"users", "Users", T::integer},
               {"reservations", "Reservations", T::integer},
               {"revenue", "Room revenue", T::money},
               {"currency", "Currency", T::text}};
  s.count = [=](db::Transaction& tx) { return count_of(tx, sql, {from, to}); };
  s.produce = [=](db::Transaction& tx, const EmitRow& emit, std::vector<Row>&) {
    const auto first = hotel::days_from_date(from);
    const auto end = hotel::days_from_date(to) + 1;
    // One tenant at a time: the tenant rows are few, each tenant's stays are streamed.
    for (const auto& t : tx.exec(sql + " ORDER BY t.name, t.id", {from, to}).rows) {
      std::map<std::string, std::int64_t> revenue;
      tx.each(stays, {t.text(0), from, to}, [&](const db::Row& r) {
        const auto nights =
            std::min(hotel::days_from_date(r.text(1)), end) - std::max(hotel::days_from_date(r.text(0)), first);
        revenue[r.text(3)] += nights * r.int64(2);
      });
      if (revenue.empty() && !t.is_null(9)) revenue[t.text(9)] = 0;
      const Row head = {t.text(1), t.text(2), t.text(3), t.text(4), t.int64(5), t.int64(6), t.int64(7), t.int64(8)};
      if (revenue.empty()) {
        Row row = head;
        row.push_back(std::monostate{});
        row.push_back(std::monostate{});
        emit(row);
      }
      for (const auto& [currency, amount] : revenue) {
        Row row = head;
        row.push_back(money(amount, currency));
        row.push_back(currency);
        emit(row);
      }
    }
  };
  return s;
}

Source impersonation_sessions(const Parameters& p) {
  const std::string sql = R"sql(
SELECT s.started_at, t.name, t.slug, a.email, u.email, s.reason, s.expires_at, s.ended_at, s.end_reason, s.ip
FROM impersonation_sessions s
JOIN tenants t ON t.id = s.tenant_id
JOIN users a ON a.id = s.admin_user_id
LEFT JOIN users u ON u.id = s.target_user_id
WHERE s.started_at >= $1 AND s.started_at < $2)sql";
  const db::Params params = {start_of(required(p, "from")), end_of(required(p, "to"))};
  return text_source({{"started_at", "Started", T::timestamp},
                      {"hotel", "Hotel", T::text},
                      {"hotel_slug", "Slug", T::text},
                      {"admin_email", "Admin", T::text},
                      {"target_user_email", "Acting as", T::text},
                      {"reason", "Reason", T::text},
                      {"expires_at", "Expires", T::timestamp},
                      {"ended_at", "Ended", T::timestamp},
                      {"end_reason", "End reason", T::text},
                      {"ip", "IP", T::text}},
                     sql, "s.started_at, s.id", params);
}

}  // namespace

Source hotel_source(const Definition& def, const Parameters& p, const access::TenantScope& scope) {
  if (def.id == "occupancy") return occupancy(p, scope, true);
  if (def.id == "revenue") return occupancy(p, scope, false);
  if (def.id == "reservations") return reservations(p, scope);
  if (def.id == "arrivals") return day_list(p, scope, DayList::arrivals);
  if (def.id == "departures") return day_list(p, scope, DayList::departures);
  if (def.id == "in-house") return day_list(p, scope, DayList::in_house);
  if (def.id == "cancellations") return cancellations(p, scope);
  if (def.id == "payments") return payments(p, scope);
  if (def.id == "incidents") return incidents(p, scope);
  if (def.id == "night-audit") return night_audit(p, scope);
  db::Params params = {scope.tenant_id()};
  std::string where = "a.tenant_id = $1";
  where += audit_where(p, params);
  return audit_source(where, params, false);
}

Source admin_source(const Definition& def, const Parameters& p) {
  if (def.id == "hotels") return hotels(p);
  if (def.id == "impersonation-sessions") return impersonation_sessions(p);
  db::Params params;
  std::string where = "1 = 1";
  if (auto t = p.get("tenant_id")) {
    if (*t == "platform") {
      where = "a.tenant_id IS NULL";
    } else {
      params.push_back(*t);
      where = "a.tenant_id = $1";
    }
  }
  where += audit_where(p, params);
  return audit_source(where, params, true);
}

}  // namespace keycard::reports
