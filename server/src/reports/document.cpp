#include "reports/document.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "common/ids.hpp"

namespace keycard::reports {

namespace fs = std::filesystem;

TempFile::~TempFile() {
  if (path.empty()) return;
  std::error_code ec;
  fs::remove(path, ec);
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in && !in.eof()) throw std::runtime_error("cannot read the file back: " + path.string());
  return out.str();
}

std::string render_pdf(const std::string& data_dir, const Meta& meta, const std::vector<Row>& rows,
                       const std::vector<Row>& totals) {
  const auto dir = fs::path(data_dir) / "reports" / "tmp";
  fs::create_directories(dir);
  TempFile tmp(dir / (new_uuid() + ".pdf"));
  {
    auto writer = make_pdf_writer(tmp.path);
    writer->begin(meta);
    for (const auto& row : rows) writer->row(row);
    writer->finish(totals);
  }
  return read_all(tmp.path);
}

}  // namespace keycard::reports
