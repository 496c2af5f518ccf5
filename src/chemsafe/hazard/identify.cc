#include "chemsafe/hazard/identify.h"

#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "chemsafe/catalogue/name_text.h"
#include "chemsafe/core/ids.h"

namespace chemsafe::hazard {
namespace {

using catalogue::Gb18218NamedSubstance;

bool PositiveFinite(double v) { return std::isfinite(v) && v > 0; }

std::string RowList(const std::vector<const Gb18218NamedSubstance*>& rows) {
  std::string out;
  for (const auto* r : rows) {
    if (!out.empty()) out += "; ";
    out += fmt::format("序号 {} {}", r->seq, r->name);
  }
  return out;
}

// GB 18218-2018 Table 1 rows naming the substance: by CAS, narrowed by name where several rows share a
// CAS (硝酸铵, 硝化纤维素); by name where there is no CAS.
Result<const Gb18218NamedSubstance*> Table1Row(const HoldingInput& h, const catalogue::Gb18218Tables& tables) {
  std::vector<const Gb18218NamedSubstance*> rows;
  if (!h.cas.empty()) {
    rows = tables.Table1ByCas(h.cas);
    if (rows.size() > 1 && !h.name.empty()) {
      // The row whose full name (with its qualifier) is the name given, else those matching it loosely.
      const std::string key = catalogue::NameKey(h.name);
      std::vector<const Gb18218NamedSubstance*> exact;
      for (const auto* r : rows) {
        if (catalogue::NameKey(r->name) == key) exact.push_back(r);
      }
      if (exact.size() == 1) return exact.front();
      // Else the row whose qualifier agrees longest with the name's ("硝酸铵[含可燃物＞0.2%,…其它添加剂]" of
      // the catalogue is Table 1 序号 43 "硝酸铵(含可燃物>0.2%,…其他添加剂)"), when one row agrees beyond
      // the common base name and further than every other row.
      const auto base = catalogue::BaseName(key).size();
      const Gb18218NamedSubstance* best = nullptr;
      std::size_t best_len = 0, second = 0;
      for (const auto* r : rows) {
        const std::string rk = catalogue::NameKey(r->name);
        std::size_t n = 0;
        while (n < rk.size() && n < key.size() && rk[n] == key[n]) ++n;
        if (n > best_len) {
          second = best_len;
          best_len = n;
          best = r;
        } else if (n > second) {
          second = n;
        }
      }
      if (best != nullptr && best_len > base + 1 && best_len > second) return best;
      std::vector<const Gb18218NamedSubstance*> by_name;
      for (const auto* r : tables.Table1ByName(h.name)) {
        for (const auto* c : rows) {
          if (c == r) by_name.push_back(r);
        }
      }
      if (!by_name.empty()) rows = by_name;
    }
  } else {
    rows = tables.Table1ByName(h.name);
    if (rows.size() > 1) {
      // Table1ByName also matches rows by their name without qualifier, so the full name of one of the
      // rows that share a base name (硝化纤维素 序号 37-42, 硝酸铵 序号 43-44) matches them all: the row
      // whose full name or alias is the name given is the one meant.
      const std::string key = catalogue::NameKey(h.name);
      std::vector<const Gb18218NamedSubstance*> exact;
      for (const auto* r : rows) {
        bool same = catalogue::NameKey(r->name) == key;
        for (const auto& alias : r->aliases) same = same || catalogue::NameKey(alias) == key;
        if (same) exact.push_back(r);
      }
      if (exact.size() == 1) return exact.front();
    }
  }
  if (rows.size() > 1) {
    return InvalidArgument(fmt::format("{}: {} matches several GB 18218-2018 Table 1 rows ({}): give the row's "
                                       "name to choose one",
                                       h.label, h.cas.empty() ? h.name : h.cas, RowList(rows)));
  }
  return rows.empty() ? nullptr : rows.front();
}

const catalogue::Chemical* FindChemicalAsGiven(const HoldingInput& h, const catalogue::Catalogue& catalogue) {
  if (!h.cas.empty()) {
    auto all = catalogue.FindAllByCas(h.cas);
    if (all.size() > 1 && !h.name.empty()) {
      if (const catalogue::Chemical* named = catalogue.FindByName(h.name)) {
        for (const auto* c : all) {
          if (c == named) return c;
        }
      }
    }
    return catalogue.FindByCas(h.cas);
  }
  return catalogue.FindByName(h.name);
}

const catalogue::Chemical* FindChemical(const HoldingInput& h, const catalogue::Catalogue& catalogue,
                                        const Gb18218NamedSubstance* row) {
  const catalogue::Chemical* found = FindChemicalAsGiven(h, catalogue);
  if (found != nullptr || row == nullptr) return found;
  // Named by its Table 1 name, which the catalogue may spell otherwise ("液化石油气(含丙烷、丁烷及其混合物)",
  // "甲烷,天然气"): the chemical of the row's CAS numbers, else of its name or aliases.
  for (const std::string& cas : row->cas_numbers) {
    if (const catalogue::Chemical* c = catalogue.FindByCas(cas)) return c;
  }
  if (const catalogue::Chemical* c = catalogue.FindByName(row->name)) return c;
  for (const std::string& alias : row->aliases) {
    if (const catalogue::Chemical* c = catalogue.FindByName(alias)) return c;
  }
  return nullptr;
}

// The Table 1 row that a catalogue entry itself is (by its CAS and name), when its CAS is shared by
// several rows and its name chooses one of them; nullptr otherwise.
const Gb18218NamedSubstance* OwnTable1Row(const catalogue::Chemical& chemical,
                                          const catalogue::Gb18218Tables& tables) {
  if (chemical.cas_numbers.empty() || tables.Table1ByCas(chemical.cas_numbers.front()).size() < 2) return nullptr;
  HoldingInput probe;
  probe.cas = chemical.cas_numbers.front();
  probe.name = chemical.name_zh;
  auto own = Table1Row(probe, tables);
  return own.ok() ? *own : nullptr;
}

// GB 18218-2018 Table 3: β of the named toxic gases, matched by the Table 1 name, the catalogue name
// and aliases, and the name given (each also without its qualifier: 氯化氢[无水] is 氯化氢). The name given
// counts only when neither Table 1 nor the catalogue identified the substance: a CAS number that did
// is not overridden by a name ({"cas": "71-43-2", "name": "氯"} is benzene, not chlorine's β 4).
std::optional<double> Table3Beta(const HoldingInput& h, const Gb18218NamedSubstance* row,
                                 const catalogue::Chemical* chemical, const catalogue::Gb18218Tables& tables,
                                 std::string* matched) {
  std::vector<std::string> names;
  if (row != nullptr) names.push_back(row->name);
  if (chemical != nullptr) {
    names.push_back(chemical->name_zh);
    names.insert(names.end(), chemical->aliases.begin(), chemical->aliases.end());
  }
  if (!h.name.empty() && row == nullptr && chemical == nullptr) names.push_back(h.name);
  for (const std::string& n : names) {
    const std::string key = catalogue::NameKey(n);
    for (std::string_view candidate : {std::string_view(key), catalogue::BaseName(key)}) {
      for (const auto& gas : tables.table3) {
        if (catalogue::NameKey(gas.name) == candidate) {
          *matched = gas.name;
          return gas.beta;
        }
      }
    }
  }
  return std::nullopt;
}

struct CategoryChoice {
  const catalogue::Gb18218Category* category = nullptr;
  double beta = 1;
  std::string reason;
};

// Of several categories, the one with the lowest Q (GB 18218-2018 §4.2.1: a substance with several
// hazard categories takes the lowest critical quantity); on equal Q the larger β.
Result<CategoryChoice> ChooseCategory(const HoldingInput& h, const std::vector<DerivedCategory>& categories,
                                      const catalogue::Gb18218Tables& tables) {
  CategoryChoice best;
  for (const auto& d : categories) {
    const auto* cat = tables.Table2BySymbol(d.symbol);
    if (cat == nullptr) {
      return InvalidArgument(fmt::format("{}: category {} is not in GB 18218-2018 Table 2", h.label, d.symbol));
    }
    auto beta = tables.BetaForCategory(d.symbol);
    if (!beta) {
      return InvalidArgument(fmt::format("{}: category {} has no β in GB 18218-2018 Table 4", h.label, d.symbol));
    }
    if (best.category == nullptr || cat->critical_quantity_t < best.category->critical_quantity_t ||
        (cat->critical_quantity_t == best.category->critical_quantity_t && *beta > best.beta)) {
      best.category = cat;
      best.beta = *beta;
      best.reason = d.reason;
    }
  }
  return best;
}

bool AtLeast(double value, double bound) {
  return value >= bound - std::abs(bound) * kBoundaryRelativeTolerance;
}

// Everything of a contribution but the quantity: Q, β, the category and how they were found.
Result<Contribution> Resolve(const HoldingInput& h, const catalogue::Catalogue& catalogue,
                             const catalogue::Gb18218Tables& tables) {
  Contribution c;
  c.label = h.label;
  if (h.cas.empty() && h.name.empty()) return InvalidArgument(h.label + ": needs cas or name");
  if (!h.cas.empty()) {
    auto cas = Cas::Parse(h.cas);
    if (!cas.ok()) return InvalidArgument(h.label + ".cas: " + cas.status().message());
    c.cas = cas->str();
  }
  HoldingInput holding = h;
  holding.cas = c.cas;

  CHEMSAFE_ASSIGN_OR_RETURN(const Gb18218NamedSubstance* row, Table1Row(holding, tables));
  const catalogue::Chemical* chemical = FindChemical(holding, catalogue, row);
  c.name = row != nullptr ? row->name : chemical != nullptr ? chemical->name_zh : h.name;
  if (c.cas.empty() && chemical != nullptr && !chemical->cas_numbers.empty()) c.cas = chemical->cas_numbers.front();

  // The Table 2 categories: given (always wins), else derived from the official classification.
  std::vector<DerivedCategory> categories;
  std::string gas;  // the Table 3 name matched, if any
  std::string other_form;  // why the catalogue's classification does not apply to the row, if it does not
  if (!h.category.empty()) {
    if (tables.Table2BySymbol(h.category) == nullptr) {
      return InvalidArgument(fmt::format("{}.category: \"{}\" is not a GB 18218-2018 Table 2 symbol (J1-J5, "
                                         "W1.1-W11)",
                                         h.label, h.category));
    }
    categories.push_back({h.category, "category " + h.category + " given"});
  } else if (chemical != nullptr && !(row != nullptr && Table3Beta(holding, row, chemical, tables, &gas))) {
    // A Table 1 substance that is a Table 3 gas has Q and β without a category: nothing to derive (and
    // nothing to fail on, such as a state the holding does not give).
    if (const Gb18218NamedSubstance* own = OwnTable1Row(*chemical, tables); row != nullptr && own != nullptr &&
                                                                            own != row) {
      // Table 1 rows sharing a CAS are different forms of the substance (硝酸铵 序号 43 is an explosive,
      // 序号 44 an oxidizer): the catalogue entry classifies the form of its own row only, so it says
      // nothing of the category of this row's form.
      other_form = fmt::format("the catalogue classifies {} (Table 1 序号 {}), not this row's form", chemical->name_zh,
                               own->seq);
    } else {
      CHEMSAFE_ASSIGN_OR_RETURN(categories, DeriveCategories(*chemical, holding));
    }
  }
  if (row == nullptr && chemical == nullptr && h.category.empty()) {
    return InvalidArgument(fmt::format("{}: {} is neither in GB 18218-2018 Table 1 nor in the catalogue; give its "
                                       "Table 2 category",
                                       h.label, h.cas.empty() ? h.name : h.cas));
  }

  std::string derivation;
  std::optional<CategoryChoice> choice;
  if (!categories.empty()) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto chosen, ChooseCategory(holding, categories, tables));
    choice = chosen;
  }
  // Q: GB 18218-2018 §4.2.1 — Table 1 for the substances named there, Table 2 for the others.
  if (row != nullptr) {
    c.basis = "table1";
    c.table1_seq = row->seq;
    c.critical_quantity_t = row->critical_quantity_t;
    derivation = fmt::format("Q = {} t from Table 1 序号 {} {}", row->critical_quantity_t, row->seq, row->name);
  } else {
    if (!choice && chemical != nullptr && !chemical->classifications.empty()) {
      // Not in Table 1, and none of its official hazard classes is a Table 2 category (e.g. corrosives
      // such as 硫酸, 氢氧化钠): GB 18218-2018 does not count it (§4.2.1). Determined, not guessed.
      c.basis = std::string(kNotApplicable);
      c.critical_quantity_t = 0;
      c.beta = 0;
      std::string classes;
      for (const auto& cl : chemical->classifications) classes += (classes.empty() ? "" : "; ") + cl.text;
      c.derivation = fmt::format("not in Table 1 and no Table 2 category in its classification ({}): not counted",
                                 classes);
      return c;
    }
    if (!choice) {
      return InvalidArgument(fmt::format("{}: {} is not in GB 18218-2018 Table 1 and its hazard classification is "
                                         "unknown; give its Table 2 category",
                                         h.label, c.name));
    }
    c.basis = "table2";
    c.category = choice->category->symbol;
    c.critical_quantity_t = choice->category->critical_quantity_t;
    derivation = fmt::format("Q = {} t from Table 2 {} ({})", c.critical_quantity_t, c.category, choice->reason);
  }
  // β: Table 3 for the named toxic gases, else Table 4 by the category (the one that supplied Q, or for a
  // Table 1 substance the category its classification gives).
  if (auto beta = Table3Beta(holding, row, chemical, tables, &gas)) {
    c.beta = *beta;
    c.beta_source = "table3";
    derivation += fmt::format("; β = {} from Table 3 ({})", c.beta, gas);
  } else if (choice) {
    c.beta = choice->beta;
    c.beta_source = "table4";
    if (c.category.empty()) c.category = choice->category->symbol;
    derivation += row != nullptr ? fmt::format("; β = {} from Table 4 {} ({})", c.beta, choice->category->symbol,
                                               choice->reason)
                                 : fmt::format("; β = {} from Table 4 {}", c.beta, c.category);
  } else {
    // GB 18218-2018 §4.3: β comes from Table 3 or, by category, from Table 4; neither applies.
    return InvalidArgument(fmt::format("{}: {} (Table 1 序号 {}) is not a Table 3 gas and {}, so β (Table 4) is "
                                       "unknown; give its category",
                                       h.label, c.name, row->seq,
                                       chemical == nullptr   ? "is not in the catalogue to derive its Table 2 category"
                                       : !other_form.empty() ? other_form
                                                             : "no Table 2 category follows from its classification"));
  }
  c.derivation = std::move(derivation);
  return c;
}

