// PDF through cairo and pango: A4 landscape, the table's header on every
// page, "Page N of M" in every footer.
//
// The columns are sized from what they hold, M is only known after the last
// row, and the rows must not stay in memory. So row() spools each row's cell
// texts to a temporary file beside the output and measures them with pango,
// unwrapped: per column the widest cell and the widest piece of text that a
// line cannot be broken inside (a word), per row its natural height (4 bytes
// a row). finish() measures the header and the totals, chooses the widths
// (numbers, dates and codes never wrap; long text shares what is left; a
// smaller font only when even that does not fit), then reads the spool back
// twice: once for the rows' heights at those widths, which fixes the page
// breaks and M, and once to draw. Measuring and drawing use the same pango
// context on the PDF surface, so what was measured is what is drawn.
//
// Text goes through fontconfig: "Noto Sans, DejaVu Sans" covers Latin,
// Cyrillic and Greek, and the fallback finds Noto Sans Arabic and Noto Sans
// CJK for the rest.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
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
// The table's font sizes, largest first: a smaller one only when the columns
// do not fit the page even with their text wrapped.
constexpr double kTableFontSizes[] = {8, 7, 6};

// Column sizing, in ems of the table's font (its size in points) where it scales with the text.
// Over a measured width, so that rounding never wraps a line that was measured to fit.
constexpr double kSlack = 1;
// A text column at most this wide (padding included) is short, e.g. a status or a code: it
// keeps its natural width while longer text is wrapped.
constexpr double kShortTextEms = 10;
// The least a text column is given (unless its content is narrower) before the font gets smaller.
constexpr double kTextFloorEms = 7;
// A number or date column wider than this holds something else (a stray long text): it may wrap.
constexpr double kMaxFixedWidth = kContentWidth / 4;

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

FontPtr table_font(double size) {
  FontPtr f = font(kFont);
  pango_font_description_set_size(f.get(), static_cast<int>(std::lround(size * PANGO_SCALE)));
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

// Unwrapped measurements at one font size, with one layout per font reused
// for every cell.
class Gauge {
 public:
  struct Size {
    double width = 0;   // the widest line
    double word = 0;    // the widest piece between two places where pango may break a line
    double height = 0;  // all the lines
  };

  Gauge(PangoContext* context, double font_size) {
    const FontPtr normal = table_font(font_size);
    const FontPtr heavy = bold(normal.get());
    normal_.reset(pango_layout_new(context));
    pango_layout_set_font_description(normal_.get(), normal.get());
    bold_.reset(pango_layout_new(context));
    pango_layout_set_font_description(bold_.get(), heavy.get());
  }

  // `words`: also find the widest word (costs a pass over the glyphs; a number's word is the number).
  Size measure(const std::string& text, bool heavy, bool words) {
    PangoLayout* layout = heavy ? bold_.get() : normal_.get();
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    Size size{static_cast<double>(w) / PANGO_SCALE, static_cast<double>(w) / PANGO_SCALE,
              static_cast<double>(h) / PANGO_SCALE};
    if (words) size.word = static_cast<double>(widest_word(layout)) / PANGO_SCALE;
    return size;
  }

 private:
  // Numbers each character's bytes with the piece (between line-break
  // opportunities) that it belongs to, then adds up the glyph advances of each
  // piece as the unwrapped lines show them, leaving out the white space at a
  // piece's ends: that hangs at the end of a wrapped line. Pieces are
  // contiguous in visual order too, so right-to-left runs need no special case.
  int widest_word(PangoLayout* layout) {
    const char* text = pango_layout_get_text(layout);
    const auto length = static_cast<int>(std::strlen(text));
    int attr_count = 0;
    const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout, &attr_count);
    piece_.assign(static_cast<std::size_t>(length), -1);
    int piece = 0;
    int ci = 0;
    for (const char* p = text; p < text + length && ci + 1 < attr_count; ++ci) {
      if (ci > 0 && attrs[ci].is_line_break) ++piece;
      const char* next = g_utf8_next_char(p);
      const int code = piece * 2 + (attrs[ci].is_white ? 1 : 0);
      for (const char* q = p; q < next && q < text + length; ++q) piece_[static_cast<std::size_t>(q - text)] = code;
      p = next;
    }
    int widest = 0;
    for (GSList* l = pango_layout_get_lines_readonly(layout); l != nullptr; l = l->next) {
      const auto* line = static_cast<const PangoLayoutLine*>(l->data);
      int current = -1, width = 0, pending = 0;
      bool started = false;
      for (GSList* r = line->runs; r != nullptr; r = r->next) {
        const auto* run = static_cast<const PangoGlyphItem*>(r->data);
        const PangoGlyphString* glyphs = run->glyphs;
        for (int g = 0; g < glyphs->num_glyphs; ++g) {
          const int byte = run->item->offset + glyphs->log_clusters[g];
          const int code = byte >= 0 && byte < length ? piece_[static_cast<std::size_t>(byte)] : -1;
          if (code < 0) continue;
          if (code / 2 != current) {
            current = code / 2;
            width = pending = 0;
            started = false;
          }
          const int advance = glyphs->glyphs[g].geometry.width;
          if (code % 2 == 1) {
            if (started) pending += advance;
            continue;
          }
          width += pending + advance;
          pending = 0;
          started = true;
          widest = std::max(widest, width);
        }
      }
    }
    return widest;
  }

  LayoutPtr normal_, bold_;
  std::vector<int> piece_;  // reused from cell to cell
};

