// CSV reader on libcsv (RFC 4180) with the decoding of internal/text_decoder.h. Rows are parsed a block
// at a time into a small pool of Row buffers that are swapped with the caller's Row, so that a long
// import reuses the same strings instead of allocating per cell.
#include <csv.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/tabular/internal/text_decoder.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::tabular {
namespace {

constexpr std::size_t kBlockBytes = 1 << 20;

class CsvReader final : public TableReader {
 public:
  CsvReader(std::string path, int fd, std::uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size), decoder_(path_) {
    // CSV_REPALL_NL: every newline outside a record is reported, so that blank lines count in the
    // line numbers users see. (Not CSV_STRICT:
    // a stray quote inside an unquoted cell, as in 12", is kept as text.)
    csv_init(&parser_, CSV_REPALL_NL);
    raw_.resize(kBlockBytes);
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
    if (!text_.empty()) {
      std::size_t used = csv_parse(&parser_, text_.data(), text_.size(), OnField, OnRecordEnd, this);
      if (used != text_.size()) {
        return InvalidArgument(fmt::format("{}:{}: CSV parse error: {}", path_, line_,
                                           csv_strerror(csv_error(&parser_))));
      }
    }
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
};

}  // namespace

Result<std::unique_ptr<TableReader>> OpenCsv(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return InvalidArgument(fmt::format("{}: not a regular file", path));
  }
  return std::unique_ptr<TableReader>(
      std::make_unique<CsvReader>(path, fd, static_cast<std::uint64_t>(st.st_size)));
}

}  // namespace chemsafe::tabular
