// CSV reader on libcsv (RFC 4180) with the decoding of internal/text_decoder.h. Rows are parsed a block
// at a time into a small pool of Row buffers that are swapped with the caller's Row, so that a long
// import reuses the same strings instead of allocating per cell. Between records, a whole line that
// holds no quote character is split here rather than byte by byte in libcsv (a third of the time of
// reading a million-row file): with no quote, libcsv's rules (libcsv.c, csv_parse) come down to
// "cells are the text between commas, without the spaces and tabs around it; a line of spaces and
// tabs only is no record".
#include <csv.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/tabular/internal/csv_reader.h"
#include "chemsafe/tabular/internal/text_decoder.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::tabular {
namespace {

// libcsv.c: the parser's state between records (pstate ROW_NOT_BEGUN).
constexpr int kLibcsvRowNotBegun = 0;

class CsvReader final : public TableReader {
 public:
  CsvReader(std::string path, int fd, std::uint64_t size, const internal::CsvReaderOptions& options)
      : path_(std::move(path)), fd_(fd), size_(size), decoder_(path_), split_plain_lines_(options.split_plain_lines) {
    // CSV_REPALL_NL: every newline outside a record is reported, so that blank lines count in the
    // line numbers users see. (Not CSV_STRICT:
    // a stray quote inside an unquoted cell, as in 12", is kept as text.)
    csv_init(&parser_, CSV_REPALL_NL);
    raw_.resize(std::max<std::size_t>(options.block_bytes, 1));
  }
  ~CsvReader() override {
    csv_free(&parser_);
    if (fd_ >= 0) ::close(fd_);
  }

  Result<bool> Next(Row& row) override {
    while (head_ == count_) {
      if (finished_) return false;
      if (record_open_) std::swap(pool_[0], pool_[count_]);
      head_ = count_ = 0;
      CHEMSAFE_RETURN_IF_ERROR(ReadBlock());
    }
    std::swap(row, pool_[head_]);
    ++head_;
    return true;
  }

  std::string ColumnLabel(int column_index) const override { return std::to_string(column_index + 1); }
  std::uint64_t BytesRead() const override { return bytes_read_; }
  std::uint64_t BytesTotal() const override { return size_; }
  std::string_view SourceEncoding() const override { return decoder_.encoding(); }

 private:
  static void OnField(void* data, std::size_t len, void* self) {
    static_cast<CsvReader*>(self)->Field(static_cast<const char*>(data), len);
  }
  static void OnRecordEnd(int c, void* self) { static_cast<CsvReader*>(self)->RecordEnd(c); }

  void Field(const char* data, std::size_t len) {
    if (!record_open_) {
      record_open_ = true;
      record_line_ = line_;
      cells_ = 0;
      if (pool_.size() <= count_) pool_.emplace_back();
    }
    after_cr_ = false;
    Row& r = pool_[count_];
    if (r.cells.size() <= cells_) r.cells.emplace_back();
    if (len == 0) {
      r.cells[cells_].clear();
    } else {
      r.cells[cells_].assign(data, len);
      newlines_in_record_ += static_cast<int>(std::count(data, data + len, '\n'));
    }
    ++cells_;
  }

  void RecordEnd(int c) {
    if (record_open_) {
      Row& r = pool_[count_];
      r.cells.resize(cells_);
      r.number = record_line_;
      ++count_;
      record_open_ = false;
      line_ += newlines_in_record_;
      newlines_in_record_ = 0;
    }
    // A record or blank line ends at CR, LF or CRLF; the LF of a CRLF is reported on its own.
    if (c == '\r') {
      ++line_;
      after_cr_ = true;
    } else if (c == '\n') {
      if (!after_cr_) ++line_;
      after_cr_ = false;
    }
  }