// The widest cell and word of a column so far.
struct Extent {
  double width = 0;
  double word = 0;
  double total = 0;  // of the widths: a column that is wide in every row wraps in every row
  void add(const Gauge::Size& s) {
    width = std::max(width, s.width);
    word = std::max(word, s.word);
    total += s.width;
  }
};

// How a column may be sized, in points with its padding: `natural` shows
// every cell (and the header's longest word) on one line, `word` breaks no
// word, `floor` is the least a text column gets before the font shrinks.
enum class Kind { fixed, timestamp, text };
struct Need {
  Kind kind = Kind::text;
  double natural = 0;
  double word = 0;
  double floor = 0;
  double header = 0;   // the whole header on one line
  double typical = 0;  // the mean width of its cells
  bool short_text = false;
};

double sum(const std::vector<double>& v) {
  double s = 0;
  for (const double x : v) s += x;
  return s;
}

// Widths between lo and hi adding up to `room` (sum(lo) <= room <= sum(hi)):
// clamp(t * weight, lo, hi) with the one t that fills the room. A weight of
// the natural width shares in proportion to it; a weight of 1 caps the widest
// columns first.
std::vector<double> share(const std::vector<double>& lo, const std::vector<double>& hi,
                          const std::vector<double>& weight, double room) {
  const std::size_t n = lo.size();
  double top = 0;
  for (std::size_t c = 0; c < n; ++c) {
    if (weight[c] > 0) top = std::max(top, hi[c] / weight[c]);
  }
  std::vector<double> w(n);
  const auto fill = [&](double t) {
    for (std::size_t c = 0; c < n; ++c) w[c] = std::clamp(t * weight[c], lo[c], std::max(lo[c], hi[c]));
    return sum(w);
  };
  double a = 0, b = top;
  for (int i = 0; i < 60; ++i) {
    const double t = (a + b) / 2;
    (fill(t) > room ? b : a) = t;
  }
  fill(a);
  return w;
}

// Room left over: first so that no header wraps, then to the long text
// columns (or, without any, to all) in proportion to their widths.
void spread(std::vector<double>& w, const std::vector<Need>& need, double room) {
  double extra = room - sum(w);
  if (extra <= 0) return;
  double headers = 0;
  for (std::size_t c = 0; c < w.size(); ++c) headers += std::max(0.0, need[c].header - w[c]);
  if (headers <= extra) {
    for (std::size_t c = 0; c < w.size(); ++c) w[c] = std::max(w[c], need[c].header);
    extra -= headers;
  }
  const auto is_long = [&](std::size_t c) { return need[c].kind == Kind::text && !need[c].short_text; };
  bool any_long = false;
  for (std::size_t c = 0; c < w.size(); ++c) any_long = any_long || is_long(c);
  double base = 0;
  for (std::size_t c = 0; c < w.size(); ++c) {
    if (!any_long || is_long(c)) base += w[c];
  }
  if (base <= 0) return;
  for (std::size_t c = 0; c < w.size(); ++c) {
    if (!any_long || is_long(c)) w[c] += extra * w[c] / base;
  }
}

