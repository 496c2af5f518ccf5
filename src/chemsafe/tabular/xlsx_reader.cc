// XLSX reader: libzip opens the package, pugixml parses the workbook, its relationships, the shared
// strings and one worksheet (ECMA-376 Part 1, §18.2 workbook, §18.3 worksheets, §18.4 shared strings).
// Element names are compared without their namespace prefix, as some writers use "x:row".
#include <zip.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::tabular {
namespace {

std::string_view LocalName(const pugi::xml_node& n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return {};
}

// The attribute r:id whatever the prefix bound to the relationships namespace.
std::string_view RelationshipId(const pugi::xml_node& n) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    if (name.size() > 3 && name.substr(name.size() - 3) == ":id") return a.value();
  }
  return {};
}

// Text of a string item (<si> or <is>): its <t>, or the <t> of each rich-text run <r>; phonetic
// runs (<rPh>) are not part of the value.
void AppendStringItem(const pugi::xml_node& item, std::string& out) {
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    std::string_view name = LocalName(c);
    if (name == "t") {
      out += c.text().get();
    } else if (name == "r") {
      pugi::xml_node t = Child(c, "t");
      if (t) out += t.text().get();
    }
  }
}

// "C12" -> column 2; -1 if the reference has no letters.
int ColumnOfReference(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  return i == 0 ? -1 : col - 1;
}

int RowOfReference(std::string_view ref) {
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') ++i;
  int row = 0;
  std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  return row;
}

class Package {
 public:
  ~Package() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  Status Open(const std::string& path) {
    path_ = path;
    int err = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (zip_ == nullptr) {
      zip_error_t ze;
      zip_error_init_with_code(&ze, err);
      std::string why = zip_error_strerror(&ze);
      zip_error_fini(&ze);
      if (err == ZIP_ER_NOENT || err == ZIP_ER_OPEN) return NotFound(fmt::format("{}: cannot open: {}", path, why));
      return InvalidArgument(fmt::format("{}: not an XLSX file (zip: {})", path, why));
    }
    return Status::Ok();
  }
  bool Has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }
  Status Read(const std::string& name, std::string& out) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
      return InvalidArgument(fmt::format("{}: not an XLSX file: no part {}", path_, name));
    }
    zip_file_t* f = zip_fopen(zip_, name.c_str(), 0);
    if (f == nullptr) return InvalidArgument(fmt::format("{}: cannot read part {}", path_, name));
    out.resize(st.size);
    zip_int64_t got = st.size == 0 ? 0 : zip_fread(f, out.data(), st.size);
    zip_fclose(f);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
      return InvalidArgument(fmt::format("{}: corrupt part {}", path_, name));
    }
    return Status::Ok();
  }
  Status Parse(const std::string& name, pugi::xml_document& doc, std::string& buffer) const {
    CHEMSAFE_RETURN_IF_ERROR(Read(name, buffer));
    pugi::xml_parse_result r = doc.load_buffer_inplace(buffer.data(), buffer.size());
    if (!r) {
      return InvalidArgument(fmt::format("{}: malformed XML in {} at byte {}: {}", path_, name, r.offset,
                                         r.description()));
    }
    return Status::Ok();
  }

 private:
  std::string path_;
  zip_t* zip_ = nullptr;
};

std::string NumberCellText(std::string_view v) {
  double d = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || ptr != v.data() + v.size()) return std::string(v);
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, res.ptr);
}

