// reports/: the CSV, XLSX and PDF writers. CSV is checked byte for byte; the
// XLSX is read back with openpyxl and the PDF with poppler's pdftotext and
// pdfinfo, the way a person's spreadsheet or viewer would see them.
#include "reports/table.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace keycard::reports {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs a command and returns what it printed on stdout; fails the test on a non-zero exit.
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int rc = pclose(pipe);
  EXPECT_EQ(rc, 0) << command << "\n" << out;
  return out;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// 1234567 (in cents) as the PDF shows it: "12,345.67".
std::string grouped_for_test(std::int64_t cents) {
  std::string whole = std::to_string(cents / 100);
  for (auto i = static_cast<std::ptrdiff_t>(whole.size()) - 3; i > 0; i -= 3)
    whole.insert(static_cast<std::size_t>(i), ",");
  const std::int64_t rest = cents % 100;
  return whole + (rest < 10 ? ".0" : ".") + std::to_string(rest);
}

class ReportWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("keycard-writers-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // The files in the directory other than `keep`: spools and temporary files that should be gone.
  [[nodiscard]] std::vector<std::string> leftovers(const fs::path& keep) const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) {
      if (e.path() != keep) names.push_back(e.path().filename().string());
    }
    return names;
  }
  fs::path dir_;
};

Meta sample_meta() {
  Meta m;
  m.report_id = "arrivals";
  m.title = "Arrivals";
  m.organisation = "Hotel Aurora";
  m.parameters = {{"from", "2026-12-01"}, {"to", "2026-12-31"}};
  m.generated_at = "2026-12-02T18:12:15Z";
  m.columns = {{"guest", "Guest", ColumnType::text},
               {"note", "Note", ColumnType::text},
               {"balance", "Balance", ColumnType::money},
               {"nights", "Nights", ColumnType::integer},
               {"occupancy", "Occupancy %", ColumnType::percent},
               {"arrival", "Arrival", ColumnType::date},
               {"booked_at", "Booked at", ColumnType::timestamp}};
  return m;
}

// ---------------------------------------------------------------- table.hpp

TEST(ReportWriterTableTest, DecimalText) {
  EXPECT_EQ(to_string(Decimal{12500, 2}), "125.00");
  EXPECT_EQ(to_string(Decimal{-5, 2}), "-0.05");
  EXPECT_EQ(to_string(Decimal{-50, 2}), "-0.50");
  EXPECT_EQ(to_string(Decimal{1250, 0}), "1250");
  EXPECT_EQ(to_string(Decimal{825, 1}), "82.5");
  EXPECT_EQ(to_string(Decimal{0, 2}), "0.00");
  EXPECT_EQ(to_string(Decimal{7, 3}), "0.007");
  EXPECT_EQ(to_string(Decimal{5, -2}), "500");
  EXPECT_EQ(to_string(Decimal{std::numeric_limits<std::int64_t>::min(), 2}), "-92233720368547758.08");
}

TEST(ReportWriterTableTest, CellTextAndTypeNames) {
  EXPECT_EQ(cell_text(Cell{}), "");
  EXPECT_EQ(cell_text(Cell{std::string("Zoë")}), "Zoë");
  EXPECT_EQ(cell_text(Cell{std::int64_t{-42}}), "-42");
  EXPECT_EQ(cell_text(Cell{Decimal{-1250, 2}}), "-12.50");
  EXPECT_EQ(type_name(ColumnType::text), "text");
  EXPECT_EQ(type_name(ColumnType::integer), "integer");
  EXPECT_EQ(type_name(ColumnType::decimal), "decimal");
  EXPECT_EQ(type_name(ColumnType::money), "money");
  EXPECT_EQ(type_name(ColumnType::percent), "percent");
  EXPECT_EQ(type_name(ColumnType::date), "date");
  EXPECT_EQ(type_name(ColumnType::timestamp), "timestamp");
}

// ---------------------------------------------------------------- CSV