// The widths at one font size, giving up as little as possible: all on one
// line; else long text wrapped at spaces, in proportion to its natural width
// and never inside a word; then short text too; then timestamps as date over
// time (and the text again); then text below its widest word, the widest
// first, down to a floor. Numbers and dates never wrap. Nothing when even the
// floors do not fit.
std::optional<std::vector<double>> plan(const std::vector<Need>& need, double room) {
  const std::size_t n = need.size();
  std::vector<double> lo(n), hi(n), weight(n);
  for (std::size_t c = 0; c < n; ++c) hi[c] = need[c].natural;
  if (sum(hi) <= room) {
    spread(hi, need, room);
    return hi;
  }
  for (const bool two_line_stamps : {false, true}) {
    for (const bool shorts_wrap : {false, true}) {
      for (std::size_t c = 0; c < n; ++c) {
        const Need& k = need[c];
        hi[c] = k.kind == Kind::timestamp && two_line_stamps ? k.word : k.natural;
        lo[c] = k.kind == Kind::text && (shorts_wrap || !k.short_text) ? k.word : hi[c];
        weight[c] = k.natural;
      }
      if (sum(lo) > room) continue;
      if (sum(hi) <= room) {
        spread(hi, need, room);
        return hi;
      }
      return share(lo, hi, weight, room);
    }
  }
  for (std::size_t c = 0; c < n; ++c) {
    const Need& k = need[c];
    hi[c] = k.kind == Kind::fixed ? k.natural : k.word;
    lo[c] = k.kind == Kind::text ? k.floor : hi[c];
    weight[c] = 1;
  }
  if (sum(lo) > room) return std::nullopt;
  // Capping the widest words first decides which columns break inside words
  // (a JSON blob and a UUID rather than an e-mail address). Those then share
  // their room in proportion to their cells' mean width: a column that is
  // long in every row (a UUID) makes every row taller, one long in a few rows
  // (changes) only those. None gives up more than a third of its share.
  std::vector<double> w = share(lo, hi, weight, room);
  for (std::size_t c = 0; c < n; ++c) {
    if (w[c] >= hi[c] - 0.01) {
      lo[c] = hi[c] = w[c];
    } else {
      lo[c] = std::max(lo[c], w[c] * 2 / 3);
    }
    weight[c] = std::max(need[c].typical, 1.0);
  }
  return share(lo, hi, weight, room);
}

// The last resort at the smallest font: every column's least width, scaled
// down together, numbers wrapping too.
std::vector<double> squeeze(const std::vector<Need>& need, double room) {
  std::vector<double> w(need.size());
  for (std::size_t c = 0; c < need.size(); ++c) {
    const Need& k = need[c];
    w[c] = k.kind == Kind::fixed ? k.natural : k.kind == Kind::timestamp ? k.word : k.floor;
  }
  const double total = sum(w);
  if (total > room) {
    for (double& x : w) x *= room / total;
  }
  return w;
}

