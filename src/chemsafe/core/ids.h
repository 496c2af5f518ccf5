// Identifiers validated at construction (DESIGN.md §5). Each Parse returns the identifier or an
// InvalidArgument status whose message says why the value is not valid. Value types; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe {

// 统一社会信用代码, GB 32100-2015: 18 characters from the alphabet 0-9 A-Z without I O Z S V;
// position 1 registration authority, 2 entity type, 3-8 division code, 9-17 organisation code,
// 18 check character (weighted modulo 31, §4 of the standard).
class Uscc {
 public:
  static Result<Uscc> Parse(std::string_view text);  // accepts lower case, trims spaces; stores upper case
  // The check character for the first 17 characters (for generators), or an error if they are not valid.
  static Result<char> CheckCharacter(std::string_view first17);
  const std::string& str() const { return value_; }
  friend auto operator<=>(const Uscc&, const Uscc&) = default;

 private:
  explicit Uscc(std::string v) : value_(std::move(v)) {}
  std::string value_;
};

// CAS Registry Number: 2-7 digits, 2 digits, 1 check digit; check digit = Σ(i·d_i) mod 10 over the
// digits right to left, excluding the check digit (CAS, "Check Digit Verification of CAS Registry Numbers").
class Cas {
 public:
  static Result<Cas> Parse(std::string_view text);
  const std::string& str() const { return value_; }
  friend auto operator<=>(const Cas&, const Cas&) = default;

 private:
  explicit Cas(std::string v) : value_(std::move(v)) {}
  std::string value_;
};

// UN number: four digits, 0004-3599 in use (UN Model Regulations, Dangerous Goods List). Accepts "UN1005".
class UnNumber {
 public:
  static Result<UnNumber> Parse(std::string_view text);
  int value() const { return value_; }
  std::string str() const;  // "1005"
  friend auto operator<=>(const UnNumber&, const UnNumber&) = default;

 private:
  explicit UnNumber(int v) : value_(v) {}
  int value_;
};

// One row of the division table (data/admin_divisions/): province (2 digits), city (4), county (6),
// township (9). Codes are stored in their natural length.
struct Division {
  std::string code;         // "440305"
  std::string name;         // "南山区"
  std::string parent_code;  // "4403"; empty for a province
  int level = 0;            // 1 province, 2 city, 3 county, 4 township
};

// The administrative divisions known to chemsafe, loaded from data/ (see reference/divisions.h).
class DivisionTable {
 public:
  void Add(Division d);
  const Division* Find(std::string_view code) const;  // nullptr when unknown
  std::vector<const Division*> Children(std::string_view code) const;
  // Full name from the province down, "广东省深圳市南山区".
  std::string FullName(std::string_view code) const;
  size_t size() const { return by_code_.size(); }

 private:
  std::unordered_map<std::string, Division> by_code_;
  std::unordered_map<std::string, std::vector<std::string>> children_;
};

// 行政区划代码 (GB/T 2260; statistics codes in data/). Accepts 2, 4, 6 or 9 digits, or 6/12 digits with
// trailing zeros ("440300" = city 4403, "440000" = province 44); must exist in the table.
class DivisionCode {
 public:
  static Result<DivisionCode> Parse(std::string_view text, const DivisionTable& table);
  const std::string& str() const { return value_; }  // natural length: "44", "4403", "440305", "440305001"
  int level() const;                                 // 1..4
  // True if this code is `other` or lies below it ("440305" is within "4403").
  bool IsWithin(const DivisionCode& other) const;
  friend auto operator<=>(const DivisionCode&, const DivisionCode&) = default;

 private:
  explicit DivisionCode(std::string v) : value_(std::move(v)) {}
  std::string value_;
};

}  // namespace chemsafe
