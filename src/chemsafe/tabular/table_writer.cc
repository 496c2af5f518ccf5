#include "chemsafe/tabular/table_writer.h"

#include <xlsxwriter.h>

#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

namespace chemsafe::tabular {

std::string NumberText(double value) {
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, res.ptr);
}

void AppendCsvField(std::string& out, std::string_view field) {
  bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!field.empty() && (field.front() == ' ' || field.front() == '\t' || field.back() == ' ' ||
                                   field.back() == '\t'));
  if (!quote) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');  // RFC 4180 §2.7: a quote inside a quoted field is doubled
    out.push_back(c);
  }
  out.push_back('"');
}

namespace {

class CsvWriter final : public TableWriter {
 public:
  CsvWriter(std::string path, std::FILE* f) : path_(std::move(path)), file_(f) {}
  ~CsvWriter() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  Status WriteHeader(const std::vector<std::string>& names) override {
    line_.clear();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) line_.push_back(',');
      AppendCsvField(line_, names[i]);
    }
    return Flush();
  }
  Status WriteRow(const std::vector<Cell>& cells) override {
    line_.clear();
    char buf[32];
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line_.push_back(',');
      const Cell& c = cells[i];
      if (c.kind == Cell::Kind::kText) {
        AppendCsvField(line_, c.text);
      } else if (c.kind == Cell::Kind::kNumber) {
        auto res = std::to_chars(buf, buf + sizeof buf, c.number);
        line_.append(buf, res.ptr);
      }
    }
    return Flush();
  }
  Status StartSheet(std::string_view) override {
    return FailedPrecondition(fmt::format("{}: a CSV file holds one table", path_));
  }
  Status SetColumnWidth(int, double) override { return Status::Ok(); }
  Status Close() override {
    if (file_ == nullptr) return Status::Ok();
    bool ok = std::fflush(file_) == 0 && !std::ferror(file_);
    ok = (std::fclose(file_) == 0) && ok;
    file_ = nullptr;
    if (!ok) return Unavailable(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
    return Status::Ok();
  }

 private:
  Status Flush() {
    if (file_ == nullptr) return FailedPrecondition(fmt::format("{}: writer closed", path_));
    line_ += "\r\n";  // RFC 4180 §2.1: CRLF
    if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) {
      return Unavailable(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
    }
    return Status::Ok();
  }

  std::string path_;
  std::FILE* file_;
  std::string line_;
};

Status XlsxError(const std::string& path, lxw_error e) {
  return Unavailable(fmt::format("{}: cannot write XLSX: {}", path, lxw_strerror(e)));
}

class XlsxWriter final : public TableWriter {
 public:
  XlsxWriter(std::string path, lxw_workbook* wb) : path_(std::move(path)), wb_(wb) {
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
  }
  ~XlsxWriter() override {
    if (wb_ != nullptr) workbook_close(wb_);
  }

  Status StartSheet(std::string_view name) override {
    std::string n(name);
    lxw_error e = workbook_validate_sheet_name(wb_, n.c_str());
    if (e != LXW_NO_ERROR) {
      return InvalidArgument(fmt::format("{}: sheet name \"{}\": {}", path_, n, lxw_strerror(e)));
    }
    ws_ = workbook_add_worksheet(wb_, n.c_str());
    if (ws_ == nullptr) return Internal(fmt::format("{}: cannot add sheet \"{}\"", path_, n));
    row_ = 0;
    return Status::Ok();
  }

  Status WriteHeader(const std::vector<std::string>& names) override {
    for (std::size_t i = 0; i < names.size(); ++i) {
      lxw_error e = worksheet_write_string(ws_, 0, static_cast<lxw_col_t>(i), names[i].c_str(), bold_);
      if (e != LXW_NO_ERROR) return XlsxError(path_, e);
    }
    worksheet_freeze_panes(ws_, 1, 0);
    row_ = 1;
    return Status::Ok();
  }

  Status WriteRow(const std::vector<Cell>& cells) override {
    if (row_ >= 1048576) {  // ECMA-376 / Excel specifications: 1,048,576 rows per sheet
      return ResourceExhaustedError();
    }
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const Cell& c = cells[i];
      lxw_error e = LXW_NO_ERROR;
      auto col = static_cast<lxw_col_t>(i);
      if (c.kind == Cell::Kind::kText && !c.text.empty()) {
        e = worksheet_write_string(ws_, row_, col, c.text.c_str(), nullptr);
      } else if (c.kind == Cell::Kind::kNumber) {
        e = worksheet_write_number(ws_, row_, col, c.number, nullptr);
      }
      if (e != LXW_NO_ERROR) return XlsxError(path_, e);
    }
    ++row_;
    return Status::Ok();
  }

  Status SetColumnWidth(int column_index, double width_chars) override {
    auto col = static_cast<lxw_col_t>(column_index);
    lxw_error e = worksheet_set_column(ws_, col, col, width_chars, nullptr);
    return e == LXW_NO_ERROR ? Status::Ok() : XlsxError(path_, e);
  }

  Status Close() override {
    if (wb_ == nullptr) return Status::Ok();
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    return e == LXW_NO_ERROR ? Status::Ok() : XlsxError(path_, e);
  }

 private:
  Status ResourceExhaustedError() const {
    return Status(StatusCode::kResourceExhausted,
                  fmt::format("{}: more than 1,048,576 rows do not fit in one XLSX sheet; export to CSV", path_));
  }

  std::string path_;
  lxw_workbook* wb_;
  lxw_worksheet* ws_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_row_t row_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> CreateCsvWriter(const std::string& path, const CsvWriterOptions& options) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Unavailable(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  auto w = std::make_unique<CsvWriter>(path, f);
  if (options.byte_order_mark && std::fwrite("\xEF\xBB\xBF", 1, 3, f) != 3) {
    return Unavailable(fmt::format("{}: write failed: {}", path, std::strerror(errno)));
  }
  return std::unique_ptr<TableWriter>(std::move(w));
}

Result<std::unique_ptr<TableWriter>> CreateXlsxWriter(const std::string& path, const XlsxWriterOptions& options) {
  // Constant-memory mode streams each row to a temporary file (rows must be written in order), and
  // stores strings inline (<is>), which the reader handles.
  lxw_workbook_options wo{};
  wo.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &wo);
  if (wb == nullptr) return Unavailable(fmt::format("{}: cannot create XLSX workbook", path));
  auto w = std::make_unique<XlsxWriter>(path, wb);
  CHEMSAFE_RETURN_IF_ERROR(w->StartSheet(options.sheet_name));
  return std::unique_ptr<TableWriter>(std::move(w));
}

}  // namespace chemsafe::tabular