// The spool: per row each cell's alignment and length-prefixed text, in this
// machine's byte order (the file lives only as long as the writer).
class SpoolOut {
 public:
  explicit SpoolOut(const std::filesystem::path& path) : buffer_(new char[kBufferSize]) {
    out_.rdbuf()->pubsetbuf(buffer_.get(), kBufferSize);
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) throw std::runtime_error("cannot create the PDF spool file " + path.string());
  }
  void put_u8(std::uint8_t v) { out_.put(static_cast<char>(v)); }
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
  void get_row(std::vector<CellText>& cells) {
    for (auto& cell : cells) {
      cell.right = get_u8() != 0;
      get_text(cell.text);
    }
  }

 private:
  std::uint8_t get_u8() {
    const int c = in_.get();
    check();
    return static_cast<std::uint8_t>(c);
  }
  void get_text(std::string& s) {
    std::uint32_t n = 0;
    in_.read(reinterpret_cast<char*>(&n), sizeof n);
    check();
    s.resize(n);
    in_.read(s.data(), static_cast<std::streamsize>(n));
    check();
  }
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
    // Font sizes in points, as the page is: pango's default of 96 dpi would make "8" 10.7 points.
    pango_cairo_context_set_resolution(context_.get(), 72);
    font_ = font(kFont);
    title_font_ = font(kTitleFont);
    small_font_ = font(kSmallFont);
    // A wrapped code, e-mail address or name shows its own characters only, no hyphen pango would add.
    no_hyphens_.reset(pango_attr_list_new());
    pango_attr_list_insert(no_hyphens_.get(), pango_attr_insert_hyphens_new(FALSE));
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
    // The file's creation date is the document's own (YYYY-MM-DDThh:mm:ssZ),
    // so the same document renders to the same bytes.
    if (meta.generated_at.size() >= 19 && meta.generated_at[10] == 'T') {
      const std::string created = meta.generated_at.substr(0, 19) + "Z";
      cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
    }
    for (const auto& c : columns_) labels_.push_back(pdf_text(c.label.empty() ? c.name : c.label));

    // The page-1 heading: who and what, then the parameters and when.
    title_layout_ =
        block_layout(title_font_.get(), organisation.empty() ? title : organisation + " — " + title, kMaxTitleHeight);
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

    gauge_ = std::make_unique<Gauge>(context_.get(), kTableFontSizes[0]);
    extents_.assign(columns_.size(), Extent{});
    spool_ = std::make_unique<SpoolOut>(spool_path_);
    cells_.resize(columns_.size());
  }

  void row(const Row& row) override {
    if (!spool_ || finished_) throw std::logic_error("PDF writer: row outside begin()/finish()");
    if (rows_ >= kPdfMaxRows) {
      throw ReportTooLarge("PDF exports are limited to 100,000 rows; choose CSV or Excel for larger reports.");
    }
    check_width(row);
    fill_cells(row);
    heights_.push_back(static_cast<float>(measure_natural(cells_, false)));
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
    for (const auto& t : totals) check_width(t);

    // The widths, at the largest font size that fits them; the rows were
    // measured at the first as they came.
    std::vector<double> widths;
    std::size_t level = 0;
    for (;; ++level) {
      if (level > 0) remeasure(kTableFontSizes[level]);
      for (const auto& t : totals) {
        fill_cells(t);
        measure_natural(cells_, true);
      }
      const std::vector<Need> need = needs(kTableFontSizes[level]);
      if (auto w = plan(need, kContentWidth)) {
        widths = std::move(*w);
        break;
      }
      if (level + 1 == std::size(kTableFontSizes)) {
        widths = squeeze(need, kContentWidth);
        break;
      }
    }
    gauge_.reset();
    lay_out_table(kTableFontSizes[level], widths);

    const std::vector<double> totals_height = paginate(totals);
    pages_ = static_cast<int>(page_starts_.size()) + 1;

    int page = 0;
    std::size_t next_break = 0;
    double y = start_page(page);
    const auto next_row = [&](std::int64_t index) {
      if (next_break < page_starts_.size() && page_starts_[next_break] == index) {
        ++next_break;
        end_page(page);
        y = start_page(++page);
      }
    };
    if (rows_ > 0) {
      SpoolIn in(spool_path_);
      std::vector<CellText> cells(columns_.size());
      for (std::int64_t r = 0; r < rows_; ++r) {
        in.get_row(cells);
        next_row(r);
        const double h = heights_[static_cast<std::size_t>(r)];
        draw_row(cells, normal_, y, h, false);
        y += h;
      }
    }
    std::filesystem::remove(spool_path_);
    for (std::size_t i = 0; i < totals.size(); ++i) {
      next_row(rows_ + static_cast<std::int64_t>(i));
      fill_cells(totals[i]);
      draw_row(cells_, bold_, y, totals_height[i], i == 0);
      y += totals_height[i];
    }
    end_page(page);

    cairo_surface_finish(surface_.get());
    const cairo_status_t status = cairo_surface_status(surface_.get());
    if (status != CAIRO_STATUS_SUCCESS) {
      throw std::runtime_error("writing the PDF file " + path_.string() + " failed: " + cairo_status_to_string(status));
    }
  }

 private:
  // Words matter where a column may wrap at spaces; a number or a date is one piece.
  bool wraps_at_words(std::size_t c) const {
    return columns_[c].type == ColumnType::text || columns_[c].type == ColumnType::timestamp;
  }

  void fill_cells(const Row& row) {
    for (std::size_t c = 0; c < row.size(); ++c) cells_[c] = display(row[c], columns_[c].type);
  }

  // Adds the cells to their columns' extents; returns the row's natural height (without padding).
  double measure_natural(const std::vector<CellText>& cells, bool heavy) {
    ++measured_rows_;
    double h = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].text.empty()) continue;
      const Gauge::Size s = gauge_->measure(cells[c].text, heavy, wraps_at_words(c));
      extents_[c].add(s);
      h = std::max(h, s.height);
    }
    return h;
  }

  // The rows again at a smaller font size, from the spool.
  void remeasure(double font_size) {
    gauge_ = std::make_unique<Gauge>(context_.get(), font_size);
    extents_.assign(columns_.size(), Extent{});
    measured_rows_ = 0;
    if (rows_ == 0) return;
    SpoolIn in(spool_path_);
    std::vector<CellText> cells(columns_.size());
    for (std::int64_t r = 0; r < rows_; ++r) {
      in.get_row(cells);
      heights_[static_cast<std::size_t>(r)] = static_cast<float>(measure_natural(cells, false));
    }
  }

  std::vector<Need> needs(double font_size) {
    std::vector<Need> need(columns_.size());
    constexpr double pad = 2 * kPadX + kSlack;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const Gauge::Size header = gauge_->measure(labels_[c], true, true);
      Need& k = need[c];
      const ColumnType type = columns_[c].type;
      k.kind = type == ColumnType::text ? Kind::text : type == ColumnType::timestamp ? Kind::timestamp : Kind::fixed;
      k.natural = std::max(extents_[c].width, header.word) + pad;
      k.word = std::max(k.kind == Kind::fixed ? extents_[c].width : extents_[c].word, header.word) + pad;
      k.header = header.width + pad;
      if (k.kind == Kind::fixed && k.natural > kMaxFixedWidth) k.kind = Kind::text;
      k.floor = std::min(k.word, std::max(kTextFloorEms * font_size, header.word + pad));
      k.short_text = k.natural <= kShortTextEms * font_size;
      k.typical = extents_[c].total / static_cast<double>(std::max<std::int64_t>(measured_rows_, 1)) + pad;
    }
    return need;
  }

  void lay_out_table(double font_size, const std::vector<double>& widths) {
    const FontPtr normal = table_font(font_size);
    const FontPtr heavy = bold(normal.get());
    double x = kMargin;
    header_height_ = 0;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const double w = widths[c];
      x_.push_back(x);
      x += w;
      normal_.push_back(cell_layout(normal.get(), w, kMaxCellTextHeight));
      bold_.push_back(cell_layout(heavy.get(), w, kMaxCellTextHeight));
      // A cell that fits unwrapped keeps its natural height: the row needs no new layout for it.
      fits_.push_back(extents_[c].width <= w - 2 * kPadX);
      auto header = cell_layout(heavy.get(), w, kMaxHeaderTextHeight);
      set_cell(header.get(), labels_[c], numeric(columns_[c].type));
      header_height_ = std::max(header_height_, height(header.get()));
      header_layouts_.push_back(std::move(header));
    }
    header_height_ += 2 * kPadY;
    // An empty row (or a table without columns) still takes a line.
    empty_line_ = block_layout(normal.get(), " ", kMaxCellTextHeight);
  }

  // The rows' heights at the final widths (into heights_), the totals' (returned), and where pages start.
  std::vector<double> paginate(const std::vector<Row>& totals) {
    const bool all_fit = std::all_of(fits_.begin(), fits_.end(), [](bool f) { return f; });
    const bool all_short =
        std::all_of(heights_.begin(), heights_.end(), [](float h) { return h <= kMaxCellTextHeight; });
    double y = kBodyTop + heading_height_ + header_height_;
    int on_page = 0;
    const auto place = [&](std::int64_t index, double h) {
      if (on_page > 0 && y + h > kBodyBottom) {
        page_starts_.push_back(index);
        y = kBodyTop + header_height_;
        on_page = 0;
      }
      y += h;
      ++on_page;
    };
    if (all_fit && all_short) {
      // Nothing wraps: the natural heights are the heights, and the spool can wait for the drawing.
      for (std::int64_t r = 0; r < rows_; ++r) {
        auto& h = heights_[static_cast<std::size_t>(r)];
        h = static_cast<float>(row_height(nullptr, h));
        place(r, h);
      }
    } else if (rows_ > 0) {
      SpoolIn in(spool_path_);
      std::vector<CellText> cells(columns_.size());
      for (std::int64_t r = 0; r < rows_; ++r) {
        in.get_row(cells);
        auto& h = heights_[static_cast<std::size_t>(r)];
        h = static_cast<float>(row_height(&cells, h));
        place(r, h);
      }
    }

    std::vector<double> totals_height;
    for (std::size_t i = 0; i < totals.size(); ++i) {
      fill_cells(totals[i]);
      const double h = laid_out_height(cells_, bold_);
      totals_height.push_back(h);
      // The totals do not start a page alone: the last row goes with them when the page before keeps one.
      if (i == 0 && rows_ > 0 && on_page >= 2 && y + h > kBodyBottom) {
        const double last = heights_[static_cast<std::size_t>(rows_ - 1)];
        if (kBodyTop + header_height_ + last + h <= kBodyBottom) {
          page_starts_.push_back(rows_ - 1);
          y = kBodyTop + header_height_ + last;
          on_page = 1;
        }
      }
      place(rows_ + static_cast<std::int64_t>(i), h);
    }
    return totals_height;
  }

  // A row's height from its natural height and, for the cells of columns
  // that wrap (all cells when the natural height passes the cap), a layout
  // at the column's width.
  double row_height(const std::vector<CellText>* cells, double natural) {
    const bool capped = natural > kMaxCellTextHeight;
    double h = capped ? 0 : natural;
    if (cells != nullptr) {
      for (std::size_t c = 0; c < cells->size(); ++c) {
        const CellText& cell = (*cells)[c];
        if (cell.text.empty() || (fits_[c] && !capped)) continue;
        set_cell(normal_[c].get(), cell.text, cell.right);
        h = std::max(h, height(normal_[c].get()));
      }
    }
    if (h == 0) h = height(empty_line_.get());
    return h + 2 * kPadY;
  }

  // A totals row's height: every cell laid out (there are few).
  double laid_out_height(const std::vector<CellText>& cells, const std::vector<LayoutPtr>& layouts) {
    double h = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].text.empty()) continue;
      set_cell(layouts[c].get(), cells[c].text, cells[c].right);
      h = std::max(h, height(layouts[c].get()));
    }
    if (h == 0) h = height(empty_line_.get());
    return h + 2 * kPadY;
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
    pango_layout_set_attributes(layout.get(), no_hyphens_.get());
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

  struct AttrListUnref {
    void operator()(PangoAttrList* a) const { pango_attr_list_unref(a); }
  };

  std::filesystem::path path_;
  std::filesystem::path spool_path_;
  SurfacePtr surface_;
  CairoPtr cr_;
  ContextPtr context_;
  FontPtr font_, title_font_, small_font_;
  std::unique_ptr<PangoAttrList, AttrListUnref> no_hyphens_;
  std::vector<Column> columns_;
  std::vector<std::string> labels_;
  // Measuring, while the rows arrive.
  std::unique_ptr<Gauge> gauge_;
  std::vector<Extent> extents_;
  std::int64_t measured_rows_ = 0;  // rows and totals in extents_
  std::vector<float> heights_;      // per row: natural, then (paginate()) final with its padding
  // Drawing, from finish().
  std::vector<double> x_;
  std::vector<bool> fits_;
  std::vector<LayoutPtr> normal_, bold_, header_layouts_;
  LayoutPtr title_layout_, parameters_layout_, empty_line_;
  std::vector<std::int64_t> page_starts_;  // the first row (data rows, then totals) of every page after the first
  std::string footer_left_;
  double heading_height_ = 0;
  double header_height_ = 0;
  std::unique_ptr<SpoolOut> spool_;
  std::vector<CellText> cells_;
  std::int64_t rows_ = 0;
  int pages_ = 1;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<Writer> make_pdf_writer(const std::filesystem::path& path) { return std::make_unique<PdfWriter>(path); }

}  // namespace keycard::reports
