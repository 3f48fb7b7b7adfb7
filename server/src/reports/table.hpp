// A report as the writers see it: typed columns, rows of typed cells that
// arrive one at a time, and totals at the end. Writers stream: a row is
// written (or spooled to disk) when it arrives, never held with the others.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace keycard::reports {

enum class ColumnType {
  text,
  integer,    // std::int64_t
  decimal,    // Decimal (a ratio, e.g. ADR's or RevPAR's place in a table)
  money,      // Decimal in major units, scale = the currency's decimals
  percent,    // Decimal, e.g. {825, 1} = 82.5 (percent points, not a fraction)
  date,       // "YYYY-MM-DD" text
  timestamp,  // RFC 3339 UTC text, "2026-12-02T18:12:15Z"
};

[[nodiscard]] std::string_view type_name(ColumnType t);  // "text", "integer", ...

struct Column {
  std::string name;   // snake_case, the CSV/XLSX header
  std::string label;  // for people: PDF header, web preview
  ColumnType type = ColumnType::text;
};

// A fixed-point number: units × 10^-scale (12500, 2 -> 125.00; 1250, 0 -> 1250).
struct Decimal {
  std::int64_t units = 0;
  int scale = 0;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

// "125.00", "-0.50", "1250": the canonical text of a Decimal.
[[nodiscard]] std::string to_string(const Decimal& d);

// monostate: an empty cell (e.g. ADR when nothing was sold).
using Cell = std::variant<std::monostate, std::string, std::int64_t, Decimal>;
using Row = std::vector<Cell>;

// The text of a cell as CSV and the JSON preview show it ("" when empty).
[[nodiscard]] std::string cell_text(const Cell& c);

struct Meta {
  std::string report_id;                                        // "occupancy"
  std::string title;                                            // "Occupancy"
  std::string organisation;                                     // the hotel's (tenant's) name, or "Keycard platform"
  std::vector<std::pair<std::string, std::string>> parameters;  // shown as given: {"from","2026-12-01"}
  std::string generated_at;                                     // RFC 3339 UTC
  std::vector<Column> columns;
};

// A writer refused the report (e.g. a PDF over its page budget). The message
// is for the user.
struct ReportTooLarge : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void begin(const Meta& meta) = 0;
  virtual void row(const Row& row) = 0;
  // Totals rows (same columns as the rows; may be empty), then the file is
  // complete and closed. A writer that is destroyed without finish() leaves
  // an incomplete file that the caller deletes.
  virtual void finish(const std::vector<Row>& totals) = 0;
};

// Each writes one file at `path` (created or truncated).
[[nodiscard]] std::unique_ptr<Writer> make_csv_writer(const std::filesystem::path& path);
[[nodiscard]] std::unique_ptr<Writer> make_xlsx_writer(const std::filesystem::path& path);
[[nodiscard]] std::unique_ptr<Writer> make_pdf_writer(const std::filesystem::path& path);

// The most rows a PDF takes (about 3,800 A4 pages); more raise ReportTooLarge.
inline constexpr std::int64_t kPdfMaxRows = 100'000;

}  // namespace keycard::reports