std::string CacheKey(const HoldingInput& h) {
  std::string k = h.cas;
  k += '\x1f';
  k += h.name;
  k += '\x1f';
  k += h.category;
  k += '\x1f';
  k += h.state ? static_cast<char>('0' + static_cast<int>(*h.state)) : '-';
  k += h.special_conditions ? '1' : '0';
  k += '\x1f';
  if (h.boiling_point_c) k += fmt::format("{}", *h.boiling_point_c);
  k += '\x1f';
  if (h.operating_temperature_c) k += fmt::format("{}", *h.operating_temperature_c);
  return k;
}

}  // namespace

Result<HoldingQuantity> QuantityOf(std::string_view label, std::optional<double> quantity_t,
                                   std::optional<double> volume_m3, std::optional<double> density_t_m3) {
  auto problem = [&](std::string_view what) { return InvalidArgument(fmt::format("{}{}", label, what)); };
  if (quantity_t && (volume_m3 || density_t_m3)) {
    return problem(": give quantity_t, or volume_m3 with density_t_m3, not both");
  }
  if (quantity_t) {
    if (!PositiveFinite(*quantity_t)) return problem(".quantity_t: must be a positive number");
    return HoldingQuantity{*quantity_t, kFromMass};
  }
  if (volume_m3 || density_t_m3) {
    if (!volume_m3) return problem(".volume_m3: missing (a density needs a volume)");
    if (!density_t_m3) return problem(".density_t_m3: missing (a volume needs its density)");
    if (!PositiveFinite(*volume_m3)) return problem(".volume_m3: must be a positive number");
    if (!PositiveFinite(*density_t_m3)) return problem(".density_t_m3: must be a positive number");
    return HoldingQuantity{*volume_m3 * *density_t_m3, kFromVolume};
  }
  return problem(": needs quantity_t, or volume_m3 with density_t_m3");
}

