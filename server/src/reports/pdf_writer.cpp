// PDF through cairo and pango: A4 landscape, the table's header on every
// page, "Page N of M" in every footer.
//
// M is only known after the last row, and the rows must not stay in memory,
// so the writer works in two passes. row() lays each cell out with pango to
// learn the row's height, decides whether the row still fits on the current
// page, and spools the row (its cell texts, height and page break) to a
// temporary file beside the output. finish() places the totals, which fixes
// M, then reads the spool back and draws every page. Both passes use the same
// pango context on the PDF surface, so what was measured is what is drawn.
//
// Text goes through fontconfig: "Noto Sans, DejaVu Sans" covers Latin,
// Cyrillic and Greek, and the fallback finds Noto Sans Arabic and Noto Sans
// CJK for the rest.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>
#include <vector>

#include "common/utf8.hpp"
#include "reports/table.hpp"

namespace keycard::reports {
namespace {

// A4 landscape in points.
constexpr double kPageWidth = 841.89;
constexpr double kPageHeight = 595.28;
constexpr double kMargin = 28;
constexpr double kFooterHeight = 16;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBodyTop = kMargin;
constexpr double kBodyBottom = kPageHeight - kMargin - kFooterHeight;
constexpr double kBodyHeight = kBodyBottom - kBodyTop;
constexpr double kPadX = 4;
constexpr double kPadY = 2;
// Caps that guarantee every row fits on a page below the title and header:
// a longer cell ends in an ellipsis instead of running off the page.
constexpr double kMaxCellTextHeight = kBodyHeight / 2;
constexpr double kMaxHeaderTextHeight = kBodyHeight / 8;
constexpr double kMaxTitleHeight = kBodyHeight / 8;
constexpr double kMaxParametersHeight = kBodyHeight / 8;
// Text beyond this cannot show in a capped cell anyway; it would only slow pango down.
constexpr std::size_t kMaxCellBytes = 8192;

constexpr const char* kFont = "Noto Sans, DejaVu Sans 8";
constexpr const char* kTitleFont = "Noto Sans, DejaVu Sans Bold 13";
constexpr const char* kSmallFont = "Noto Sans, DejaVu Sans 7";

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontFree>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;

int pango_units(double points) { return static_cast<int>(points * PANGO_SCALE); }

FontPtr font(const char* description) { return FontPtr(pango_font_description_from_string(description)); }

FontPtr bold(const PangoFontDescription* base) {
  FontPtr f(pango_font_description_copy(base));
  pango_font_description_set_weight(f.get(), PANGO_WEIGHT_BOLD);
  return f;
}

std::string pdf_text(std::string_view s) {
  s = truncate_utf8(s, kMaxCellBytes);
  return is_utf8(s) ? std::string(s) : to_valid_utf8(s);
}

// "2026-12-02T18:12:15Z" (or with a fraction) as "2026-12-02 18:12:15": the
// report states that its times are UTC.
std::string readable_timestamp(std::string_view s) {
  const auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (s.size() < 20 || (s.back() != 'Z' && s.back() != 'z') || s[4] != '-' || s[7] != '-' ||
      (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') {
    return std::string(s);
  }
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (!digit(i)) return std::string(s);
  }
  return std::string(s.substr(0, 10)) + " " + std::string(s.substr(11, 8));
}

// "-1234567.50" -> "-1,234,567.50".
std::string grouped(std::string text) {
  const std::size_t start = (!text.empty() && text[0] == '-') ? 1 : 0;
  std::size_t end = text.find('.');
  if (end == std::string::npos) end = text.size();
  for (std::size_t i = end; i > start + 3; i -= 3) text.insert(i - 3, 1, ',');
  return text;
}

bool numeric(ColumnType t) {
  return t == ColumnType::integer || t == ColumnType::decimal || t == ColumnType::money || t == ColumnType::percent;
}

// Share of the table's width: dates and numbers are short, text is not.
double weight(ColumnType t) {
  switch (t) {
    case ColumnType::text: return 3.0;
    case ColumnType::integer: return 1.0;
    case ColumnType::decimal: return 1.2;
    case ColumnType::money: return 1.4;
    case ColumnType::percent: return 1.0;
    case ColumnType::date: return 1.3;
    case ColumnType::timestamp: return 2.0;
  }
  return 3.0;
}

struct CellText {
  std::string text;
  bool right = false;
};

CellText display(const Cell& cell, ColumnType type) {
  struct Visitor {
    ColumnType type;
    CellText operator()(std::monostate) const { return {{}, numeric(type)}; }
    CellText operator()(const std::string& s) const {
      return {type == ColumnType::timestamp ? readable_timestamp(pdf_text(s)) : pdf_text(s), numeric(type)};
    }
    CellText operator()(std::int64_t v) const {
      const bool group = type == ColumnType::money || type == ColumnType::decimal;
      return {group ? grouped(std::to_string(v)) : std::to_string(v), true};
    }
    CellText operator()(const Decimal& d) const {
      return {type == ColumnType::percent ? to_string(d) : grouped(to_string(d)), true};
    }
  };
  return std::visit(Visitor{type}, cell);
}

// The spool: per row a page-break flag, the height, then each cell's
// alignment and length-prefixed text, in this machine's byte order (the file
// lives only as long as the writer).
class SpoolOut {
 public:
  explicit SpoolOut(const std::filesystem::path& path) : buffer_(new char[kBufferSize]) {
    out_.rdbuf()->pubsetbuf(buffer_.get(), kBufferSize);
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) throw std::runtime_error("cannot create the PDF spool file " + path.string());
  }
  void put_u8(std::uint8_t v) { out_.put(static_cast<char>(v)); }
  void put_double(double v) { out_.write(reinterpret_cast<const char*>(&v), sizeof v); }
  void put_text(const std::string& s) {
    const auto n = static_cast<std::uint32_t>(s.size());
    out_.write(reinterpret_cast<const char*>(&n), sizeof n);
    out_.write(s.data(), static_cast<std::streamsize>(s.size()));
  }
  void check(const std::filesystem::path& path) const {
    if (!out_) throw std::runtime_error("writing the PDF spool file " + path.string() + " failed");
  }
  void close(const std::filesystem::path& path) {
    out_.close();
    check(path);
  }

