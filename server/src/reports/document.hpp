// A one-off PDF (an invoice, a registration card) through the reports' PDF
// writer (cairo + pango, non-Latin scripts), as bytes: written to a
// temporary file under the data directory, read back and removed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "reports/table.hpp"

namespace keycard::reports {

// Deletes a temporary file on every path out.
struct TempFile {
  std::filesystem::path path;
  TempFile() = default;
  explicit TempFile(std::filesystem::path p) : path(std::move(p)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();
};

// The whole file's bytes (throws std::runtime_error when it cannot be read).
[[nodiscard]] std::string read_all(const std::filesystem::path& path);

[[nodiscard]] std::string render_pdf(const std::string& data_dir, const Meta& meta, const std::vector<Row>& rows,
                                     const std::vector<Row>& totals);

}  // namespace keycard::reports
