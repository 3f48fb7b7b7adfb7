// XLSX through libxlsxwriter in constant-memory mode: each row goes to a
// temporary file in the output's directory as soon as the next one starts, so
// a million rows take no more memory than ten. That mode only writes forward
// (a row once left cannot be changed), which is why the column widths, the
// autofilter and the totals are all set at the end, where the library still
// accepts them because they live outside the rows.
//
// Numbers, money, dates and times are typed cells with a number format, so
// that Excel sums, sorts and filters them; only text is text.
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "common/utf8.hpp"
#include "reports/table.hpp"

namespace keycard::reports {
namespace {

// Excel's cell limit is 32,767 characters; bytes are a safe lower bound.
constexpr std::size_t kMaxCellBytes = 32'767;
// Rows whose text widens the columns: enough to see the typical lengths
// without keeping anything from the rest.
constexpr std::int64_t kWidthSampleRows = 500;
constexpr double kMaxColumnWidth = 60;

std::string excel_too_large_message() {
  return "Excel sheets hold at most 1,048,576 rows and this report has more; choose CSV, or narrow the report's "
         "parameters.";
}

// Text as Excel may store it: valid UTF-8 (bad bytes become U+FFFD, so one
// bad name cannot make the whole file unreadable) and within the cell limit.
std::string excel_text(std::string_view s) {
  std::string repaired;
  if (!is_utf8(s)) {
    repaired = to_valid_utf8(s);
    s = repaired;
  }
  return std::string(truncate_utf8(s, kMaxCellBytes));
}

// How many '0' widths a string takes in a spreadsheet cell: East Asian wide
// characters take two.
double display_width(std::string_view s) {
  double width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0 && i + 3 < s.size()) {
      cp = (c & 0x07U) << 18 | (s[i + 1] & 0x3FU) << 12 | (s[i + 2] & 0x3FU) << 6 | (s[i + 3] & 0x3FU);
      n = 4;
    } else if (c >= 0xE0 && i + 2 < s.size()) {
      cp = (c & 0x0FU) << 12 | (s[i + 1] & 0x3FU) << 6 | (s[i + 2] & 0x3FU);
      n = 3;
    } else if (c >= 0xC0 && i + 1 < s.size()) {
      n = 2;
    }
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
    i += n;
  }
  return width;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{to_int(y)},
                                        std::chrono::month{static_cast<unsigned>(to_int(m))},
                                        std::chrono::day{static_cast<unsigned>(to_int(d))}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

// lxw_datetime takes 1900-9999; earlier dates are before Excel's epoch.
std::optional<lxw_datetime> to_lxw(std::chrono::year_month_day ymd, int hour, int min, double sec) {
  const int year = static_cast<int>(ymd.year());
  if (year < 1900 || year > 9999) return std::nullopt;
  return lxw_datetime{year,
                      static_cast<int>(static_cast<unsigned>(ymd.month())),
                      static_cast<int>(static_cast<unsigned>(ymd.day())),
                      hour,
                      min,
                      sec};
}

std::optional<lxw_datetime> parse_excel_date(std::string_view s) {
  const auto ymd = parse_date(s);
  if (!ymd) return std::nullopt;
  return to_lxw(*ymd, 0, 0, 0);
}

// RFC 3339 ("2026-12-02T18:12:15Z", "…15.250+01:00") as a UTC date and time:
// Excel has no zones, and the report says its times are UTC.
std::optional<lxw_datetime> parse_excel_timestamp(std::string_view s) {
  if (s.size() < 20) return std::nullopt;
  const auto ymd = parse_date(s.substr(0, 10));
  if (!ymd || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
  const auto hh = s.substr(11, 2), mm = s.substr(14, 2), ss = s.substr(17, 2);
  if (!all_digits(hh) || !all_digits(mm) || !all_digits(ss)) return std::nullopt;
  const int hour = to_int(hh), min = to_int(mm), sec = to_int(ss);
  if (hour > 23 || min > 59 || sec > 59) return std::nullopt;
  std::size_t i = 19;
  double fraction = 0;
  if (s[i] == '.') {
    const std::size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return std::nullopt;
    const std::string digits = "0." + std::string(s.substr(start, i - start));
    std::from_chars(digits.data(), digits.data() + digits.size(), fraction);
  }
  int offset_minutes = 0;
  const auto zone = s.substr(i);
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             all_digits(zone.substr(1, 2)) && all_digits(zone.substr(4, 2))) {
    offset_minutes = to_int(zone.substr(1, 2)) * 60 + to_int(zone.substr(4, 2));
    if (zone[0] == '-') offset_minutes = -offset_minutes;
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  const auto utc = sys_days{*ymd} + hours{hour} + minutes{min} + seconds{sec} - minutes{offset_minutes};
  const auto day = floor<days>(utc);
  const hh_mm_ss<seconds> time{utc - day};
  return to_lxw(year_month_day{day}, static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<double>(time.seconds().count()) + fraction);
}

double to_double(const Decimal& d) {
  // Through the decimal text, so 0.1 is the double nearest 0.1 and not
  // 1 / 10.0 rounded twice.
  const std::string text = to_string(d);
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// ".00" for scale 2, nothing for 0: Excel's format shows as many decimals as the value has.
std::string decimals(int scale) {
  return scale > 0 ? "." + std::string(static_cast<std::size_t>(std::min(scale, 15)), '0') : "";
}

// A sheet name Excel accepts: no []:*?/\, at most 31 characters, not blank,
// not starting or ending with an apostrophe.
std::string sheet_name_for(std::string_view title) {
  std::string name;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < title.size() && chars < 31; ++chars) {
    std::size_t n = 1;
    const auto c = static_cast<unsigned char>(title[i]);
    if (c >= 0xF0)
      n = 4;
    else if (c >= 0xE0)
      n = 3;
    else if (c >= 0xC0)
      n = 2;
    const auto piece = title.substr(i, n);
    const bool forbidden = piece.size() == 1 && std::string_view("[]:*?/\\").find(piece[0]) != std::string_view::npos;
    name += forbidden ? std::string(" ") : std::string(piece);
    i += n;
  }
  while (!name.empty() && (name.back() == ' ' || name.back() == '\'')) name.pop_back();
  while (!name.empty() && (name.front() == ' ' || name.front() == '\'')) name.erase(0, 1);
  return name;
}

class XlsxWriter final : public Writer {
 public:
  explicit XlsxWriter(std::filesystem::path path) : path_(std::move(path)) {
    // libxlsxwriter opens the file only when it closes the workbook; create
    // it now so that an unwritable place fails the job at once.
    if (std::FILE* f = std::fopen(path_.c_str(), "wb")) {
      std::fclose(f);
    } else {
      throw std::runtime_error("cannot create the XLSX file " + path_.string());
    }
    auto dir = path_.parent_path();
    tmpdir_ = dir.empty() ? std::string(".") : dir.string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir_.data();
    wb_ = workbook_new_opt(path_.c_str(), &options);
    if (!wb_) throw std::runtime_error("cannot start the XLSX file " + path_.string());
  }

  ~XlsxWriter() override {
    if (!wb_) return;
    // Abandoned before finish(): lxw_workbook_free frees the workbook but
    // leaves each constant-memory worksheet's temporary file open (only
    // workbook_close closes them), which would leak two descriptors per
    // failed job. The files were unlinked when created, so closing is all.
    for (lxw_worksheet* ws : {sheet_, parameters_}) {
      if (ws && ws->optimize_tmpfile) {
        std::fclose(ws->optimize_tmpfile);
        ws->optimize_tmpfile = nullptr;
        ws->file = nullptr;
      }
    }
    lxw_workbook_free(wb_);
  }

  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void begin(const Meta& meta) override {
    if (sheet_) throw std::logic_error("XLSX writer: begin() called twice");
    if (meta.columns.size() > LXW_COL_MAX) {
      throw ReportTooLarge("Excel sheets hold at most 16,384 columns and this report has more; choose CSV.");
    }
    columns_ = meta.columns;
    widths_.assign(columns_.size(), 0);

    title_ = excel_text(meta.title);
    company_ = excel_text(meta.organisation);
    creator_ = "Keycard";
    lxw_doc_properties properties{};
    properties.title = title_.data();
    properties.company = company_.data();
    properties.author = creator_.data();
    check(workbook_set_properties(wb_, &properties), "properties");

    std::string name = sheet_name_for(title_);
    const auto is_parameters = [](std::string_view n) {
      constexpr std::string_view kOther = "parameters";
      return n.size() == kOther.size() && std::equal(n.begin(), n.end(), kOther.begin(), [](char a, char b) {
               return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
             });
    };
    if (name.empty() || is_parameters(name) || workbook_validate_sheet_name(wb_, name.c_str()) != LXW_NO_ERROR) {
      name = "Report";
    }
    sheet_ = workbook_add_worksheet(wb_, name.c_str());
    parameters_ = workbook_add_worksheet(wb_, "Parameters");
    if (!sheet_ || !parameters_) {
      throw std::runtime_error("cannot add the XLSX worksheets (temporary files in " + tmpdir_ + ")");
    }

    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bottom(header_, LXW_BORDER_THIN);
    format_set_bg_color(header_, 0xEEEEEE);
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);

    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const auto header = excel_text(columns_[c].name);
      check(worksheet_write_string(sheet_, 0, col(c), header.c_str(), header_), "header");
      // Room for the autofilter's drop-down button beside the name.
      widths_[c] = std::max(type_width(columns_[c].type), display_width(header) + 3);
    }
    worksheet_freeze_panes(sheet_, 1, 0);

    // The second sheet says what the numbers are: which report, for whom, when, with which parameters.
    lxw_row_t r = 0;
    const auto label = [&](const char* text, const std::string& value) {
      check(worksheet_write_string(parameters_, r, 0, text, bold_), "parameters");
      const auto v = excel_text(value);
      check(worksheet_write_string(parameters_, r, 1, v.c_str(), nullptr), "parameters");
      ++r;
    };
    label("Report", meta.title);
    label("Organisation", meta.organisation);
    label("Generated at (UTC)", meta.generated_at);
    ++r;
    check(worksheet_write_string(parameters_, r, 0, "Parameter", header_), "parameters");
    check(worksheet_write_string(parameters_, r, 1, "Value", header_), "parameters");
    ++r;
    double name_width = 20, value_width = 30;
    for (const auto& [pname, pvalue] : meta.parameters) {
      const auto n = excel_text(pname), v = excel_text(pvalue);
      check(worksheet_write_string(parameters_, r, 0, n.c_str(), nullptr), "parameters");
      check(worksheet_write_string(parameters_, r, 1, v.c_str(), nullptr), "parameters");
      name_width = std::max(name_width, display_width(n) + 2);
      value_width = std::max(value_width, display_width(v) + 2);
      ++r;
    }
    worksheet_set_column(parameters_, 0, 0, std::min(name_width, kMaxColumnWidth), nullptr);
    worksheet_set_column(parameters_, 1, 1, std::min(value_width, kMaxColumnWidth), nullptr);
  }