TEST_F(ReportWriterTest, CsvExactBytes) {
  Meta m;
  m.title = "T";
  m.columns = {{"name", "Name", ColumnType::text},
               {"note", "Note", ColumnType::text},
               {"amount", "Amount", ColumnType::money},
               {"nights", "Nights", ColumnType::integer},
               {"day", "Day", ColumnType::date}};
  const auto path = dir_ / "r.csv";
  auto w = make_csv_writer(path);
  w->begin(m);
  w->row({std::string("Smith, John"), std::string("say \"hi\""), Decimal{-1250, 2}, std::int64_t{3},
          std::string("2026-12-01")});
  w->row({std::string("line1\nline2"), std::string("=1+1"), Decimal{0, 2}, Cell{}, std::string("2026-12-02")});
  w->row({std::string("@x"), std::string("-x"), std::string("-12.50"), std::int64_t{-7}, Cell{}});
  w->row({std::string("+x"), std::string("\tx"), Decimal{125000, 2}, std::int64_t{0}, std::string("cr\rend")});
  w->row({std::string("Иван Петров"), std::string("王小明"), Decimal{1250, 0}, std::int64_t{1}, Cell{}});
  w->finish({{std::string("Total"), Cell{}, Decimal{124000, 2}, std::int64_t{-3}, Cell{}}});
  w.reset();

  const std::string expected =
      "\xEF\xBB\xBF"
      "name,note,amount,nights,day\r\n"
      "\"Smith, John\",\"say \"\"hi\"\"\",-12.50,3,2026-12-01\r\n"
      "\"line1\nline2\",\"'=1+1\",0.00,,2026-12-02\r\n"
      "\"'@x\",\"'-x\",-12.50,-7,\r\n"
      "\"'+x\",\"'\tx\",1250.00,0,\"cr\rend\"\r\n"
      "Иван Петров,王小明,1250,1,\r\n"
      "Total,,1240.00,-3,\r\n";
  EXPECT_EQ(read_file(path), expected);
}

TEST_F(ReportWriterTest, CsvGuardsFormulaTextInTypedColumns) {
  // A string that is not a number in a typed column is still guarded; a plain number is not.
  Meta m;
  m.columns = {{"amount", "Amount", ColumnType::money}, {"day", "Day", ColumnType::date}};
  const auto path = dir_ / "g.csv";
  auto w = make_csv_writer(path);
  w->begin(m);
  w->row({std::string("+12.5"), std::string("=HYPERLINK(\"x\")")});
  w->finish({});
  w.reset();
  EXPECT_EQ(read_file(path),
            "\xEF\xBB\xBF"
            "amount,day\r\n+12.5,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
}

TEST_F(ReportWriterTest, CsvRepairsInvalidUtf8) {
  Meta m;
  m.columns = {{"name", "Name", ColumnType::text}};
  const auto path = dir_ / "u.csv";
  auto w = make_csv_writer(path);
  w->begin(m);
  w->row(
      {std::string("a\xFF"
                   "b")});
  w->finish({});
  w.reset();
  EXPECT_EQ(read_file(path),
            "\xEF\xBB\xBF"
            "name\r\na\xEF\xBF\xBD"
            "b\r\n");
}

TEST_F(ReportWriterTest, WritersRefuseAPlaceTheyCannotWrite) {
  const auto nowhere = dir_ / "missing" / "r";
  EXPECT_THROW((void)make_csv_writer(nowhere.string() + ".csv"), std::runtime_error);
  EXPECT_THROW((void)make_xlsx_writer(nowhere.string() + ".xlsx"), std::runtime_error);
  EXPECT_THROW((void)make_pdf_writer(nowhere.string() + ".pdf"), std::runtime_error);
}

TEST_F(ReportWriterTest, RowsMustMatchTheColumns) {
  for (const auto& make : {make_csv_writer, make_xlsx_writer, make_pdf_writer}) {
    auto w = make(dir_ / "w");
    w->begin(sample_meta());
    EXPECT_THROW(w->row({std::string("only one")}), std::logic_error);
  }
}

TEST_F(ReportWriterTest, TablesWithoutColumnsOrRowsStillMakeFiles) {
  // Nothing the catalogue should send, but no writer may crash on it.
  for (const auto& make : {make_csv_writer, make_xlsx_writer, make_pdf_writer}) {
    const auto path = dir_ / "nothing";
    auto w = make(path);
    w->begin(Meta{});
    w->row({});
    w->finish({{}});
    w.reset();
    EXPECT_GT(fs::file_size(path), 0U);
  }
}

// ---------------------------------------------------------------- XLSX

// Reads the workbook with openpyxl and prints what the test checks as JSON.
constexpr const char* kReadXlsx = R"PY(
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
def val(v):
    if isinstance(v, datetime.datetime): return {"type": "datetime", "value": v.isoformat()}
    if isinstance(v, bool): return {"type": "bool", "value": v}
    if isinstance(v, (int, float)): return {"type": "number", "value": v}
    if v is None: return {"type": "none"}
    return {"type": "str", "value": v}
rows = []
for row in ws.iter_rows():
    rows.append([{"v": val(c.value), "fmt": c.number_format, "bold": bool(c.font and c.font.b)} for c in row])
print(json.dumps({
    "sheets": wb.sheetnames,
    "freeze": ws.freeze_panes,
    "filter": ws.auto_filter.ref,
    "widths": {k: d.width for k, d in ws.column_dimensions.items()},
    "rows": rows,
    "parameters": [[c.value for c in r] for r in wb["Parameters"].iter_rows()],
    "title": wb.properties.title,
}))
)PY";

