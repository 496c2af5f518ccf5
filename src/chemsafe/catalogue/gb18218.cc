#include "chemsafe/catalogue/gb18218.h"

#include <algorithm>

#include "chemsafe/catalogue/name_text.h"

namespace chemsafe::catalogue {

const Gb18218NamedSubstance* Gb18218Tables::Table1BySeq(int seq) const {
  for (const auto& row : table1) {
    if (row.seq == seq) return &row;
  }
  return nullptr;
}

std::vector<const Gb18218NamedSubstance*> Gb18218Tables::Table1ByCas(std::string_view cas) const {
  std::vector<const Gb18218NamedSubstance*> out;
  for (const auto& row : table1) {
    if (std::find(row.cas_numbers.begin(), row.cas_numbers.end(), cas) != row.cas_numbers.end()) out.push_back(&row);
  }
  return out;
}

std::vector<const Gb18218NamedSubstance*> Gb18218Tables::Table1ByName(std::string_view name) const {
  const std::string key = NameKey(name);
  const std::string base(BaseName(key));
  std::vector<const Gb18218NamedSubstance*> out;
  for (const auto& row : table1) {
    bool match = false;
    auto check = [&](std::string_view n) {
      const std::string k = NameKey(n);
      if (k == key || BaseName(k) == base) match = true;
    };
    check(row.name);
    for (const auto& a : row.aliases) check(a);
    if (match) out.push_back(&row);
  }
  return out;
}

const Gb18218Category* Gb18218Tables::Table2BySymbol(std::string_view symbol) const {
  for (const auto& row : table2) {
    if (row.symbol == symbol) return &row;
  }
  return nullptr;
}

std::optional<double> Gb18218Tables::BetaForToxicGas(std::string_view name) const {
  const std::string key = NameKey(name);
  for (const auto& row : table3) {
    if (NameKey(row.name) == key) return row.beta;
  }
  return std::nullopt;
}

std::optional<double> Gb18218Tables::BetaForCategory(std::string_view symbol) const {
  for (const auto& row : table4) {
    if (row.symbol == symbol) return row.beta;
  }
  return std::nullopt;
}

std::optional<double> Gb18218Tables::AlphaForPopulation(int people) const {
  for (const auto& band : table5) {
    if (people >= band.population_min && (!band.population_max || people <= *band.population_max)) return band.alpha;
  }
  return std::nullopt;
}

std::optional<int> Gb18218Tables::GradeForR(double r) const {
  for (const auto& band : table6) {
    if ((!band.r_min_inclusive || r >= *band.r_min_inclusive) && (!band.r_max_exclusive || r < *band.r_max_exclusive)) {
      return band.grade;
    }
  }
  return std::nullopt;
}

}  // namespace chemsafe::catalogue