 private:
  static constexpr std::size_t kBufferSize = 1 << 16;
  std::unique_ptr<char[]> buffer_;
  std::ofstream out_;
};

class SpoolIn {
 public:
  explicit SpoolIn(const std::filesystem::path& path) : path_(path), buffer_(new char[kBufferSize]) {
    in_.rdbuf()->pubsetbuf(buffer_.get(), kBufferSize);
    in_.open(path, std::ios::binary);
    if (!in_) throw std::runtime_error("cannot read the PDF spool file " + path.string());
  }
  std::uint8_t get_u8() {
    const int c = in_.get();
    check();
    return static_cast<std::uint8_t>(c);
  }
  double get_double() {
    double v = 0;
    in_.read(reinterpret_cast<char*>(&v), sizeof v);
    check();
    return v;
  }
  void get_text(std::string& s) {
    std::uint32_t n = 0;
    in_.read(reinterpret_cast<char*>(&n), sizeof n);
    check();
    s.resize(n);
    in_.read(s.data(), static_cast<std::streamsize>(n));
    check();
  }

 private:
  void check() const {
    if (!in_) throw std::runtime_error("reading the PDF spool file " + path_.string() + " failed");
  }
  static constexpr std::size_t kBufferSize = 1 << 16;
  std::filesystem::path path_;
  std::unique_ptr<char[]> buffer_;
  std::ifstream in_;
};

class PdfWriter final : public Writer {
 public:
  explicit PdfWriter(std::filesystem::path path) : path_(std::move(path)), spool_path_(path_.string() + ".spool") {
    surface_.reset(cairo_pdf_surface_create(path_.c_str(), kPageWidth, kPageHeight));
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      throw std::runtime_error("cannot create the PDF file " + path_.string() + ": " +
                               cairo_status_to_string(cairo_surface_status(surface_.get())));
    }
    cr_.reset(cairo_create(surface_.get()));
    context_.reset(pango_cairo_create_context(cr_.get()));
    font_ = font(kFont);
    bold_font_ = bold(font_.get());
    title_font_ = font(kTitleFont);
    small_font_ = font(kSmallFont);
  }

