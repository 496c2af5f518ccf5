#include "chemsafe/tabular/internal/text_decoder.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace chemsafe::tabular::internal {
namespace {

// RFC 3629 §4 (UTF8-octets ABNF): the second byte's range depends on the first byte.
bool SecondByteOk(unsigned char lead, unsigned char b) {
  switch (lead) {
    case 0xE0: return b >= 0xA0 && b <= 0xBF;
    case 0xED: return b >= 0x80 && b <= 0x9F;
    case 0xF0: return b >= 0x90 && b <= 0xBF;
    case 0xF4: return b >= 0x80 && b <= 0x8F;
    default: return b >= 0x80 && b <= 0xBF;
  }
}

int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // continuation byte, overlong lead C0/C1, or F5..FF
}

std::string HexBytes(std::string_view data, std::size_t offset, std::size_t n) {
  std::string out;
  for (std::size_t i = offset; i < data.size() && i < offset + n; ++i) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:02X}", static_cast<unsigned char>(data[i]));
  }
  return out;
}

}  // namespace

std::size_t ValidUtf8Prefix(std::string_view s, bool* incomplete_tail) {
  *incomplete_tail = false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char lead = p[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    int len = SequenceLength(lead);
    if (len == 0) return i;
    for (int k = 1; k < len; ++k) {
      if (i + k >= n) {
        *incomplete_tail = true;
        return i;
      }
      unsigned char b = p[i + k];
      bool ok = (k == 1) ? SecondByteOk(lead, b) : (b >= 0x80 && b <= 0xBF);
      if (!ok) return i;
    }
    i += static_cast<std::size_t>(len);
  }
  return n;
}

TextDecoder::TextDecoder(std::string source_name) : source_name_(std::move(source_name)) {}

TextDecoder::~TextDecoder() {
  if (iconv_ != nullptr) iconv_close(static_cast<iconv_t>(iconv_));
}

std::string_view TextDecoder::encoding() const { return mode_ == Mode::kGb18030 ? "GB18030" : "UTF-8"; }

Status TextDecoder::Refuse(std::string_view data, std::size_t bad_offset, std::string_view why) const {
  long long line = lines_done_ + 1 +
                   std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(bad_offset), '\n');
  return InvalidArgument(fmt::format("{}:{}: {} (bytes {}); save the file as \"CSV UTF-8\" and try again",
                                     source_name_, line, why, HexBytes(data, bad_offset, 4)));
}

Status TextDecoder::Decode(std::string_view in, bool last, std::string& out) {
  std::string_view data = in;
  if (!carry_.empty()) {
    joined_.assign(carry_);
    joined_.append(in);
    carry_.clear();
    data = joined_;
  }
  if (!bom_checked_) {
    if (data.size() < 3 && !last) {
      carry_.assign(data);
      return Status::Ok();
    }
    bom_checked_ = true;
    if (data.substr(0, 3) == "\xEF\xBB\xBF") {
      data.remove_prefix(3);  // Unicode §23.8: the UTF-8 BOM is a signature, not content.
    } else if (data.substr(0, 2) == "\xFF\xFE" || data.substr(0, 2) == "\xFE\xFF") {
      return InvalidArgument(fmt::format(
          "{}:1: the file is UTF-16 (Excel \"Unicode text\"); save it as \"CSV UTF-8\" and try again",
          source_name_));
    }
  }
  if (mode_ == Mode::kUndecided) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t first = 0;
    while (first < data.size() && p[first] < 0x80) ++first;
    if (first == data.size()) {
      lines_done_ += std::count(data.begin(), data.end(), '\n');
      out.append(data);
      return Status::Ok();
    }
    // Decide on the bytes from the first non-ASCII one to the end of this block: UTF-8 if they are all
    // valid UTF-8, or if at least four multi-byte characters are before the first invalid byte (then
    // the file mixes encodings and is refused at that byte); else GB 18030. A GBK character looks like
    // a valid UTF-8 sequence with a probability of about 8% (lead C2-DF and trail 80-BF), so four in a
    // row happen by chance about once in 40,000 files.
    bool incomplete = false;
    std::string_view rest = data.substr(first);
    std::size_t valid = ValidUtf8Prefix(rest, &incomplete);
    int multibyte = 0;
    for (std::size_t i = 0; i < valid; ++i) {
      if ((static_cast<unsigned char>(rest[i]) & 0xC0) == 0xC0) ++multibyte;
    }
    if (incomplete && multibyte == 0 && !last) {
      out.append(data.substr(0, first));
      lines_done_ += std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(first), '\n');
      carry_.assign(rest);
      return Status::Ok();
    }
    if (valid == rest.size() || incomplete || multibyte >= 4) {
      mode_ = Mode::kUtf8;
    } else {
      iconv_t cd = iconv_open("UTF-8", "GB18030");
      if (cd == reinterpret_cast<iconv_t>(-1)) {
        return Refuse(data, first, "the text is not UTF-8 and GB 18030 conversion is unavailable");
      }
      iconv_ = cd;
      mode_ = Mode::kGb18030;
    }
  }
  return mode_ == Mode::kUtf8 ? DecodeUtf8(data, last, out) : DecodeGb18030(data, last, out);
}

Status TextDecoder::DecodeUtf8(std::string_view data, bool last, std::string& out) {
  bool incomplete = false;
  std::size_t valid = ValidUtf8Prefix(data, &incomplete);
  if (valid != data.size() && !(incomplete && !last)) {
    return Refuse(data, valid, incomplete ? "the file ends inside a UTF-8 character"
                                          : "the text is not valid UTF-8 (mixed encodings?)");
  }
  out.append(data.substr(0, valid));
  lines_done_ += std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(valid), '\n');
  carry_.assign(data.substr(valid));
  return Status::Ok();
}

Status TextDecoder::DecodeGb18030(std::string_view data, bool last, std::string& out) {
  auto cd = static_cast<iconv_t>(iconv_);
  std::size_t old_size = out.size();
  // GB 18030 -> UTF-8 at most doubles the size (2 bytes -> 3, 4 bytes -> 4, ASCII 1:1).
  out.resize(old_size + data.size() * 2 + 16);
  char* in_ptr = const_cast<char*>(data.data());
  std::size_t in_left = data.size();
  char* out_ptr = out.data() + old_size;
  std::size_t out_left = out.size() - old_size;
  std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  int err = errno;
  std::size_t consumed = data.size() - in_left;
  out.resize(static_cast<std::size_t>(out_ptr - out.data()));
  lines_done_ += std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(consumed), '\n');
  if (rc == static_cast<std::size_t>(-1)) {
    if (err == EINVAL && !last) {
      carry_.assign(data.substr(consumed));
      return Status::Ok();
    }
    lines_done_ -= std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(consumed), '\n');
    return Refuse(data, consumed,
                  err == EINVAL ? "the file ends inside a character"
                                : "the text is neither UTF-8 nor GB 18030/GBK");
  }
  return Status::Ok();
}

}  // namespace chemsafe::tabular::internal