json::object read_xlsx(const fs::path& dir, const fs::path& file) {
  const auto script = dir / "read_xlsx.py";
  std::ofstream(script) << kReadXlsx;
  const std::string out = run("/usr/bin/python3 " + quoted(script) + " " + quoted(file));
  fs::remove(script);
  return json::parse(out).as_object();
}

TEST_F(ReportWriterTest, XlsxTypedCellsHeaderFreezeFilterTotalsAndParameters) {
  const auto path = dir_ / "r.xlsx";
  auto w = make_xlsx_writer(path);
  w->begin(sample_meta());
  w->row({std::string("Иван Петров"), std::string("=1+1"), Decimal{-1250, 2}, std::int64_t{3}, Decimal{825, 1},
          std::string("2026-12-01"), std::string("2026-12-02T18:12:15Z")});
  w->row({std::string("王小明"),
          std::string("a\xFF\x01"
                      "b"),
          Decimal{1250, 0}, std::int64_t{1}, Cell{}, std::string("not a date"),
          std::string("2026-12-02T19:12:15.5+01:00")});
  w->row({std::string("Γιώργος"), Cell{}, Decimal{12500, 2}, Cell{}, Decimal{100, 0}, Cell{}, Cell{}});
  w->finish({{std::string("Total"), Cell{}, Decimal{13750, 2}, std::int64_t{4}, Cell{}, Cell{}, Cell{}}});
  w.reset();
  EXPECT_TRUE(leftovers(path).empty());

  const auto book = read_xlsx(dir_, path);
  EXPECT_EQ(book.at("sheets"), json::parse(R"(["Arrivals","Parameters"])"));
  EXPECT_EQ(book.at("freeze"), "A2");
  EXPECT_EQ(book.at("filter"), "A1:G4");  // header and rows, not the totals
  EXPECT_EQ(book.at("title"), "Arrivals");
  const auto& rows = book.at("rows").as_array();
  ASSERT_EQ(rows.size(), 5U);
  const auto cell = [&](std::size_t r, std::size_t c) -> const json::object& {
    return rows.at(r).as_array().at(c).as_object();
  };
  const auto value = [&](std::size_t r, std::size_t c) -> const json::object& {
    return cell(r, c).at("v").as_object();
  };

  const std::vector<std::string> header = {"guest", "note", "balance", "nights", "occupancy", "arrival", "booked_at"};
  for (std::size_t c = 0; c < header.size(); ++c) {
    EXPECT_EQ(value(0, c).at("value"), header[c].c_str());
    EXPECT_TRUE(cell(0, c).at("bold").as_bool());
  }

  EXPECT_EQ(value(1, 0).at("value"), "Иван Петров");
  EXPECT_EQ(value(1, 1).at("value"), "=1+1");  // a string, never a formula
  EXPECT_EQ(value(1, 2).at("type"), "number");
  EXPECT_DOUBLE_EQ(value(1, 2).at("value").to_number<double>(), -12.5);
  EXPECT_EQ(cell(1, 2).at("fmt"), "#,##0.00");
  EXPECT_EQ(value(1, 3).at("type"), "number");
  EXPECT_EQ(value(1, 3).at("value").to_number<double>(), 3);
  EXPECT_EQ(cell(1, 3).at("fmt"), "0");
  EXPECT_EQ(value(1, 4).at("type"), "number");
  EXPECT_DOUBLE_EQ(value(1, 4).at("value").to_number<double>(), 82.5);
  EXPECT_EQ(cell(1, 4).at("fmt"), "0.0");
  EXPECT_EQ(value(1, 5).at("type"), "datetime");
  EXPECT_EQ(value(1, 5).at("value"), "2026-12-01T00:00:00");
  EXPECT_EQ(cell(1, 5).at("fmt"), "yyyy-mm-dd");
  EXPECT_EQ(value(1, 6).at("type"), "datetime");
  EXPECT_EQ(value(1, 6).at("value"), "2026-12-02T18:12:15");
  EXPECT_EQ(cell(1, 6).at("fmt"), "yyyy-mm-dd hh:mm:ss");

  EXPECT_EQ(value(2, 0).at("value"), "王小明");
  // The bad byte is repaired; the control character does not break the XML.
  EXPECT_EQ(value(2, 1).at("type"), "str");
  EXPECT_EQ(std::string_view(value(2, 1).at("value").as_string()).substr(0, 4), "a\xEF\xBF\xBD");
  EXPECT_EQ(value(2, 2).at("value").to_number<double>(), 1250);
  EXPECT_EQ(cell(2, 2).at("fmt"), "#,##0");
  EXPECT_EQ(value(2, 4).at("type"), "none");
  EXPECT_EQ(value(2, 5).at("value"), "not a date");
  EXPECT_EQ(value(2, 6).at("value"), "2026-12-02T18:12:15.500000");  // +01:00 in UTC

  EXPECT_EQ(value(3, 0).at("value"), "Γιώργος");
  EXPECT_EQ(cell(3, 4).at("fmt"), "0");

  EXPECT_EQ(value(4, 0).at("value"), "Total");
  EXPECT_TRUE(cell(4, 0).at("bold").as_bool());
  EXPECT_DOUBLE_EQ(value(4, 2).at("value").to_number<double>(), 137.5);
  EXPECT_TRUE(cell(4, 2).at("bold").as_bool());
  EXPECT_EQ(cell(4, 2).at("fmt"), "#,##0.00");

  // Widths by type and header: text wider than a percentage; the name column fits "booked_at" and its filter button.
  const auto& widths = book.at("widths").as_object();
  EXPECT_GT(widths.at("A").to_number<double>(), widths.at("E").to_number<double>());
  EXPECT_GE(widths.at("G").to_number<double>(), 12);

  const json::value parameters = json::parse(
      R"J([["Report","Arrivals"],["Organisation","Hotel Aurora"],["Generated at (UTC)","2026-12-02T18:12:15Z"],)J"
      R"J([null,null],["Parameter","Value"],["from","2026-12-01"],["to","2026-12-31"]])J");
  EXPECT_EQ(book.at("parameters"), parameters);
}