  ~PdfWriter() override {
    // Unfinished: the caller deletes the PDF; the spool is ours to delete.
    spool_.reset();
    std::error_code ec;
    std::filesystem::remove(spool_path_, ec);
  }

  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  void begin(const Meta& meta) override {
    if (spool_ || finished_) throw std::logic_error("PDF writer: begin() called twice");
    columns_ = meta.columns;
    const std::string title = pdf_text(meta.title);
    const std::string organisation = pdf_text(meta.organisation);
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_AUTHOR, organisation.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "Keycard");

    std::vector<std::string> labels;
    for (const auto& c : columns_) labels.push_back(pdf_text(c.label.empty() ? c.name : c.label));
    width_ = column_widths(labels);
    double x = kMargin;
    for (const double w : width_) {
      x_.push_back(x);
      x += w;
      normal_.push_back(cell_layout(font_.get(), w, kMaxCellTextHeight));
      bold_.push_back(cell_layout(bold_font_.get(), w, kMaxCellTextHeight));
    }

    // The page-1 heading: who and what, then the parameters and when.
    title_layout_ = block_layout(title_font_.get(), organisation.empty() ? title : organisation + " — " + title,
                                 kMaxTitleHeight);
    std::string line;
    for (const auto& [name, value] : meta.parameters) {
      if (!line.empty()) line += "  ·  ";
      line += pdf_text(name) + ": " + pdf_text(value);
    }
    if (!line.empty()) line += "  ·  ";
    const std::string generated = pdf_text(meta.generated_at);
    const std::string readable = readable_timestamp(generated);
    line += "Generated " + readable + (readable != generated ? " UTC" : "");
    parameters_layout_ = block_layout(font_.get(), line, kMaxParametersHeight);
    heading_height_ = height(title_layout_.get()) + 3 + height(parameters_layout_.get()) + 8;

    footer_left_ = organisation.empty() ? title : organisation + " · " + title;
    std::replace(footer_left_.begin(), footer_left_.end(), '\n', ' ');

