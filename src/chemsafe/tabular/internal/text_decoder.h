// Decodes the bytes of a text file to UTF-8 in a stream: strips a UTF-8 byte-order mark, validates
// UTF-8, and when the first non-ASCII bytes are not UTF-8 switches to GB 18030 (the superset of GBK
// that Excel in a Chinese locale saves; GB 18030-2005) converted by glibc iconv. Refuses UTF-16 and
// bytes that decode in neither, naming the line. Module-private (tabular/internal/).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "chemsafe/core/status.h"

namespace chemsafe::tabular::internal {

// Length of the longest prefix of `s` that is valid UTF-8 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF). `*incomplete_tail` is set when the rest is only the start of a valid
// sequence cut by the end of `s`.
std::size_t ValidUtf8Prefix(std::string_view s, bool* incomplete_tail);

class TextDecoder {
 public:
  // `source_name` prefixes error messages ("path:LINE: ...").
  explicit TextDecoder(std::string source_name);
  ~TextDecoder();
  TextDecoder(const TextDecoder&) = delete;
  TextDecoder& operator=(const TextDecoder&) = delete;

  // Decodes `in` (the next bytes of the file) and appends UTF-8 text to `out`. Bytes of a sequence cut
  // by the end of `in` are kept for the next call; `last` says there is no more input.
  Status Decode(std::string_view in, bool last, std::string& out);

  std::string_view encoding() const;  // "UTF-8" (also while only ASCII was seen) or "GB18030"

 private:
  enum class Mode { kUndecided, kUtf8, kGb18030 };
  Status DecodeUtf8(std::string_view data, bool last, std::string& out);
  Status DecodeGb18030(std::string_view data, bool last, std::string& out);
  Status Refuse(std::string_view data, std::size_t bad_offset, std::string_view why) const;

  std::string source_name_;
  Mode mode_ = Mode::kUndecided;
  bool bom_checked_ = false;
  std::string carry_;        // undecoded bytes from the previous call
  std::string joined_;       // scratch: carry_ + in
  long long lines_done_ = 0;  // '\n' bytes in the input before the current data
  void* iconv_ = nullptr;    // iconv_t, opened when GB 18030 is detected
};

}  // namespace chemsafe::tabular::internal