TEST_F(ReportWriterTest, XlsxRefusesMoreRowsThanExcelHolds) {
  Meta m;
  m.title = "Big";
  m.columns = {{"n", "N", ColumnType::integer}};
  const auto path = dir_ / "big.xlsx";
  auto w = make_xlsx_writer(path);
  w->begin(m);
  // 1,048,576 sheet rows = the header and 1,048,575 rows.
  for (std::int64_t i = 0; i < 1'048'575; ++i) w->row({std::int64_t{i % 10}});
  try {
    w->row({std::int64_t{0}});
    FAIL() << "no ReportTooLarge";
  } catch (const ReportTooLarge& e) {
    EXPECT_NE(std::string(e.what()).find("1,048,576 rows"), std::string::npos) << e.what();
  }
  // The rows fill the sheet: there is no room left for a totals row either.
  EXPECT_THROW(w->finish({{std::int64_t{1}}}), ReportTooLarge);
  w.reset();  // unfinished: the temporary row file goes with the writer
  EXPECT_TRUE(leftovers(path).empty());
}

std::size_t open_descriptors() {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator("/proc/self/fd"), fs::directory_iterator{}));
}

TEST_F(ReportWriterTest, AbandonedWritersCloseTheirFiles) {
  // A failed job destroys its writer without finish(): the worksheets' and
  // the PDF's temporary files must be closed and gone, not leaked per job.
  const std::size_t before = open_descriptors();
  for (const auto& make : {make_csv_writer, make_xlsx_writer, make_pdf_writer}) {
    const auto path = dir_ / "abandoned";
    auto w = make(path);
    w->begin(sample_meta());
    for (int i = 0; i < 50; ++i) {
      w->row({std::string("guest"), Cell{}, Decimal{i, 2}, std::int64_t{i}, Cell{}, std::string("2026-12-01"), Cell{}});
    }
    w.reset();
    EXPECT_TRUE(leftovers(path).empty());
  }
  EXPECT_EQ(open_descriptors(), before);
}

