// Text of chemical names and list cells as Chinese documents print them: full-width and ASCII
// punctuation mixed, lists separated by ; ； 、 or new lines. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chemsafe::catalogue {

// Strips ASCII white space and the ideographic space (U+3000) at both ends.
std::string_view TrimSpaces(std::string_view text);

// Maps the full-width forms of ASCII (U+FF01..U+FF5E: ，（）［］０-９Ａ-Ｚ ＜ ＞ …) and the ideographic
// space to their ASCII equivalents; everything else unchanged. Trims.
std::string NarrowText(std::string_view text);

// The form in which names are compared: NarrowText, square brackets as parentheses, ASCII letters in
// lower case, inner white space removed. "硝酸铵［含可燃物≤0.2%］" and "硝酸铵(含可燃物≤0.2%)" compare
// equal; "Chlorine" and "chlorine" too.
std::string NameKey(std::string_view name);

// The name without its trailing qualifier in brackets or parentheses: "硝酸铵[含可燃物≤0.2%]" → "硝酸铵",
// "氯化氢(无水)" → "氯化氢"; a name that is all qualifier is returned unchanged. Works on NameKey forms
// and on printed names alike.
std::string_view BaseName(std::string_view name);

// True when the text holds a CJK ideograph (U+3400..U+9FFF, U+F900..U+FAFF, U+20000..).
bool ContainsCjk(std::string_view text);

// Splits a list cell on ; ； 、 and line breaks (and on , ， when `split_commas`), outside parentheses
// and brackets; trims items and drops empty ones.
struct SplitListOptions {
  bool split_commas = false;  // Default: commas belong to names ("1,3-丁二烯").
};
std::vector<std::string> SplitList(std::string_view cell, const SplitListOptions& options = {});

}  // namespace chemsafe::catalogue