class XlsxReader final : public TableReader {
 public:
  Status Load(const std::string& path, const OpenTableOptions& options) {
    path_ = path;
    Package pkg;
    CHEMSAFE_RETURN_IF_ERROR(pkg.Open(path));

    pugi::xml_document workbook, rels;
    std::string workbook_buf, rels_buf;
    CHEMSAFE_RETURN_IF_ERROR(pkg.Parse("xl/workbook.xml", workbook, workbook_buf));
    CHEMSAFE_RETURN_IF_ERROR(pkg.Parse("xl/_rels/workbook.xml.rels", rels, rels_buf));

    std::unordered_map<std::string, std::string> targets;
    std::string shared_strings_part = "xl/sharedStrings.xml";
    for (pugi::xml_node r = rels.document_element().first_child(); r; r = r.next_sibling()) {
      std::string target = r.attribute("Target").value();
      target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
      std::string_view type = r.attribute("Type").value();
      if (type.ends_with("/sharedStrings")) shared_strings_part = target;
      targets[r.attribute("Id").value()] = target;
    }

    pugi::xml_node sheets = Child(workbook.document_element(), "sheets");
    std::string sheet_part;
    std::vector<std::string> names;
    for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling()) {
      if (LocalName(s) != "sheet") continue;
      std::string name = s.attribute("name").value();
      names.push_back(name);
      if (sheet_part.empty() && (options.sheet.empty() || options.sheet == name)) {
        auto it = targets.find(std::string(RelationshipId(s)));
        if (it == targets.end()) return InvalidArgument(fmt::format("{}: sheet {} has no part", path, name));
        sheet_part = it->second;
      }
    }
    if (sheet_part.empty()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      return options.sheet.empty()
                 ? InvalidArgument(fmt::format("{}: the workbook has no sheet", path))
                 : NotFound(fmt::format("{}: no sheet named \"{}\" (sheets: {})", path, options.sheet, list));
    }

    if (pkg.Has(shared_strings_part)) {
      pugi::xml_document sst;
      std::string sst_buf;
      CHEMSAFE_RETURN_IF_ERROR(pkg.Parse(shared_strings_part, sst, sst_buf));
      for (pugi::xml_node si = sst.document_element().first_child(); si; si = si.next_sibling()) {
        if (LocalName(si) != "si") continue;
        shared_.emplace_back();
        AppendStringItem(si, shared_.back());
      }
    }

    CHEMSAFE_RETURN_IF_ERROR(pkg.Parse(sheet_part, sheet_, sheet_buf_));
    pugi::xml_node ws = sheet_.document_element();
    if (pugi::xml_node merges = Child(ws, "mergeCells")) {
      for (pugi::xml_node m = merges.first_child(); m; m = m.next_sibling()) {
        std::string_view ref = m.attribute("ref").value();
        auto colon = ref.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view a = ref.substr(0, colon), b = ref.substr(colon + 1);
        merged_.push_back({RowOfReference(a), RowOfReference(b), ColumnOfReference(a), ColumnOfReference(b)});
      }
    }
    next_row_ = Child(Child(ws, "sheetData"), "row");
    return Status::Ok();
  }

  Result<bool> Next(Row& row) override {
    while (next_row_) {
      pugi::xml_node r = next_row_;
      next_row_ = r.next_sibling();
      while (next_row_ && LocalName(next_row_) != "row") next_row_ = next_row_.next_sibling();
      if (LocalName(r) != "row") continue;
      int number = r.attribute("r").as_int(last_row_ + 1);
      last_row_ = number;
      bytes_read_ = static_cast<std::uint64_t>(r.offset_debug());
      std::size_t n = 0;
      int column = -1;
      for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
        if (LocalName(c) != "c") continue;
        int col = ColumnOfReference(c.attribute("r").value());
        if (col < 0) col = column + 1;
        if (col <= column) {
          return InvalidArgument(fmt::format("{}:{}: cells out of order at column {}", path_, number,
                                             ColumnLetters(col)));
        }
        // Empty cells between two written ones are kept as "".
        while (static_cast<int>(n) < col) SetCell(row, n++, {});
        column = col;
        CHEMSAFE_RETURN_IF_ERROR(CellText(c, number, scratch_));
        SetCell(row, n++, scratch_);
      }
      if (n == 0) continue;  // a row element with no cells (formatting only) is blank
      row.cells.resize(n);
      row.number = number;
      return true;
    }
    bytes_read_ = sheet_buf_.size();
    return false;
  }

  std::string ColumnLabel(int column_index) const override { return ColumnLetters(column_index); }
  std::uint64_t BytesRead() const override { return bytes_read_; }
  std::uint64_t BytesTotal() const override { return sheet_buf_.size(); }
  const std::vector<MergedRange>& MergedRanges() const override { return merged_; }

 private:
  static void SetCell(Row& row, std::size_t i, std::string_view text) {
    if (row.cells.size() <= i) row.cells.emplace_back();
    row.cells[i].assign(text);
  }

  Status CellText(const pugi::xml_node& c, int row_number, std::string& out) const {
    out.clear();
    std::string_view type = c.attribute("t").value();
    if (type == "inlineStr") {
      if (pugi::xml_node is = Child(c, "is")) AppendStringItem(is, out);
      return Status::Ok();
    }
    pugi::xml_node v = Child(c, "v");
    if (!v) return Status::Ok();
    std::string_view value = v.text().get();
    if (type == "s") {
      std::size_t index = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (ec != std::errc() || index >= shared_.size()) {
        return InvalidArgument(fmt::format("{}:{}: cell {} refers to shared string {} that does not exist",
                                           path_, row_number, c.attribute("r").value(), value));
      }
      out = shared_[index];
    } else if (type == "b") {
      out = value == "1" ? "TRUE" : "FALSE";
    } else if (type.empty() || type == "n") {
      out = NumberCellText(value);
    } else {  // "str" (formula result), "e" (error such as #N/A), "d" (ISO 8601 date)
      out = value;
    }
    return Status::Ok();
  }

  std::string path_;
  std::vector<std::string> shared_;
  pugi::xml_document sheet_;
  std::string sheet_buf_;
  pugi::xml_node next_row_;
  std::vector<MergedRange> merged_;
  std::string scratch_;
  int last_row_ = 0;
  std::uint64_t bytes_read_ = 0;
};