  Status ReadBlock() {
    ssize_t n;
    do {
      n = ::read(fd_, raw_.data(), raw_.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) return Unavailable(fmt::format("{}: read failed: {}", path_, std::strerror(errno)));
    bytes_read_ += static_cast<std::uint64_t>(n);
    bool last = n == 0;
    text_.clear();
    CHEMSAFE_RETURN_IF_ERROR(decoder_.Decode(std::string_view(raw_.data(), static_cast<std::size_t>(n)), last, text_));
    if (!text_.empty()) CHEMSAFE_RETURN_IF_ERROR(Parse(text_.data(), text_.size()));
    if (last) {
      // RFC 4180 §2.5: a quoted cell must be closed. libcsv (libcsv.c) has state 2, FIELD_BEGUN, while
      // inside a field; with `quoted` set the closing quote has not been seen.
      constexpr int kLibcsvFieldBegun = 2;
      if (parser_.pstate == kLibcsvFieldBegun && parser_.quoted) {
        return InvalidArgument(fmt::format("{}:{}: a quoted cell is not closed before the end of the file",
                                           path_, record_line_));
      }
      // Ends a last record that has no final newline.
      if (csv_fini(&parser_, OnField, OnRecordEnd, this) != 0) {
        return InvalidArgument(fmt::format("{}:{}: CSV parse error: {}", path_, record_line_,
                                           csv_strerror(csv_error(&parser_))));
      }
      finished_ = true;
    }
    return Status::Ok();
  }

  Status Parse(const char* text, std::size_t size) {
    const char* const end = text + size;
    while (text < end) {
      // A whole line ahead (its end is in this block), between records, without quotes: split here.
      const char* lf = split_plain_lines_ && parser_.pstate == kLibcsvRowNotBegun && !record_open_
                           ? static_cast<const char*>(std::memchr(text, '\n', static_cast<std::size_t>(end - text)))
                           : nullptr;
      if (lf != nullptr) {
        const auto n = static_cast<std::size_t>(lf - text);
        const char* cr = static_cast<const char*>(std::memchr(text, '\r', n));
        const char* line_end = cr != nullptr ? cr : lf;  // a record ends at CR, LF or CRLF
        const auto len = static_cast<std::size_t>(line_end - text);
        if (std::memchr(text, '"', len) == nullptr) {
          SplitPlainLine(text, len);
          RecordEnd(static_cast<unsigned char>(*line_end));
          text = line_end + 1;
          continue;
        }
      }
      // Otherwise libcsv, up to the end of this line (a quoted cell may go on in the next).
      const char* next = static_cast<const char*>(std::memchr(text, '\n', static_cast<std::size_t>(end - text)));
      const std::size_t chunk = next != nullptr ? static_cast<std::size_t>(next - text) + 1 : static_cast<std::size_t>(end - text);
      std::size_t used = csv_parse(&parser_, text, chunk, OnField, OnRecordEnd, this);
      if (used != chunk) {
        return InvalidArgument(fmt::format("{}:{}: CSV parse error: {}", path_, line_,
                                           csv_strerror(csv_error(&parser_))));
      }
      text += chunk;
    }
    return Status::Ok();
  }

  // Cells of a line without quotes or line breaks, as libcsv gives them: split at commas, spaces and
  // tabs around each cell dropped; no cell at all when the line holds only spaces and tabs.
  void SplitPlainLine(const char* text, std::size_t len) {
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t b = 0;
    while (b < len && blank(text[b])) ++b;
    if (b == len) return;
    const char* const end = text + len;
    const char* cell = text;
    while (true) {
      const char* comma = static_cast<const char*>(std::memchr(cell, ',', static_cast<std::size_t>(end - cell)));
      const char* cell_end = comma != nullptr ? comma : end;
      const char* first = cell;
      const char* last = cell_end;
      while (first < last && blank(*first)) ++first;
      while (last > first && blank(last[-1])) --last;
      PlainField(first, static_cast<std::size_t>(last - first));
      if (comma == nullptr) break;
      cell = comma + 1;
    }
  }

  // Field() for text that holds no line break.
  void PlainField(const char* data, std::size_t len) {
    if (!record_open_) {
      record_open_ = true;
      record_line_ = line_;
      cells_ = 0;
      if (pool_.size() <= count_) pool_.emplace_back();
    }
    after_cr_ = false;
    Row& r = pool_[count_];
    if (r.cells.size() <= cells_) r.cells.emplace_back();
    r.cells[cells_].assign(data, len);
    ++cells_;
  }

  std::string path_;
  int fd_;
  std::uint64_t size_;
  std::uint64_t bytes_read_ = 0;
  internal::TextDecoder decoder_;
  csv_parser parser_{};
  std::vector<char> raw_;
  std::string text_;
  std::vector<Row> pool_;
  std::size_t head_ = 0, count_ = 0;  // rows ready: pool_[head_, count_)
  bool record_open_ = false;          // a record is being built in pool_[count_]
  std::size_t cells_ = 0;
  int line_ = 1;
  int record_line_ = 1;
  int newlines_in_record_ = 0;
  bool after_cr_ = false;
  bool finished_ = false;
  bool split_plain_lines_ = true;
};

}  // namespace

Result<std::unique_ptr<TableReader>> OpenCsv(const std::string& path) {
  return internal::OpenCsv(path, internal::CsvReaderOptions{});
}

namespace internal {

Result<std::unique_ptr<TableReader>> OpenCsv(const std::string& path, const CsvReaderOptions& options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return InvalidArgument(fmt::format("{}: not a regular file", path));
  }
  return std::unique_ptr<TableReader>(
      std::make_unique<CsvReader>(path, fd, static_cast<std::uint64_t>(st.st_size), options));
}

}  // namespace internal

}  // namespace chemsafe::tabular
