#include "chemsafe/catalogue/name_text.h"

#include <cstdint>

namespace chemsafe::catalogue {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

// Decodes the UTF-8 sequence at `i`; returns the code point and advances `i` (invalid bytes: one byte).
std::uint32_t Next(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 1;
  if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
  std::uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += static_cast<std::size_t>(len);
  return cp;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

}  // namespace

std::string_view TrimSpaces(std::string_view text) {
  for (;;) {
    if (!text.empty() && IsAsciiSpace(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && IsAsciiSpace(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return text;
}

std::string NarrowText(std::string_view text) {
  text = TrimSpaces(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const std::uint32_t cp = Next(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));  // Unicode Halfwidth and Fullwidth Forms block
    } else if (cp == 0x3000) {
      out.push_back(' ');
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::string NameKey(std::string_view name) {
  const std::string narrow = NarrowText(name);
  std::string out;
  out.reserve(narrow.size());
  for (char c : narrow) {
    if (c == '[') c = '(';
    if (c == ']') c = ')';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (IsAsciiSpace(c)) continue;
    out.push_back(c);
  }
  return out;
}

std::string_view BaseName(std::string_view name) {
  name = TrimSpaces(name);
  // Closing and opening brackets, ASCII and full-width (U+FF08/U+FF09, U+FF3B/U+FF3D).
  static constexpr std::string_view kOpen[] = {"(", "[", "\xEF\xBC\x88", "\xEF\xBC\xBB"};
  static constexpr std::string_view kClose[] = {")", "]", "\xEF\xBC\x89", "\xEF\xBC\xBD"};
  for (std::size_t k = 0; k < 4; ++k) {
    if (!name.ends_with(kClose[k])) continue;
    // Find the opening bracket that balances the final closing one.
    int depth = 0;
    std::size_t i = name.size();
    while (i > 0) {
      std::size_t step = 0;
      bool open = false, close = false;
      for (std::size_t m = 0; m < 4; ++m) {
        if (i >= kClose[m].size() && name.substr(i - kClose[m].size(), kClose[m].size()) == kClose[m]) {
          close = true;
          step = kClose[m].size();
        } else if (i >= kOpen[m].size() && name.substr(i - kOpen[m].size(), kOpen[m].size()) == kOpen[m]) {
          open = true;
          step = kOpen[m].size();
        }
        if (open || close) break;
      }
      if (step == 0) {
        --i;
        continue;
      }
      i -= step;
      depth += close ? 1 : -1;
      if (depth == 0) {
        std::string_view base = TrimSpaces(name.substr(0, i));
        return base.empty() ? name : base;
      }
    }
    return name;
  }
  return name;
}

bool ContainsCjk(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::uint32_t cp = Next(text, i);
    if ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp >= 0x20000) return true;
  }
  return false;
}

std::vector<std::string> SplitList(std::string_view cell, const SplitListOptions& options) {
  std::vector<std::string> out;
  std::string item;
  int depth = 0;
  auto flush = [&] {
    std::string_view t = TrimSpaces(item);
    if (!t.empty()) out.emplace_back(t);
    item.clear();
  };
  std::size_t i = 0;
  while (i < cell.size()) {
    const std::size_t start = i;
    const std::uint32_t cp = Next(cell, i);
    const std::string_view ch = cell.substr(start, i - start);
    if (cp == '(' || cp == '[' || cp == 0xFF08 || cp == 0xFF3B) ++depth;
    if ((cp == ')' || cp == ']' || cp == 0xFF09 || cp == 0xFF3D) && depth > 0) --depth;
    const bool separator = cp == ';' || cp == 0xFF1B || cp == 0x3001 || cp == '\n' || cp == '\r' ||
                           (options.split_commas && (cp == ',' || cp == 0xFF0C));
    if (separator && depth == 0) {
      flush();
    } else {
      item.append(ch);
    }
  }
  flush();
  return out;
}

}  // namespace chemsafe::catalogue