    // The header row, drawn on every page.
    header_layouts_.reserve(columns_.size());
    header_height_ = 0;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      auto layout = cell_layout(bold_font_.get(), width_[c], kMaxHeaderTextHeight);
      set_cell(layout.get(), labels[c], numeric(columns_[c].type));
      header_height_ = std::max(header_height_, height(layout.get()));
      header_layouts_.push_back(std::move(layout));
    }
    header_height_ += 2 * kPadY;

    y_ = kBodyTop + heading_height_ + header_height_;
    spool_ = std::make_unique<SpoolOut>(spool_path_);
    cells_.resize(columns_.size());
  }

  void row(const Row& row) override {
    if (!spool_ || finished_) throw std::logic_error("PDF writer: row outside begin()/finish()");
    if (rows_ >= kPdfMaxRows) {
      throw ReportTooLarge("PDF exports are limited to 100,000 rows; choose CSV or Excel for larger reports.");
    }
    check_width(row);
    const double h = measure(row, normal_);
    const bool new_page = place(h);
    spool_->put_u8(new_page ? 1 : 0);
    spool_->put_double(h);
    for (const auto& cell : cells_) {
      spool_->put_u8(cell.right ? 1 : 0);
      spool_->put_text(cell.text);
    }
    spool_->check(spool_path_);
    ++rows_;
  }

  void finish(const std::vector<Row>& totals) override {
    if (!spool_ || finished_) throw std::logic_error("PDF writer: finish() outside begin()");
    finished_ = true;
    spool_->close(spool_path_);
    spool_.reset();

    // Place the totals too: then the number of pages is known.
    std::vector<std::pair<bool, double>> totals_placement;
    for (const auto& t : totals) {
      check_width(t);
      const double h = measure(t, bold_);
      totals_placement.emplace_back(place(h), h);
    }
    pages_ = page_ + 1;

    int page = 0;
    double y = start_page(page);
    {
      SpoolIn in(spool_path_);
      std::vector<CellText> cells(columns_.size());
      for (std::int64_t r = 0; r < rows_; ++r) {
        const bool new_page = in.get_u8() != 0;
        const double h = in.get_double();
        for (auto& cell : cells) {
          cell.right = in.get_u8() != 0;
          in.get_text(cell.text);
        }
        if (new_page) {
          end_page(page);
          y = start_page(++page);
        }
        draw_row(cells, normal_, y, h, false);
        y += h;
      }
    }
    std::filesystem::remove(spool_path_);
    for (std::size_t i = 0; i < totals.size(); ++i) {
      const auto [new_page, h] = totals_placement[i];
      if (new_page) {
        end_page(page);
        y = start_page(++page);
      }
      measure(totals[i], bold_);  // fills cells_ with the texts
      draw_row(cells_, bold_, y, h, i == 0);
      y += h;
    }
    end_page(page);

    cairo_surface_finish(surface_.get());
    const cairo_status_t status = cairo_surface_status(surface_.get());
    if (status != CAIRO_STATUS_SUCCESS) {
      throw std::runtime_error("writing the PDF file " + path_.string() + " failed: " + cairo_status_to_string(status));
    }
  }

 private:
  // Shares of the table's width by type, but wide enough for each header's
  // longest word (so that "Occupancy" is not broken inside the word), the room
  // taken from the columns that have more than they need.
  std::vector<double> column_widths(const std::vector<std::string>& labels) const {
    const std::size_t n = labels.size();
    std::vector<double> w(n), least(n);
    double total_weight = 0;
    for (const auto& c : columns_) total_weight += weight(c.type);
    auto measure_word = new_layout(bold_font_.get());
    for (std::size_t c = 0; c < n; ++c) {
      w[c] = kContentWidth * weight(columns_[c].type) / total_weight;
      double longest = 0;
      std::string_view rest = labels[c];
      while (!rest.empty()) {
        const auto space = rest.find(' ');
        const auto word = rest.substr(0, space);
        pango_layout_set_text(measure_word.get(), word.data(), static_cast<int>(word.size()));
        int ww = 0, wh = 0;
        pango_layout_get_size(measure_word.get(), &ww, &wh);
        longest = std::max(longest, static_cast<double>(ww) / PANGO_SCALE);
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
      }
      least[c] = longest + 2 * kPadX + 1;
    }
    double sum = 0, least_sum = 0, slack = 0;
    for (std::size_t c = 0; c < n; ++c) {
      w[c] = std::max(w[c], least[c]);
      sum += w[c];
      least_sum += least[c];
      slack += w[c] - least[c];
    }
    const double excess = sum - kContentWidth;
    if (excess <= 0) return w;
    for (std::size_t c = 0; c < n; ++c) {
      // Too many columns for their headers: shares of the minimums, and the headers break inside words.
      w[c] = slack >= excess ? w[c] - (w[c] - least[c]) * excess / slack : least[c] * kContentWidth / least_sum;
    }
    return w;
  }

  LayoutPtr new_layout(const PangoFontDescription* f) const {
    LayoutPtr layout(pango_layout_new(context_.get()));
    pango_layout_set_font_description(layout.get(), f);
    return layout;
  }

  LayoutPtr cell_layout(const PangoFontDescription* f, double column_width, double max_height) const {
    auto layout = new_layout(f);
    pango_layout_set_width(layout.get(), pango_units(column_width - 2 * kPadX));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_height(layout.get(), pango_units(max_height));
    return layout;
  }

  LayoutPtr block_layout(const PangoFontDescription* f, const std::string& text, double max_height) const {
    auto layout = cell_layout(f, kContentWidth + 2 * kPadX, max_height);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  static void set_cell(PangoLayout* layout, const std::string& text, bool right) {
    pango_layout_set_alignment(layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  }

  static double height(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void check_width(const Row& row) const {
    if (row.size() != columns_.size()) {
      throw std::logic_error("PDF writer: a row has " + std::to_string(row.size()) + " cells for " +
                             std::to_string(columns_.size()) + " columns");
    }
  }

  // The row's height; leaves its display texts in cells_.
  double measure(const Row& row, const std::vector<LayoutPtr>& layouts) {
    double h = 0;
    for (std::size_t c = 0; c < row.size(); ++c) {
      cells_[c] = display(row[c], columns_[c].type);
      if (cells_[c].text.empty()) continue;
      set_cell(layouts[c].get(), cells_[c].text, cells_[c].right);
      h = std::max(h, height(layouts[c].get()));
    }
    if (h == 0) {
      // An empty row (or a table without columns) still takes a line.
      if (!empty_line_) empty_line_ = block_layout(font_.get(), " ", kMaxCellTextHeight);
      h = height(empty_line_.get());
    }
    return h + 2 * kPadY;
  }

  // Moves the cursor past a row of height h; true when it starts a new page.
  bool place(double h) {
    const bool new_page = rows_on_page_ > 0 && y_ + h > kBodyBottom;
    if (new_page) {
      ++page_;
      rows_on_page_ = 0;
      y_ = kBodyTop + header_height_;
    }
    y_ += h;
    ++rows_on_page_;
    return new_page;
  }

  // Draws the page's heading (page 1) and the table header; returns where the rows start.
  double start_page(int page) {
    cairo_t* cr = cr_.get();
    double y = kBodyTop;
    if (page == 0) {
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_move_to(cr, kMargin - kPadX, y);
      pango_cairo_show_layout(cr, title_layout_.get());
      y += height(title_layout_.get()) + 3;
      cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
      cairo_move_to(cr, kMargin - kPadX, y);
      pango_cairo_show_layout(cr, parameters_layout_.get());
      y = kBodyTop + heading_height_;
    }
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_rectangle(cr, kMargin, y, kContentWidth, header_height_);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      cairo_move_to(cr, x_[c] + kPadX, y + kPadY);
      pango_cairo_show_layout(cr, header_layouts_[c].get());
    }
    y += header_height_;
    rule(y, 0.6, 0.2);
    return y;
  }

  void end_page(int page) {
    cairo_t* cr = cr_.get();
    const double y = kBodyBottom + kFooterHeight - 9;
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    auto left = block_layout(small_font_.get(), footer_left_, kMaxTitleHeight);
    pango_layout_set_ellipsize(left.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_width(left.get(), pango_units(kContentWidth * 0.7));
    pango_layout_set_height(left.get(), -1);  // one line
    cairo_move_to(cr, kMargin, y);
    pango_cairo_show_layout(cr, left.get());
    const std::string number = "Page " + std::to_string(page + 1) + " of " + std::to_string(pages_);
    auto right = block_layout(small_font_.get(), number, kMaxTitleHeight);
    pango_layout_set_width(right.get(), pango_units(kContentWidth * 0.3));
    pango_layout_set_alignment(right.get(), PANGO_ALIGN_RIGHT);
    cairo_move_to(cr, kMargin + kContentWidth * 0.7, y);
    pango_cairo_show_layout(cr, right.get());
    cairo_show_page(cr);
  }

  void draw_row(const std::vector<CellText>& cells, const std::vector<LayoutPtr>& layouts, double y, double h,
                bool first_total) {
    cairo_t* cr = cr_.get();
    if (first_total) rule(y, 0.9, 0.0);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].text.empty()) continue;
      set_cell(layouts[c].get(), cells[c].text, cells[c].right);
      cairo_move_to(cr, x_[c] + kPadX, y + kPadY);
      pango_cairo_show_layout(cr, layouts[c].get());
    }
    rule(y + h, 0.25, 0.75);
  }

  void rule(double y, double line_width, double grey) {
    cairo_t* cr = cr_.get();
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_set_line_width(cr, line_width);
    cairo_move_to(cr, kMargin, y);
    cairo_line_to(cr, kMargin + kContentWidth, y);
    cairo_stroke(cr);
  }

  std::filesystem::path path_;
  std::filesystem::path spool_path_;
  SurfacePtr surface_;
  CairoPtr cr_;
  ContextPtr context_;
  FontPtr font_, bold_font_, title_font_, small_font_;
  std::vector<Column> columns_;
  std::vector<double> x_, width_;
  std::vector<LayoutPtr> normal_, bold_, header_layouts_;
  LayoutPtr title_layout_, parameters_layout_, empty_line_;
  std::string footer_left_;
  double heading_height_ = 0;
  double header_height_ = 0;
  std::unique_ptr<SpoolOut> spool_;
  std::vector<CellText> cells_;
  std::int64_t rows_ = 0;
  int page_ = 0;
  int pages_ = 1;
  int rows_on_page_ = 0;
  double y_ = 0;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<Writer> make_pdf_writer(const std::filesystem::path& path) {
  return std::make_unique<PdfWriter>(path);
}

}  // namespace keycard::reports
