// The CSV dialect of the QRA data tables in data/qra (the effect tables, the LOC frequencies, the blast
// curves): '#' comment lines and blank lines skipped, a UTF-8 byte-order mark and CRLF line ends accepted,
// comma-separated cells that may be double-quoted, spaces around cells trimmed. Parsed from text (the
// reference module reads the files), with every error naming "file:line:column".
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// One record of a data table: its cells and the 1-based line where it starts.
struct DataRecord {
  int line = 0;
  std::vector<std::string> cells;
};

// Splits a data table: lines starting with '#' and blank lines are skipped; cells are separated by
// commas; a cell may be double-quoted (a doubled quote inside stands for one) to hold commas; spaces
// around cells are trimmed. The first record must equal `header`; every record must have as many cells.
// Errors name "file:line:column".
Result<std::vector<DataRecord>> ReadDataTable(std::string_view text, std::string_view file_name,
                                              std::span<const std::string_view> header);

// The cells of one record read as typed values; every error names "file:line:column: <column name>: ...".
// Borrows the file name, record and header, which must outlive it.
class DataRow {
 public:
  DataRow(std::string_view file_name, const DataRecord& record, std::span<const std::string_view> header)
      : file_name_(file_name), record_(record), header_(header) {}

  int line() const { return record_.line; }
  const std::string& Cell(std::size_t column) const { return record_.cells[column]; }
  // InvalidArgument "file:line:column: <column name>: <what>".
  Status Error(std::size_t column, std::string_view what) const;
  // Non-blank text.
  Result<std::string> Text(std::size_t column) const;
  // A grade of shared/reference/qra-cases.md: S, M, D or U.
  Result<std::string> Grade(std::size_t column) const;
  // A finite number; blank is an error.
  Result<double> Number(std::size_t column) const;
  // A finite number, or nullopt when the cell is blank.
  Result<std::optional<double>> OptionalNumber(std::size_t column) const;

 private:
  std::string_view file_name_;
  const DataRecord& record_;
  std::span<const std::string_view> header_;
};

// A table whose header holds at least the named columns (in any order, among others): its header, its
// records (each with as many cells as the header) and the positions of the named columns, in the order
// asked for. InvalidArgument "file:line:column: header: no column NAME" when one is missing.
struct NamedColumns {
  std::vector<std::string_view> header;  // views into `names_storage`
  std::vector<std::string> names_storage;
  std::vector<DataRecord> records;
  std::vector<std::size_t> columns;
};
Result<NamedColumns> ReadDataTableColumns(std::string_view text, std::string_view file_name,
                                         std::span<const std::string_view> names);

}  // namespace chemsafe::qra