TEST_F(ReportWriterTest, XlsxSheetNamesAreSanitised) {
  Meta m;
  m.title = "Revenue [net]: Q4/2026 * by room type, and more words";
  m.columns = {{"n", "N", ColumnType::integer}};
  const auto path = dir_ / "names.xlsx";
  auto w = make_xlsx_writer(path);
  w->begin(m);
  w->row({std::int64_t{1}});
  w->finish({});
  w.reset();
  const auto book = read_xlsx(dir_, path);
  EXPECT_EQ(book.at("sheets"), json::parse(R"(["Revenue  net   Q4 2026   by roo","Parameters"])"));
  EXPECT_EQ(book.at("filter"), "A1:A2");
}

// ---------------------------------------------------------------- PDF

struct PdfText {
  int pages = 0;
  std::vector<std::string> page_text;
};

PdfText read_pdf(const fs::path& file) {
  PdfText pdf;
  std::istringstream info(run("pdfinfo " + quoted(file)));
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("Pages:", 0) == 0) pdf.pages = std::stoi(line.substr(6));
  }
  const std::string text = run("pdftotext -layout " + quoted(file) + " -");
  std::size_t start = 0;
  for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1) {
    pdf.page_text.push_back(text.substr(start, ff - start));
  }
  return pdf;
}

TEST_F(ReportWriterTest, PdfPagesHeadersNumbersScriptsAndWrapping) {
  const std::vector<std::string> names = {"Иван Петров", "王小明", "Γιώργος", "محمد", "Zoë Smith"};
  std::string long_text;
  for (int i = 1; i <= 60; ++i) long_text += "w" + std::to_string(100 + i) + " ";
  long_text += "wEND";

  const auto path = dir_ / "r.pdf";
  auto w = make_pdf_writer(path);
  w->begin(sample_meta());
  for (int i = 0; i < 120; ++i) {
    w->row({names[i % names.size()], i == 7 ? long_text : std::string("room ") + std::to_string(i),
            Decimal{-1250 + i * 100, 2}, std::int64_t{i}, Decimal{825, 1}, std::string("2026-12-01"),
            std::string("2026-12-02T18:12:15Z")});
  }
  w->finish({{std::string("Grand total"), Cell{}, Decimal{123456789, 2}, std::int64_t{7140}, Cell{}, Cell{}, Cell{}}});
  w.reset();
  EXPECT_TRUE(leftovers(path).empty()) << "the spool is deleted";

  const auto pdf = read_pdf(path);
  ASSERT_GT(pdf.pages, 1);
  ASSERT_EQ(static_cast<int>(pdf.page_text.size()), pdf.pages);
  const std::string n = std::to_string(pdf.pages);
  for (int p = 0; p < pdf.pages; ++p) {
    const auto& page = pdf.page_text[p];
    EXPECT_NE(page.find("Page " + std::to_string(p + 1) + " of " + n), std::string::npos) << "page " << p + 1;
    EXPECT_NE(page.find("Guest"), std::string::npos) << "header on page " << p + 1;
    EXPECT_NE(page.find("Booked at"), std::string::npos) << "header on page " << p + 1;
  }
  const std::string& first = pdf.page_text.front();
  EXPECT_NE(first.find("Hotel Aurora — Arrivals"), std::string::npos);
  EXPECT_NE(first.find("from: 2026-12-01"), std::string::npos);
  EXPECT_NE(first.find("Generated 2026-12-02 18:12:15 UTC"), std::string::npos);
  EXPECT_NE(first.find("Иван Петров"), std::string::npos);
  EXPECT_NE(first.find("王小明"), std::string::npos);
  EXPECT_NE(first.find("Γιώργος"), std::string::npos);
  EXPECT_NE(first.find("-12.50"), std::string::npos);
  EXPECT_NE(first.find("2026-12-02 18:12:15"), std::string::npos);
  EXPECT_NE(pdf.page_text.back().find("Grand total"), std::string::npos);
  EXPECT_NE(pdf.page_text.back().find("1,234,567.89"), std::string::npos);
  // The long note wraps: its first and last words are there, on different lines.
  const auto w101 = first.find("w101"), wend = first.find("wEND");
  ASSERT_NE(w101, std::string::npos);
  ASSERT_NE(wend, std::string::npos);
  EXPECT_NE(first.substr(w101, wend - w101).find('\n'), std::string::npos);
}

