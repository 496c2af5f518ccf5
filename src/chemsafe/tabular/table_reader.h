// Reading tables that users send: CSV (RFC 4180) and XLSX (Office Open XML, ECMA-376), as rows of
// UTF-8 text cells, streamed one row at a time (DESIGN.md §5: "Excel in and out").
//
// CSV: records may span lines (quoted newlines, RFC 4180 §2.6); a UTF-8 byte-order mark is stripped;
// the text is validated as UTF-8; a file saved by Excel in a Chinese locale (GBK / GB 18030) is detected
// at its first non-ASCII byte and converted with iconv; a file that is neither is refused with an
// error naming the line. Leading and trailing spaces of unquoted cells are trimmed (libcsv).
// Empty lines produce no row. Rows may have different numbers of cells.
//
// XLSX: the first sheet or a named sheet; shared strings, inline strings, numbers (as their shortest
// round-trip text: 1200, 0.5, 1e-07), booleans (TRUE/FALSE), formula results (cached value), errors
// (#N/A); dates are numbers (Excel serial days, see ExcelSerialToIsoDate); empty cells in the middle
// of a row are kept as ""; rows absent from the sheet (fully blank) are skipped. Merged cell ranges are
// reported by MergedRanges() so that callers can skip merged title rows above a header.
//
// Thread-safety: a TableReader is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::tabular {

struct Row {
  int number = 0;                  // 1-based row number as the user sees it (CSV line of the record's
                                   // start, or the XLSX row)
  std::vector<std::string> cells;  // UTF-8, cell text as typed
};

// A merged cell range of an XLSX sheet, 0-based inclusive column indexes, 1-based rows.
struct MergedRange {
  int first_row = 0;
  int last_row = 0;
  int first_column = 0;
  int last_column = 0;
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  // Reads the next row into `row` (its buffers are reused, so pass the same Row again to avoid
  // allocations). Returns false at the end; an error names file:row.
  virtual Result<bool> Next(Row& row) = 0;
  // The column as the user sees it: "3" for CSV, "C" for XLSX (0-based index in).
  virtual std::string ColumnLabel(int column_index) const = 0;

  // For progress bars: bytes of the source consumed so far and its total size (XLSX: the sheet's
  // uncompressed XML). Both 0 when unknown.
  virtual std::uint64_t BytesRead() const { return 0; }
  virtual std::uint64_t BytesTotal() const { return 0; }
  // The encoding the file was decoded from: "UTF-8" or "GB18030" (a superset of GBK); "UTF-8" for XLSX.
  virtual std::string_view SourceEncoding() const { return "UTF-8"; }
  // Merged ranges of the sheet (XLSX); empty for CSV.
  virtual const std::vector<MergedRange>& MergedRanges() const {
    static const std::vector<MergedRange> kNone;
    return kNone;
  }
};

struct OpenTableOptions {
  std::string sheet;  // XLSX: sheet name to read. Default (empty): the first sheet.
};

// Opens a table by its extension (case-insensitive): .csv (also .txt) or .xlsx. NotFound when the file
// cannot be opened, InvalidArgument for another extension or a malformed file, naming the file.
Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path);
Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path, const OpenTableOptions& options);

// The same readers by format, whatever the extension.
Result<std::unique_ptr<TableReader>> OpenCsv(const std::string& path);
Result<std::unique_ptr<TableReader>> OpenXlsx(const std::string& path, const OpenTableOptions& options = {});

// "A", "B", ..., "Z", "AA", ... for a 0-based column index (the XLSX column letters, ECMA-376 §18.3.1.4).
std::string ColumnLetters(int column_index);

// Converts an Excel serial day number (1900 date system, ECMA-376 §18.17.4.1; serial 1 = 1900-01-01,
// with Excel's phantom 1900-02-29 at serial 60) to "YYYY-MM-DD". Fails for serials before 1 or with a
// fraction other than a time of day, or beyond 9999-12-31.
Result<std::string> ExcelSerialToIsoDate(double serial);

}  // namespace chemsafe::tabular