std::string LowerExtension(const std::string& path) {
  auto dot = path.find_last_of('.');
  auto slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
  std::string ext = path.substr(dot + 1);
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

}  // namespace

Result<std::unique_ptr<TableReader>> OpenXlsx(const std::string& path, const OpenTableOptions& options) {
  auto reader = std::make_unique<XlsxReader>();
  CHEMSAFE_RETURN_IF_ERROR(reader->Load(path, options));
  return std::unique_ptr<TableReader>(std::move(reader));
}

Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path) { return OpenTable(path, {}); }

Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path, const OpenTableOptions& options) {
  std::string ext = LowerExtension(path);
  if (ext == "csv" || ext == "txt") return OpenCsv(path);
  if (ext == "xlsx" || ext == "xlsm") return OpenXlsx(path, options);
  if (ext == "xls") {
    return InvalidArgument(fmt::format("{}: the old Excel 97-2003 format (.xls) is not read; save it as .xlsx", path));
  }
  return InvalidArgument(fmt::format("{}: unknown table format \".{}\"; expected .csv or .xlsx", path, ext));
}

std::string ColumnLetters(int column_index) {
  std::string out;
  int n = column_index + 1;
  while (n > 0) {
    int rem = (n - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return out;
}

Result<std::string> ExcelSerialToIsoDate(double serial) {
  using namespace std::chrono;
  if (!std::isfinite(serial) || serial < 1 || serial >= 2958466) {  // 2958465 = 9999-12-31
    return InvalidArgument(fmt::format("{} is not an Excel date serial number", serial));
  }
  int whole = static_cast<int>(std::floor(serial));
  // ECMA-376 Part 1 §18.17.4.1: serial 1 = 1900-01-01; Excel counts 1900-02-29 (serial 60), a day that
  // does not exist, kept for Lotus 1-2-3 compatibility, so later serials are one day ahead.
  if (whole == 60) return InvalidArgument("Excel date serial 60 is 1900-02-29, a day that does not exist");
  sys_days base = sys_days{year{1899} / December / 31};
  sys_days day = base + days{whole < 60 ? whole : whole - 1};
  year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

}  // namespace chemsafe::tabular