// Sixteen columns, as the reservations report has: the columns are sized from
// their content, so dates, money and statuses are never broken across lines.
TEST_F(ReportWriterTest, PdfSizesColumnsFromTheirContent) {
  Meta meta = sample_meta();
  meta.columns = {{"confirmation_number", "Confirmation", ColumnType::text},
                  {"guest_name", "Guest", ColumnType::text},
                  {"property_code", "Property", ColumnType::text},
                  {"room_type", "Room type", ColumnType::text},
                  {"room_number", "Room", ColumnType::text},
                  {"check_in_date", "Check-in", ColumnType::date},
                  {"check_out_date", "Check-out", ColumnType::date},
                  {"nights", "Nights", ColumnType::integer},
                  {"adults", "Adults", ColumnType::integer},
                  {"children", "Children", ColumnType::integer},
                  {"status", "Status", ColumnType::text},
                  {"total", "Total", ColumnType::money},
                  {"paid", "Paid", ColumnType::money},
                  {"balance", "Balance", ColumnType::money},
                  {"currency", "Currency", ColumnType::text},
                  {"created_at", "Created", ColumnType::timestamp}};
  const auto path = dir_ / "wide.pdf";
  auto w = make_pdf_writer(path);
  w->begin(meta);
  for (int i = 0; i < 30; ++i) {
    w->row({std::string("HVL-6B6A7B") + std::to_string(i), std::string("Sofia Almeida-Fernandes"), std::string("HVL"),
            std::string("Deluxe Sea View"), std::string("201"), std::string("2026-11-30"), std::string("2026-12-04"),
            std::int64_t{4}, std::int64_t{2}, std::int64_t{0}, std::string("checked_in"), Decimal{58000, 2},
            Decimal{29000, 2}, Decimal{29000, 2}, std::string("EUR"), std::string("2026-12-02T18:44:26Z")});
  }
  w->finish({});
  w.reset();
  const auto pdf = read_pdf(path);
  ASSERT_GE(pdf.pages, 1);
  const std::string& first = pdf.page_text.front();
  for (const auto* whole : {"2026-11-30", "2026-12-04", "580.00", "290.00", "checked_in", "HVL-6B6A7B0"}) {
    EXPECT_NE(first.find(whole), std::string::npos) << whole << " is broken or missing:\n" << first;
  }
}

// The page text's line that holds `key`, or "" when no line does.
std::string line_with(const std::string& page, const std::string& key) {
  const auto at = page.find(key);
  if (at == std::string::npos) return {};
  const auto start = page.rfind('\n', at);
  const auto end = page.find('\n', at);
  return page.substr(start == std::string::npos ? 0 : start + 1, end == std::string::npos ? end : end - start - 1);
}

Meta reservations_meta() {
  Meta m;
  m.title = "Reservations";
  m.organisation = "Harbour View Hotel";
  m.generated_at = "2026-12-02T18:44:34Z";
  m.columns = {{"confirmation_number", "Confirmation", ColumnType::text},
               {"guest_name", "Guest", ColumnType::text},
               {"property_code", "Property", ColumnType::text},
               {"room_type", "Room type", ColumnType::text},
               {"room_number", "Room", ColumnType::text},
               {"check_in_date", "Check-in", ColumnType::date},
               {"check_out_date", "Check-out", ColumnType::date},
               {"nights", "Nights", ColumnType::integer},
               {"adults", "Adults", ColumnType::integer},
               {"children", "Children", ColumnType::integer},
               {"status", "Status", ColumnType::text},
               {"total", "Total", ColumnType::money},
               {"paid", "Paid", ColumnType::money},
               {"balance", "Balance", ColumnType::money},
               {"currency", "Currency", ColumnType::text},
               {"created_at", "Created", ColumnType::timestamp}};
  return m;
}

