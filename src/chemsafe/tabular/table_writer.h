// Writing tables for users: CSV (RFC 4180, UTF-8, CRLF line ends, optional byte-order mark so that
// Excel opens it as UTF-8) and XLSX (libxlsxwriter; the header row bold and frozen). Rows are streamed:
// XLSX files are written in libxlsxwriter's constant-memory mode, so a million rows fit.
//
// Usage: create, WriteHeader once, WriteRow per row, Close. The file is complete only when Close
// returns OK. Thread-safety: one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::tabular {

// A cell to write: text, a number (a number cell in XLSX; its shortest round-trip text in CSV) or empty.
struct Cell {
  enum class Kind { kEmpty, kText, kNumber };
  Kind kind = Kind::kEmpty;
  std::string text;
  double number = 0;

  static Cell Empty() { return {}; }
  static Cell Text(std::string_view t) { return {Kind::kText, std::string(t), 0}; }
  static Cell Number(double v) { return {Kind::kNumber, {}, v}; }
};

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  virtual Status WriteHeader(const std::vector<std::string>& names) = 0;
  virtual Status WriteRow(const std::vector<Cell>& cells) = 0;
  // Starts a new sheet (XLSX) named `name`; the next WriteHeader writes its header. CSV: Unimplemented
  // as FailedPrecondition (a CSV file has one table).
  virtual Status StartSheet(std::string_view name) = 0;
  // Sets the width of a column of the current sheet, in characters (XLSX; ignored for CSV).
  virtual Status SetColumnWidth(int column_index, double width_chars) = 0;
  virtual Status Close() = 0;
};

struct CsvWriterOptions {
  bool byte_order_mark = false;  // Default: none. Set it for files users open in Excel (else Excel
                                 // in a Chinese locale reads UTF-8 as GBK).
};

struct XlsxWriterOptions {
  std::string sheet_name = "Sheet1";  // Default: "Sheet1". At most 31 characters, no []:*?/\ (Excel).
};

Result<std::unique_ptr<TableWriter>> CreateCsvWriter(const std::string& path, const CsvWriterOptions& options = {});
Result<std::unique_ptr<TableWriter>> CreateXlsxWriter(const std::string& path, const XlsxWriterOptions& options = {});

// Shortest text that reads back as the same double ("1200", "0.5", "1e-07"); used by the CSV writer.
std::string NumberText(double value);

// Quotes one CSV field per RFC 4180 when it contains a comma, quote, CR or LF, or starts or ends with
// a space or tab (libcsv trims those when unquoted); appends to `out`.
void AppendCsvField(std::string& out, std::string_view field);

}  // namespace chemsafe::tabular