Result<Contribution> ResolveSubstance(const HoldingInput& holding, const catalogue::Catalogue& catalogue,
                                      const catalogue::Gb18218Tables& tables) {
  return Resolve(holding, catalogue, tables);
}

Result<double> AlphaFor(std::string_view unit_id, int exposed_population_500m, const catalogue::Gb18218Tables& tables) {
  if (exposed_population_500m < 0) {
    return InvalidArgument(fmt::format("unit {}: exposed_population_500m must be 0 or more", unit_id));
  }
  // GB 18218-2018 Table 5: α by the people within 500 m.
  auto alpha = tables.AlphaForPopulation(exposed_population_500m);
  if (!alpha) {
    return InvalidArgument(fmt::format("unit {}: no Table 5 band for {} people", unit_id, exposed_population_500m));
  }
  return *alpha;
}

Result<Assessment> Conclude(std::string_view unit_id, int exposed_population_500m, QuantityBasis basis,
                            const RatioSums& sums, const catalogue::Gb18218Tables& tables) {
  Assessment a;
  a.id = std::string(unit_id);
  a.edition = tables.edition;
  a.basis = basis;
  a.exposed_population_500m = exposed_population_500m;
  CHEMSAFE_ASSIGN_OR_RETURN(a.alpha, AlphaFor(unit_id, exposed_population_500m, tables));
  a.sum_ratio = sums.sum_ratio;
  a.r = a.alpha * sums.weighted_ratio;  // §4.3 formula (2)
  a.major_hazard = AtLeast(a.sum_ratio, 1.0);
  if (a.major_hazard) {
    // Table 6, with R nudged onto a boundary it is within tolerance of (kBoundaryRelativeTolerance).
    double r = a.r;
    for (const auto& band : tables.table6) {
      if (band.r_min_inclusive && r < *band.r_min_inclusive && AtLeast(r, *band.r_min_inclusive)) {
        r = *band.r_min_inclusive;
      }
    }
    a.grade = tables.GradeForR(r);
    if (!a.grade) return Internal(fmt::format("unit {}: no Table 6 band for R = {}", unit_id, a.r));
  }
  return a;
}