TEST_F(ReportWriterTest, PdfReservationRowsKeepTheirValuesOnOneLine) {
  // Sixteen columns on A4 landscape: dates, money, statuses and timestamps
  // stay on one line, the names and room types wrap at their spaces.
  struct Stay {
    const char *confirmation, *guest, *room_type, *room, *in, *out;
    std::int64_t nights, adults, total, paid;
    const char* status;
  };
  const std::vector<Stay> stays = {
      {"HVL-6B6A7B", "Sofia Almeida", "Deluxe Sea View", "201", "2026-11-30", "2026-12-04", 4, 2, 58000, 29000,
       "checked_in"},
      {"HVL-2TFPQE", "Lena Hoffmann", "Harbour Suite", "301", "2026-12-01", "2026-12-02", 1, 3, 26000, 0, "checked_in"},
      {"HVL-R63ZG2", "James Whitaker", "Standard Double", "101", "2026-12-02", "2026-12-05", 3, 1, 28500, 28500,
       "confirmed"},
      {"HVL-T8EJMN", "Camille Durand", "Standard Double", "103", "2026-12-05", "2026-12-07", 2, 1, 19000, 0,
       "cancelled"},
      {"HVL-EAFZJJ", "Marco Bianchi", "Deluxe Sea View", "202", "2026-12-09", "2026-12-12", 3, 2, 43500, 0,
       "confirmed"}};
  const auto path = dir_ / "reservations.pdf";
  auto w = make_pdf_writer(path);
  w->begin(reservations_meta());
  for (const Stay& s : stays) {
    w->row({std::string(s.confirmation), std::string(s.guest), std::string("HVL"), std::string(s.room_type),
            std::string(s.room), std::string(s.in), std::string(s.out), s.nights, s.adults, std::int64_t{0},
            std::string(s.status), Decimal{s.total, 2}, Decimal{s.paid, 2}, Decimal{s.total - s.paid, 2},
            std::string("EUR"), std::string("2026-12-02T18:44:26Z")});
  }
  w->finish({{std::string("Total"), Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{},
              Decimal{175000, 2}, Decimal{57500, 2}, Decimal{117500, 2}, std::string("EUR"), Cell{}}});
  w.reset();
  EXPECT_TRUE(leftovers(path).empty());

  const auto pdf = read_pdf(path);
  ASSERT_EQ(pdf.pages, 1);
  ASSERT_EQ(pdf.page_text.size(), 1U);
  const std::string& page = pdf.page_text[0];
  // Each row's first line holds all of its one-line values, unbroken.
  const std::string first = line_with(page, "HVL-6B6A7B");
  for (const char* value :
       {"2026-11-30", "2026-12-04", "580.00", "290.00", "checked_in", "EUR", "2026-12-02 18:44:26"}) {
    EXPECT_NE(first.find(value), std::string::npos) << value << " in: " << first;
  }
  EXPECT_NE(line_with(page, "HVL-R63ZG2").find("confirmed"), std::string::npos);
  EXPECT_NE(line_with(page, "HVL-T8EJMN").find("cancelled"), std::string::npos);
  const std::string totals = line_with(page, "1,750.00");
  for (const char* value : {"Total", "575.00", "1,175.00"}) {
    EXPECT_NE(totals.find(value), std::string::npos) << value << " in: " << totals;
  }
  // The header breaks at spaces at most, never inside a word.
  const std::string header = line_with(page, "Confirmation");
  for (const char* label : {"Guest", "Property", "Room", "Check-in", "Check-out", "Nights", "Adults", "Children",
                            "Status", "Paid", "Balance", "Currency", "Created"}) {
    EXPECT_NE(header.find(label), std::string::npos) << label << " in: " << header;
  }
}

TEST_F(ReportWriterTest, PdfKeepsTheTotalsWithTheLastRow) {
  // Row counts around the first page break: the totals never start a page
  // alone, and at least once the last row had to move to keep them company.
  Meta m;
  m.title = "Rows";
  m.columns = {{"label", "Label", ColumnType::text}, {"n", "N", ColumnType::integer}};
  bool moved = false;
  for (int n = 20; n <= 50; ++n) {
    const auto path = dir_ / ("rows" + std::to_string(n) + ".pdf");
    auto w = make_pdf_writer(path);
    w->begin(m);
    const auto label = [](int i) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "row %03d", i);
      return std::string(buf);
    };
    for (int i = 1; i <= n; ++i) w->row({label(i), std::int64_t{i}});
    w->finish({{std::string("Total"), std::int64_t{n}}});
    w.reset();
    const auto pdf = read_pdf(path);
    ASSERT_FALSE(pdf.page_text.empty());
    const std::string& last = pdf.page_text.back();
    EXPECT_NE(last.find("Total"), std::string::npos) << n;
    EXPECT_NE(last.find(label(n)), std::string::npos) << n << " rows: the totals are alone on page " << pdf.pages;
    EXPECT_NE(last.find("Page " + std::to_string(pdf.pages) + " of " + std::to_string(pdf.pages)), std::string::npos);
    if (pdf.pages > 1 && last.find(label(n - 1)) == std::string::npos) {
      moved = true;
      EXPECT_NE(pdf.page_text[pdf.pages - 2].find(label(n - 1)), std::string::npos) << n;
    }
  }
  EXPECT_TRUE(moved) << "no row count put the totals at the top of a page";
}

