#include "chemsafe/catalogue/catalogue.h"

#include <algorithm>
#include <unordered_set>

#include "chemsafe/catalogue/name_text.h"
#include "chemsafe/core/ids.h"

namespace chemsafe::catalogue {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string_view RegulatoryListCode(RegulatoryList list) {
  switch (list) {
    case RegulatoryList::kHazardousChemicalsCatalogue: return "hazardous_chemicals_catalogue";
    case RegulatoryList::kHighlyToxic: return "highly_toxic";
    case RegulatoryList::kExplosivePrecursors: return "explosive_precursors";
    case RegulatoryList::kKeySupervised: return "key_supervised";
    case RegulatoryList::kSpeciallyControlled: return "specially_controlled";
    case RegulatoryList::kHighHazard: return "high_hazard";
  }
  return "";
}

Catalogue::Catalogue() = default;
Catalogue::Catalogue(Catalogue&&) noexcept = default;
Catalogue& Catalogue::operator=(Catalogue&&) noexcept = default;
Catalogue::~Catalogue() = default;

Catalogue::Catalogue(const Catalogue& other)
    : edition_(other.edition_), gb18218_(other.gb18218_), lists_(other.lists_) {
  chemicals_.reserve(other.chemicals_.size());
  for (const auto& c : other.chemicals_) chemicals_.push_back(std::make_unique<Chemical>(*c));
  Reindex();
}

Catalogue& Catalogue::operator=(const Catalogue& other) {
  if (this != &other) *this = Catalogue(other);
  return *this;
}

void Catalogue::Index(std::size_t i) {
  const Chemical& c = *chemicals_[i];
  by_key_[c.key] = i;
  std::unordered_set<std::string> seen;
  auto add = [&](auto& map, std::string k) {
    if (k.empty()) return;
    auto& v = map[k];
    if (std::find(v.begin(), v.end(), i) == v.end()) v.push_back(i);
  };
  for (const auto& cas : c.cas_numbers) add(by_cas_, cas);
  for (const auto& s : c.sub_entries) {
    for (const auto& cas : s.cas_numbers) add(by_cas_, cas);
  }
  for (const auto& un : c.un_numbers) add(by_un_, un);
  const std::string name_key = NameKey(c.name_zh);
  add(by_name_, name_key);
  add(by_base_, std::string(BaseName(name_key)));
  for (const auto& a : c.aliases) add(by_alias_, NameKey(a));
}

void Catalogue::Reindex() {
  by_key_.clear();
  by_cas_.clear();
  by_un_.clear();
  by_name_.clear();
  by_alias_.clear();
  by_base_.clear();
  for (std::size_t i = 0; i < chemicals_.size(); ++i) Index(i);
}

void Catalogue::Add(Chemical c) {
  auto it = by_key_.find(c.key);
  if (it != by_key_.end()) {
    *chemicals_[it->second] = std::move(c);
    Reindex();
    return;
  }
  chemicals_.push_back(std::make_unique<Chemical>(std::move(c)));
  Index(chemicals_.size() - 1);
}

const Chemical* Catalogue::FindByKey(std::string_view key) const {
  auto it = by_key_.find(std::string(key));
  return it == by_key_.end() ? nullptr : chemicals_[it->second].get();
}

std::vector<const Chemical*> Catalogue::FindAllByCas(std::string_view cas) const {
  std::vector<const Chemical*> out;
  auto it = by_cas_.find(std::string(TrimSpaces(cas)));
  if (it == by_cas_.end()) return out;
  for (std::size_t i : it->second) out.push_back(chemicals_[i].get());
  return out;
}

const Chemical* Catalogue::FindByCas(std::string_view cas) const {
  cas = TrimSpaces(cas);
  if (const Chemical* keyed = FindByKey(cas)) return keyed;
  auto all = FindAllByCas(cas);
  // Prefer a chemical listing it as its own CAS number over one listing it for a sub-entry only.
  for (const Chemical* c : all) {
    if (std::find(c->cas_numbers.begin(), c->cas_numbers.end(), cas) != c->cas_numbers.end()) return c;
  }
  return all.empty() ? nullptr : all.front();
}

const Chemical* Catalogue::FindByName(std::string_view name) const {
  const std::string key = NameKey(name);
  if (key.empty()) return nullptr;
  if (auto it = by_name_.find(key); it != by_name_.end()) return chemicals_[it->second.front()].get();
  if (auto it = by_alias_.find(key); it != by_alias_.end()) return chemicals_[it->second.front()].get();
  if (auto it = by_base_.find(key); it != by_base_.end() && it->second.size() == 1) {
    return chemicals_[it->second.front()].get();
  }
  return nullptr;
}

std::size_t Catalogue::size() const { return chemicals_.size(); }

std::vector<const Chemical*> Catalogue::chemicals() const {
  std::vector<const Chemical*> out;
  out.reserve(chemicals_.size());
  for (const auto& c : chemicals_) out.push_back(c.get());
  return out;
}

const ListInfo* Catalogue::list(RegulatoryList l) const {
  for (const auto& info : lists_) {
    if (info.list == l) return &info;
  }
  return nullptr;
}

std::vector<Match> Catalogue::Search(std::string_view raw_query) const {
  const std::string query = NarrowText(raw_query);
  std::vector<Match> out;
  if (query.empty()) return out;
  std::unordered_set<std::size_t> taken;
  auto take = [&](std::size_t i, int rank, std::string matched) {
    if (!taken.insert(i).second) return;
    out.push_back({chemicals_[i].get(), rank, std::move(matched)});
  };

  // CAS number: exact, nothing else (a CAS number is not part of any name).
  if (auto cas = Cas::Parse(query); cas.ok()) {
    const std::string& text = cas->str();
    if (const Chemical* keyed = FindByKey(text)) take(by_key_.at(keyed->key), 0, text);
    if (auto it = by_cas_.find(text); it != by_cas_.end()) {
      for (std::size_t i : it->second) take(i, 0, text);
    }
    return out;
  }
  // UN number: "1017" or "UN1017".
  {
    std::string digits;
    for (char ch : query) {
      if (ch != ' ') digits.push_back(ch);  // "UN 1017" as often printed on placards
    }
    if (digits.size() == 6 && (digits[0] == 'U' || digits[0] == 'u') && (digits[1] == 'N' || digits[1] == 'n')) {
      digits = digits.substr(2);
    }
    if (digits.size() == 4 && std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      if (auto it = by_un_.find(digits); it != by_un_.end()) {
        for (std::size_t i : it->second) take(i, 1, "UN" + digits);
      }
      if (!out.empty()) return out;
    }
  }

  const std::string key = NameKey(query);
  const std::string lower = Lower(query);
  if (auto it = by_name_.find(key); it != by_name_.end()) {
    for (std::size_t i : it->second) take(i, 2, chemicals_[i]->name_zh);
  }
  if (auto it = by_alias_.find(key); it != by_alias_.end()) {
    for (std::size_t i : it->second) take(i, 3, std::string(query));
  }
  // The slower tiers scan every chemical once per tier.
  struct Candidate {
    std::size_t index;
    int rank;
    std::string matched;
  };
  std::vector<Candidate> found;
  for (std::size_t i = 0; i < chemicals_.size(); ++i) {
    if (taken.count(i) != 0) continue;
    const Chemical& c = *chemicals_[i];
    int best = 100;
    std::string matched;
    auto consider = [&](int rank, const std::string& text) {
      if (rank < best) {
        best = rank;
        matched = text;
      }
    };
    for (const auto& s : c.sub_entries) {
      if (NameKey(s.name_zh) == key) consider(4, s.name_zh);
      for (const auto& a : s.aliases) {
        if (NameKey(a) == key) consider(4, a);
      }
      if (!s.name_en.empty() && Lower(s.name_en) == lower) consider(5, s.name_en);
    }
    if (!c.name_en.empty() && Lower(c.name_en) == lower) consider(5, c.name_en);
    const std::string name_key = NameKey(c.name_zh);
    if (BaseName(name_key) == key) consider(6, c.name_zh);
    for (const auto& a : c.aliases) {
      if (BaseName(NameKey(a)) == key) consider(6, a);
    }
    if (best > 7) {
      if (name_key.find(key) != std::string::npos) consider(7, c.name_zh);
      for (const auto& a : c.aliases) {
        if (NameKey(a).find(key) != std::string::npos) consider(7, a);
      }
    }
    if (best > 8) {
      for (const auto& s : c.sub_entries) {
        if (NameKey(s.name_zh).find(key) != std::string::npos) consider(8, s.name_zh);
      }
    }
    if (best > 9 && lower.size() >= 3) {
      if (!c.name_en.empty() && Lower(c.name_en).find(lower) != std::string::npos) consider(9, c.name_en);
      for (const auto& s : c.sub_entries) {
        if (!s.name_en.empty() && Lower(s.name_en).find(lower) != std::string::npos) consider(9, s.name_en);
      }
    }
    if (best < 100) found.push_back({i, best, std::move(matched)});
  }
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.matched.size() < b.matched.size();
  });
  for (auto& f : found) take(f.index, f.rank, std::move(f.matched));
  return out;
}

std::vector<const Chemical*> Catalogue::Find(std::string_view query) const {
  std::vector<const Chemical*> out;
  for (const Match& m : Search(query)) out.push_back(m.chemical);
  return out;
}

}  // namespace chemsafe::catalogue