std::string_view QuantityBasisCode(QuantityBasis b) {
  switch (b) {
    case QuantityBasis::kDesignMaximum: return "design_maximum";
    case QuantityBasis::kActual: return "actual";
  }
  return "";
}

struct ResolutionCache::Entries {
  std::unordered_map<std::string, Result<Contribution>> by_key;
};
ResolutionCache::ResolutionCache() : entries_(std::make_unique<Entries>()) {}
ResolutionCache::~ResolutionCache() = default;

Result<Assessment> AssessUnit(const UnitInput& unit, const catalogue::Catalogue& catalogue,
                              const catalogue::Gb18218Tables& tables, ResolutionCache* cache) {
  // The unit's own inputs are checked before its holdings'.
  CHEMSAFE_RETURN_IF_ERROR(AlphaFor(unit.id, unit.exposed_population_500m, tables).status());
  RatioSums sums;
  std::vector<Contribution> contributions, excluded;
  for (const HoldingInput& h : unit.holdings) {
    Contribution c;
    if (cache != nullptr) {
      auto& map = cache->entries().by_key;
      std::string key = CacheKey(h);
      auto it = map.find(key);
      if (it == map.end()) it = map.emplace(std::move(key), Resolve(h, catalogue, tables)).first;
      if (!it->second.ok()) {
        // The cached error names the holding it was first found for: resolve again to name this one.
        auto again = Resolve(h, catalogue, tables);
        return again.ok() ? Internal("inconsistent resolution cache") : again.status();
      }
      c = it->second.value();
      c.label = h.label;
    } else {
      CHEMSAFE_ASSIGN_OR_RETURN(c, Resolve(h, catalogue, tables));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(auto q, QuantityOf(h.label, h.quantity_t, h.volume_m3, h.density_t_m3));
    c.quantity_t = q.tonnes;
    c.quantity_from = std::string(q.from);
    if (c.basis == kNotApplicable) {
      c.ratio = 0;
      excluded.push_back(std::move(c));
      continue;
    }
    c.ratio = c.quantity_t / c.critical_quantity_t;
    sums.Add(c.ratio, c.beta);
    contributions.push_back(std::move(c));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(Assessment a, Conclude(unit.id, unit.exposed_population_500m, unit.basis, sums, tables));
  a.contributions = std::move(contributions);
  a.excluded = std::move(excluded);
  return a;
}

}  // namespace chemsafe::hazard