  void row(const Row& row) override {
    if (!sheet_ || finished_) throw std::logic_error("XLSX writer: row outside begin()/finish()");
    if (next_row_ >= LXW_ROW_MAX) throw ReportTooLarge(excel_too_large_message());
    write_row(row, false);
    ++data_rows_;
  }

  void finish(const std::vector<Row>& totals) override {
    if (!sheet_ || finished_) throw std::logic_error("XLSX writer: finish() outside begin()");
    if (static_cast<std::uint64_t>(next_row_) + totals.size() > LXW_ROW_MAX) {
      throw ReportTooLarge(excel_too_large_message());
    }
    if (!columns_.empty()) {
      // Header and rows, not the totals; before the totals are written, as the
      // library refuses a range that ends above the row it is writing.
      const lxw_row_t last_data_row = next_row_ - 1;  // the header when there are no rows
      check(worksheet_autofilter(sheet_, 0, 0, last_data_row, col(columns_.size() - 1)), "autofilter");
    }
    for (const auto& t : totals) write_row(t, true);
    if (!columns_.empty()) {
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        check(worksheet_set_column(sheet_, col(c), col(c), std::min(widths_[c], kMaxColumnWidth), nullptr), "width");
      }
    }
    finished_ = true;
    // workbook_close frees the workbook whatever it returns.
    const lxw_error err = workbook_close(std::exchange(wb_, nullptr));
    if (err != LXW_NO_ERROR) {
      throw std::runtime_error("writing the XLSX file " + path_.string() + " failed: " + lxw_strerror(err));
    }
  }

 private:
  static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }

  static double type_width(ColumnType t) {
    switch (t) {
      case ColumnType::integer:
        return 10;
      case ColumnType::decimal:
        return 12;
      case ColumnType::money:
        return 14;
      case ColumnType::percent:
        return 9;
      case ColumnType::date:
        return 12;
      case ColumnType::timestamp:
        return 20;
      case ColumnType::text:
        return 16;
    }
    return 16;
  }

  void check(lxw_error err, const char* what) const {
    if (err != LXW_NO_ERROR) {
      throw std::runtime_error("XLSX " + std::string(what) + " in " + path_.string() + ": " + lxw_strerror(err));
    }
  }

  // The format for a number: bold in totals; cached, as the workbook keeps every format it is given.
  lxw_format* number_format(const std::string& num_format, bool bold) {
    auto& f = formats_[{num_format, bold}];
    if (!f) {
      f = workbook_add_format(wb_);
      format_set_num_format(f, num_format.c_str());
      if (bold) format_set_bold(f);
    }
    return f;
  }

  void write_row(const Row& row, bool total) {
    if (row.size() != columns_.size()) {
      throw std::logic_error("XLSX writer: a row has " + std::to_string(row.size()) + " cells for " +
                             std::to_string(columns_.size()) + " columns");
    }
    const lxw_row_t r = next_row_;
    const bool sample = data_rows_ < kWidthSampleRows || total;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const ColumnType type = columns_[c].type;
      double width = 0;
      if (const auto* v = std::get_if<std::int64_t>(&row[c])) {
        const bool grouped = type == ColumnType::money || type == ColumnType::decimal;
        check(worksheet_write_number(sheet_, r, col(c), static_cast<double>(*v),
                                     number_format(grouped ? "#,##0" : "0", total)),
              "number");
        if (sample) width = static_cast<double>(std::to_string(*v).size()) * (grouped ? 1.34 : 1.0) + 2;
      } else if (const auto* d = std::get_if<Decimal>(&row[c])) {
        const std::string fmt = (type == ColumnType::percent ? "0" : "#,##0") + decimals(d->scale);
        check(worksheet_write_number(sheet_, r, col(c), to_double(*d), number_format(fmt, total)), "number");
        if (sample) width = static_cast<double>(to_string(*d).size()) * 1.34 + 2;
      } else if (const auto* s = std::get_if<std::string>(&row[c])) {
        std::optional<lxw_datetime> when;
        if (type == ColumnType::date) when = parse_excel_date(*s);
        if (type == ColumnType::timestamp) when = parse_excel_timestamp(*s);
        if (when) {
          const bool date = type == ColumnType::date;
          check(worksheet_write_datetime(sheet_, r, col(c), &*when,
                                         number_format(date ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss", total)),
                "date");
        } else {
          // A string is never a formula here (write_string), so no guard is needed as in CSV.
          const auto text = excel_text(*s);
          check(worksheet_write_string(sheet_, r, col(c), text.c_str(), total ? bold_ : nullptr), "text");
          if (sample) width = display_width(text) + 2;
        }
      } else if (total) {
        check(worksheet_write_blank(sheet_, r, col(c), bold_), "blank");
      }
      widths_[c] = std::max(widths_[c], width);
    }
    ++next_row_;
  }

  std::filesystem::path path_;
  std::string tmpdir_;
  lxw_workbook* wb_ = nullptr;  // null once closed
  std::string title_, company_, creator_;
  lxw_worksheet* sheet_ = nullptr;
  lxw_worksheet* parameters_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::map<std::pair<std::string, bool>, lxw_format*> formats_;
  std::vector<Column> columns_;
  std::vector<double> widths_;
  lxw_row_t next_row_ = 1;  // row 0 is the header
  std::int64_t data_rows_ = 0;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<Writer> make_xlsx_writer(const std::filesystem::path& path) {
  return std::make_unique<XlsxWriter>(path);
}

}  // namespace keycard::reports