TEST_F(ReportWriterTest, PdfShrinksTheFontBeforeWrappingNumbers) {
  // Nineteen money columns do not fit at 8 points; a smaller font keeps every amount on one line.
  Meta m;
  m.title = "Wide";
  for (int c = 1; c <= 19; ++c)
    m.columns.push_back({"m" + std::to_string(c), "M" + std::to_string(c), ColumnType::money});
  const auto path = dir_ / "wide.pdf";
  auto w = make_pdf_writer(path);
  w->begin(m);
  for (int r = 0; r < 30; ++r) w->row(Row(m.columns.size(), Cell{Decimal{1234567 + r, 2}}));
  w->finish({Row(m.columns.size(), Cell{Decimal{99999999, 2}})});
  w.reset();
  EXPECT_TRUE(leftovers(path).empty());
  const auto pdf = read_pdf(path);
  ASSERT_EQ(pdf.pages, 1);
  const std::string& page = pdf.page_text[0];
  for (int r = 0; r < 30; ++r) {
    const std::string amount = grouped_for_test(1234567 + r);
    const std::string line = line_with(page, amount);
    std::size_t count = 0;
    for (std::size_t at = line.find(amount); at != std::string::npos; at = line.find(amount, at + 1)) ++count;
    EXPECT_EQ(count, m.columns.size()) << amount << " in: " << line;
  }
  EXPECT_EQ(line_with(page, "999,999.99").find("M1 "), std::string::npos);
  std::size_t totals = 0;
  for (std::size_t at = page.find("999,999.99"); at != std::string::npos; at = page.find("999,999.99", at + 1))
    ++totals;
  EXPECT_EQ(totals, m.columns.size());
}

TEST_F(ReportWriterTest, PdfTakesAnyColumnsAndCells) {
  // Too many columns for any font, a cell longer than a page, one without a
  // place to break, control characters and right-to-left text: a file, no crash.
  Meta m;
  m.title = "Odd";
  for (int c = 0; c < 60; ++c)
    m.columns.push_back({"c" + std::to_string(c), "Column " + std::to_string(c), ColumnType::text});
  m.columns[1].type = ColumnType::money;
  m.columns[2].type = ColumnType::timestamp;
  std::string lines, unbroken(9000, 'x');
  for (int i = 0; i < 400; ++i) lines += "line " + std::to_string(i) + "\n";
  const auto path = dir_ / "odd.pdf";
  auto w = make_pdf_writer(path);
  w->begin(m);
  for (int r = 0; r < 5; ++r) {
    Row row(m.columns.size(), Cell{std::string("after")});
    row[1] = std::string(300, '9');
    row[2] = std::string("2026-12-02T18:12:15Z");
    row[3] = lines;
    row[4] = unbroken;
    row[5] = std::string(
        "a\x01\x7f"
        "b\tc\r\nd",
        9);
    row[6] = std::string("محمد عبد الله 王小明");
    w->row(row);
  }
  w->finish({Row(m.columns.size(), Cell{})});
  w.reset();
  EXPECT_TRUE(leftovers(path).empty());
  const auto pdf = read_pdf(path);
  EXPECT_GE(pdf.pages, 1);
  ASSERT_FALSE(pdf.page_text.empty());
  EXPECT_NE(pdf.page_text[0].find("Page 1 of " + std::to_string(pdf.pages)), std::string::npos);
}

TEST_F(ReportWriterTest, PdfWithoutRowsIsOnePage) {
  const auto path = dir_ / "empty.pdf";
  auto w = make_pdf_writer(path);
  w->begin(sample_meta());
  w->finish({});
  w.reset();
  const auto pdf = read_pdf(path);
  EXPECT_EQ(pdf.pages, 1);
  ASSERT_EQ(pdf.page_text.size(), 1U);
  EXPECT_NE(pdf.page_text[0].find("Page 1 of 1"), std::string::npos);
  EXPECT_NE(pdf.page_text[0].find("Guest"), std::string::npos);
}

TEST_F(ReportWriterTest, PdfRefusesMoreThanItsRowBudget) {
  Meta m;
  m.title = "Big";
  m.columns = {{"n", "N", ColumnType::integer}};
  const auto path = dir_ / "big.pdf";
  auto w = make_pdf_writer(path);
  w->begin(m);
  for (std::int64_t i = 0; i < kPdfMaxRows; ++i) w->row({i});
  try {
    w->row({std::int64_t{0}});
    FAIL() << "no ReportTooLarge";
  } catch (const ReportTooLarge& e) {
    EXPECT_STREQ(e.what(), "PDF exports are limited to 100,000 rows; choose CSV or Excel for larger reports.");
  }
  w.reset();
  EXPECT_TRUE(leftovers(path).empty()) << "the spool is deleted with an unfinished writer";
}

}  // namespace
}  // namespace keycard::reports
