// CSV (RFC 4180): CRLF line ends, a field quoted when it holds a comma, a
// quote, CR or LF, quotes doubled; UTF-8 with a BOM because Excel reads a
// BOM-less CSV in the machine's ANSI code page and garbles every non-Latin
// name. Text that a spreadsheet would run as a formula gets a leading '.
#include <array>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include "common/utf8.hpp"
#include "reports/table.hpp"

namespace keycard::reports {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kBufferSize = 1 << 16;

// A plain number such as "-12.50": a typed column's text that must stay a
// number in the spreadsheet.
bool is_plain_number(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  bool digits = false, dot = false;
  for (const char c : s) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

// OWASP "CSV injection": Excel and LibreOffice evaluate a field that starts
// with one of these as a formula (tab and CR because some readers strip them
// first). A text column always gets the guard; a string in a typed column only
// when it is not a number, so that "-12.50" stays numeric.
bool needs_formula_guard(std::string_view s, ColumnType type) {
  if (s.empty()) return false;
  switch (s.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      break;
    default:
      return false;
  }
  return type == ColumnType::text || !is_plain_number(s);
}

class CsvWriter final : public Writer {
 public:
  explicit CsvWriter(std::filesystem::path path) : path_(std::move(path)), buffer_(new char[kBufferSize]) {
    // The buffer must be installed before open() to take effect.
    out_.rdbuf()->pubsetbuf(buffer_.get(), kBufferSize);
    out_.open(path_, std::ios::binary | std::ios::trunc);
    if (!out_) throw std::runtime_error("cannot create the CSV file " + path_.string());
  }

  void begin(const Meta& meta) override {
    if (begun_) throw std::logic_error("CSV writer: begin() called twice");
    begun_ = true;
    types_.clear();
    out_ << kBom;
    for (std::size_t i = 0; i < meta.columns.size(); ++i) {
      if (i > 0) out_.put(',');
      write_field(meta.columns[i].name);
      types_.push_back(meta.columns[i].type);
    }
    end_line();
  }

  void row(const Row& row) override { write_row(row); }

  void finish(const std::vector<Row>& totals) override {
    for (const auto& r : totals) write_row(r);
    out_.flush();
    out_.close();
    if (!out_) throw std::runtime_error("writing the CSV file " + path_.string() + " failed");
    finished_ = true;
  }

 private:
  void write_row(const Row& row) {
    if (!begun_ || finished_) throw std::logic_error("CSV writer: row outside begin()/finish()");
    if (row.size() != types_.size()) {
      throw std::logic_error("CSV writer: a row has " + std::to_string(row.size()) + " cells for " +
                             std::to_string(types_.size()) + " columns");
    }
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out_.put(',');
      if (const auto* text = std::get_if<std::string>(&row[i])) {
        write_field(*text, needs_formula_guard(*text, types_[i]));
      } else {
        // Numbers and empty cells never need quoting nor the guard.
        out_ << cell_text(row[i]);
      }
    }
    end_line();
  }

  void write_field(std::string_view raw, bool guard = false) {
    std::string repaired;
    if (!is_utf8(raw)) {
      repaired = to_valid_utf8(raw);
      raw = repaired;
    }
    const bool quote = guard || raw.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
      out_ << raw;
      return;
    }
    // A guarded field is quoted as well, as OWASP advises.
    out_.put('"');
    if (guard) out_.put('\'');
    for (const char c : raw) {
      if (c == '"') out_.put('"');
      out_.put(c);
    }
    out_.put('"');
  }

  void end_line() {
    out_ << "\r\n";
    if (!out_) throw std::runtime_error("writing the CSV file " + path_.string() + " failed");
  }

  std::filesystem::path path_;
  std::unique_ptr<char[]> buffer_;
  std::ofstream out_;
  std::vector<ColumnType> types_;
  bool begun_ = false;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<Writer> make_csv_writer(const std::filesystem::path& path) { return std::make_unique<CsvWriter>(path); }

}  // namespace keycard::reports
