#include "chemsafe/qra/data_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The cells of one line; InvalidArgument naming the cell of an unterminated or misplaced quote.
Result<std::vector<std::string>> SplitLine(std::string_view line, std::string_view file_name, int line_number) {
  std::vector<std::string> cells;
  std::size_t i = 0;
  while (true) {
    const int column = static_cast<int>(cells.size()) + 1;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::string cell;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        cell += line[i++];
      }
      if (!closed) {
        return InvalidArgument(fmt::format("{}:{}:{}: the quoted cell does not end", file_name, line_number, column));
      }
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      if (i < line.size() && line[i] != ',') {
        return InvalidArgument(
            fmt::format("{}:{}:{}: text after the closing quote", file_name, line_number, column));
      }
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      cell = std::string(Trim(line.substr(i, end - i)));
      i = end;
    }
    cells.push_back(std::move(cell));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return cells;
}


// The records of `text` as split lines, the first (the header) included.
Result<std::vector<DataRecord>> SplitRecords(std::string_view text, std::string_view file_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<DataRecord> records;
  int line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    const std::string_view content = Trim(line);
    if (content.empty() || content.front() == '#') continue;
    CHEMSAFE_ASSIGN_OR_RETURN(std::vector<std::string> cells, SplitLine(line, file_name, line_number));
    records.push_back(DataRecord{.line = line_number, .cells = std::move(cells)});
  }
  return records;
}

}  // namespace

Status DataRow::Error(std::size_t column, std::string_view what) const {
  return InvalidArgument(fmt::format("{}:{}:{}: {}: {}", file_name_, record_.line, column + 1, header_[column], what));
}

Result<std::string> DataRow::Text(std::size_t column) const {
  if (Cell(column).empty()) return Error(column, "required");
  return Cell(column);
}

Result<std::string> DataRow::Grade(std::size_t column) const {
  const std::string& g = Cell(column);
  if (g == "S" || g == "M" || g == "D" || g == "U") return g;
  return Error(column, fmt::format("\"{}\" is not a grade (S, M, D, U)", g));
}

Result<std::optional<double>> DataRow::OptionalNumber(std::size_t column) const {
  const std::string& cell = Cell(column);
  if (cell.empty()) return std::optional<double>();
  double value = 0;
  const char* end = cell.data() + cell.size();
  auto [ptr, ec] = std::from_chars(cell.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return Error(column, fmt::format("\"{}\" is not a number", cell));
  }
  return std::optional<double>(value);
}

Result<double> DataRow::Number(std::size_t column) const {
  CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> value, OptionalNumber(column));
  if (!value.has_value()) return Error(column, "required");
  return *value;
}

Result<std::vector<DataRecord>> ReadDataTable(std::string_view text, std::string_view file_name,
                                              std::span<const std::string_view> header) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, SplitRecords(text, file_name));
  if (records.empty()) return InvalidArgument(fmt::format("{}: no header line", file_name));
  const DataRecord& first = records.front();
  for (std::size_t c = 0; c < std::max(header.size(), first.cells.size()); ++c) {
    const std::string_view found = c < first.cells.size() ? std::string_view(first.cells[c]) : "";
    const std::string_view expected = c < header.size() ? header[c] : "";
    if (found != expected) {
      return InvalidArgument(fmt::format("{}:{}:{}: header: expected \"{}\", found \"{}\"", file_name, first.line,
                                         c + 1, expected, found));
    }
  }
  records.erase(records.begin());
  for (const DataRecord& record : records) {
    if (record.cells.size() != header.size()) {
      return InvalidArgument(fmt::format("{}:{}:{}: {} cells, the header has {}", file_name, record.line,
                                         std::min(record.cells.size(), header.size()) + 1, record.cells.size(),
                                         header.size()));
    }
  }
  return records;
}


Result<NamedColumns> ReadDataTableColumns(std::string_view text, std::string_view file_name,
                                         std::span<const std::string_view> names) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::vector<DataRecord> records, SplitRecords(text, file_name));
  if (records.empty()) return InvalidArgument(fmt::format("{}: no header line", file_name));
  NamedColumns out;
  out.names_storage = std::move(records.front().cells);
  const int header_line = records.front().line;
  for (const auto& n : out.names_storage) out.header.emplace_back(n);
  for (std::string_view name : names) {
    auto it = std::find(out.header.begin(), out.header.end(), name);
    if (it == out.header.end()) {
      return InvalidArgument(fmt::format("{}:{}:1: header: no column {}", file_name, header_line, name));
    }
    out.columns.push_back(static_cast<std::size_t>(it - out.header.begin()));
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    DataRecord& record = records[r];
    if (record.cells.size() != out.header.size()) {
      return InvalidArgument(fmt::format("{}:{}:{}: {} cells, the header has {}", file_name, record.line,
                                         std::min(record.cells.size(), out.header.size()) + 1, record.cells.size(),
                                         out.header.size()));
    }
    out.records.push_back(std::move(record));
  }
  return out;
}

}  // namespace chemsafe::qra
