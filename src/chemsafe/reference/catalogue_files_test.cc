#include "chemsafe/reference/catalogue_files.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chemsafe/catalogue/entry_text.h"
#include "chemsafe/catalogue/name_text.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::reference {
namespace {

using catalogue::Chemical;
using catalogue::EntryItemKind;
using ::testing::HasSubstr;

const std::string kDataDir = CHEMSAFE_TEST_DATA_DIR;
const std::string kJson = kDataDir + "/cn_hazchem_catalogue/hazchem_catalogue_2015_classification.json";

// Loaded once per test process.
const catalogue::Catalogue& Shipped() {
  static const catalogue::Catalogue* cat = [] {
    auto loaded = LoadCatalogue(kDataDir);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new catalogue::Catalogue(loaded.ok() ? std::move(loaded).value() : catalogue::Catalogue());
  }();
  return *cat;
}

const RawCatalogue& Raw() {
  static const RawCatalogue* raw = [] {
    auto r = ReadCatalogueJson(kJson);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new RawCatalogue(r.ok() ? std::move(r).value() : RawCatalogue());
  }();
  return *raw;
}

const Chemical& Entry(int entry_no) {
  for (const Chemical* c : Shipped().chemicals()) {
    if (c->entry_no == entry_no) return *c;
  }
  ADD_FAILURE() << "no entry " << entry_no;
  static const Chemical kNone;
  return kNone;
}

TEST(LoadCatalogue, EveryEntryIsPresentOnce) {
  const auto& cat = Shipped();
  ASSERT_EQ(Raw().entries.size(), 2828u);  // 危险化学品目录 (2015): 2,828 entries
  std::vector<int> seen(2829, 0);
  std::set<std::string> keys;
  int listed = 0;
  for (const Chemical* c : cat.chemicals()) {
    EXPECT_TRUE(keys.insert(c->key).second) << "duplicate key " << c->key;
    if (!c->listed) continue;
    ++listed;
    ASSERT_GE(c->entry_no, 1);
    ASSERT_LE(c->entry_no, 2828);
    ++seen[static_cast<std::size_t>(c->entry_no)];
    EXPECT_EQ(c->name_zh, Raw().entries[static_cast<std::size_t>(c->entry_no - 1)].name);
  }
  ASSERT_EQ(listed, 2828);
  for (int n = 1; n <= 2828; ++n) EXPECT_EQ(seen[static_cast<std::size_t>(n)], 1) << "entry " << n;
  EXPECT_EQ(cat.edition(), "危险化学品目录（2015版，含2022柴油调整）");
}

TEST(LoadCatalogue, KeysAreTheFirstCasElseTheName) {
  const auto& cat = Shipped();
  EXPECT_EQ(Entry(1381).key, "7782-50-5");
  EXPECT_EQ(Entry(1570).key, "煤气");  // no CAS number
  // Entries 1475 氯化氢[无水] and 2507 盐酸 share 7647-01-0: the earlier entry is keyed by it.
  EXPECT_EQ(Entry(1475).key, "7647-01-0");
  EXPECT_EQ(Entry(2507).key, "盐酸");
  EXPECT_EQ(cat.FindByCas("7647-01-0")->entry_no, 1475);
  EXPECT_EQ(cat.FindAllByCas("7647-01-0").size(), 2u);
  // Entry 409 has its CAS numbers among the classification texts only.
  EXPECT_EQ(Entry(409).cas_numbers, (std::vector<std::string>{"22259-30-9", "23422-53-9"}));
  EXPECT_EQ(Entry(409).key, "22259-30-9");
  // Entry 789 钙 lists 7440-70-2 twice in the extraction.
  EXPECT_EQ(Entry(789).cas_numbers, std::vector<std::string>{"7440-70-2"});
}

// Every text item of the file ends up as something; the counts of the kinds that can be counted
// independently of the splitting (by exact text in the file) agree with it.
TEST(LoadCatalogue, EveryTextItemIsClassified) {
  std::map<EntryItemKind, int> kinds;
  std::size_t items = 0, highly_toxic_items = 0, footer_items = 0, stray_numbers = 0;
  for (const RawCatalogueEntry& e : Raw().entries) {
    auto t = catalogue::SplitEntryText(e.entry_no, e.name, e.classification_text);
    ASSERT_EQ(t.item_kinds.size(), e.classification_text.size()) << "entry " << e.entry_no;
    items += e.classification_text.size();
    for (std::size_t i = 0; i < t.item_kinds.size(); ++i) {
      ++kinds[t.item_kinds[i]];
      const std::string& text = e.classification_text[i];
      if (text == "剧毒") ++highly_toxic_items;
      if (text.rfind("PAGE", 0) == 0) ++footer_items;
      if (text == e.entry_no) ++stray_numbers;
      if (t.item_kinds[i] == EntryItemKind::kClassification || t.item_kinds[i] == EntryItemKind::kRepeatedClassification) {
        EXPECT_TRUE(catalogue::ParseClassification(text).ok()) << text;
      }
    }
  }
  EXPECT_EQ(items, 10799u);  // all text items of the file
  int total = 0;
  for (const auto& [kind, n] : kinds) total += n;
  EXPECT_EQ(static_cast<std::size_t>(total), items);
  EXPECT_EQ(highly_toxic_items, 148u);
  EXPECT_EQ(kinds[EntryItemKind::kHighlyToxicMarker], 148);
  EXPECT_EQ(footer_items, 1u);
  EXPECT_EQ(stray_numbers, 4u);  // "2828" four times inside entry 2828
  EXPECT_EQ(kinds[EntryItemKind::kPageArtifact], 5);
  // Every item that parses as a classification (outside the notes of entry 2828) is taken as one.
  std::size_t parsable = 0;
  for (const RawCatalogueEntry& e : Raw().entries) {
    bool notes = false;
    for (const auto& text : e.classification_text) {
      if (catalogue::NarrowText(text) == "注:") notes = true;
      if (!notes && catalogue::ParseClassification(text).ok()) ++parsable;
    }
  }
  EXPECT_EQ(static_cast<std::size_t>(kinds[EntryItemKind::kClassification] + kinds[EntryItemKind::kRepeatedClassification]),
            parsable);
  // Sub-entries: their names, English names and aliases.
  EXPECT_GT(kinds[EntryItemKind::kSubEntryName], 88);
  EXPECT_EQ(kinds[EntryItemKind::kEntryAlias], 1);   // entry 279 蒽油乳膏
  EXPECT_EQ(kinds[EntryItemKind::kEntryCas], 3);     // entries 409, 666 and 2446
  for (const auto& [kind, n] : kinds) {
    RecordProperty(std::string(catalogue::EntryItemKindCode(kind)), n);
  }
}

TEST(LoadCatalogue, HighlyToxicAre148) {
  int n = 0;
  for (const Chemical* c : Shipped().chemicals()) n += c->highly_toxic ? 1 : 0;
  EXPECT_EQ(n, 148);  // 危险化学品目录 (2015): 148 entries marked 剧毒
  const auto* info = Shipped().list(catalogue::RegulatoryList::kHighlyToxic);
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->entries_shipped, 148);
  EXPECT_FALSE(info->partial);
}

TEST(LoadCatalogue, EntriesWithoutClassificationText) {
  int empty = 0;
  for (const RawCatalogueEntry& e : Raw().entries) {
    if (!e.classification_text.empty()) continue;
    ++empty;
    const Chemical& c = Entry(std::stoi(e.entry_no));
    EXPECT_TRUE(c.classifications.empty());
    EXPECT_TRUE(c.sub_entries.empty());
    EXPECT_TRUE(c.listed);
  }
  EXPECT_EQ(empty, 45);  // data/PROVENANCE.md §13 (b)
  EXPECT_EQ(Entry(2360).name_zh, "D型2-重氮-1-萘酚磺酸酯混合物");
  EXPECT_TRUE(Entry(2360).classifications.empty());
}

TEST(LoadCatalogue, Entry1630GasolineWithEthanolAndMethanolGasoline) {
  const Chemical& c = Entry(1630);
  EXPECT_EQ(c.name_zh, "汽油");
  EXPECT_EQ(c.key, "86290-81-5");
  ASSERT_EQ(c.classifications.size(), 6u);
  EXPECT_EQ(catalogue::FormatClassification(c.classifications[0]), "易燃液体,类别2*");
  EXPECT_TRUE(c.classifications[0].minimum_classification);
  ASSERT_EQ(c.sub_entries.size(), 2u);
  EXPECT_EQ(c.sub_entries[0].name_zh, "乙醇汽油");
  EXPECT_EQ(c.sub_entries[0].name_en, "ethanol gasoline");
  EXPECT_EQ(c.sub_entries[0].classifications.size(), 6u);
  EXPECT_EQ(c.sub_entries[1].name_zh, "甲醇汽油");
  EXPECT_EQ(c.sub_entries[1].name_en, "methanol gasoline");
  ASSERT_EQ(c.sub_entries[1].classifications.size(), 7u);
  EXPECT_EQ(c.sub_entries[1].classifications[3].hazard_class, catalogue::HazardClass::kStotSingleExposure);
  EXPECT_TRUE(c.notes.empty());
  EXPECT_EQ(Shipped().Find("乙醇汽油").at(0)->entry_no, 1630);
  EXPECT_EQ(Shipped().Find("methanol gasoline").at(0)->entry_no, 1630);
}

TEST(LoadCatalogue, Entry2828ProductFamiliesAndNotes) {
  const Chemical& c = Entry(2828);
  // The three flash-point bands of the entry; the first band's condition line was lost on the first
  // page and is restored from its repetition at the page breaks.
  ASSERT_EQ(c.classifications.size(), 3u);
  EXPECT_EQ(c.classifications[0].condition, "闪点＜23℃和初沸点≤35℃");
  EXPECT_EQ(c.classifications[0].category, "1");
  EXPECT_EQ(c.classifications[1].condition, "闪点＜23℃和初沸点＞35℃");
  EXPECT_EQ(c.classifications[2].condition, "23℃≤闪点≤60℃");
  ASSERT_EQ(c.sub_entries.size(), 88u);  // 常见品种 1..88
  EXPECT_EQ(c.sub_entries[0].name_zh, "氨基树脂涂料");
  EXPECT_EQ(c.sub_entries[0].aliases, std::vector<std::string>{"氨基树脂漆"});
  EXPECT_EQ(c.sub_entries[0].name_en, "amino resin paints; amino resin coatings");
  EXPECT_EQ(c.sub_entries[80].name_zh, "洗油");
  EXPECT_EQ(c.sub_entries[80].aliases, (std::vector<std::string>{"亮光油", "亮油", "上光油"}));
  EXPECT_EQ(c.sub_entries[87].name_zh, "硬脂酰氯化铬");
  EXPECT_EQ(c.sub_entries[87].aliases, std::vector<std::string>{"防水剂CR"});
  for (const auto& s : c.sub_entries) {
    EXPECT_TRUE(s.classifications.empty()) << s.name_zh;
    EXPECT_FALSE(s.name_en.empty()) << s.name_zh;
  }
  EXPECT_THAT(c.notes, ::testing::Contains("注："));
  EXPECT_THAT(c.notes, ::testing::Contains("健康危害和环境危害需根据组分进行判断。"));
  for (const auto& n : c.notes) EXPECT_EQ(n.find("MERGEFORMAT"), std::string::npos) << n;
  EXPECT_EQ(Shipped().Find("香蕉水").at(0)->entry_no, 2828);
}

TEST(LoadCatalogue, ConditionsAndSubEntriesElsewhere) {
  const Chemical& hf = Entry(1216);  // 金属铪粉: dry / wet
  ASSERT_EQ(hf.classifications.size(), 4u);
  EXPECT_EQ(hf.classifications[0].condition, "干的");
  EXPECT_EQ(hf.classifications[3].condition, "湿的");
  const Chemical& naoh = Entry(1669);
  ASSERT_EQ(naoh.sub_entries.size(), 1u);
  EXPECT_EQ(naoh.sub_entries[0].name_zh, "氢氧化钠溶液[含量≥30%]");
  const Chemical& ammonium_nitrate = Entry(2286);
  ASSERT_EQ(ammonium_nitrate.sub_entries.size(), 1u);
  EXPECT_EQ(ammonium_nitrate.sub_entries[0].name_zh, "硝酸铵[含可燃物≤0.2%]");
  EXPECT_EQ(ammonium_nitrate.sub_entries[0].classifications[0].hazard_class, catalogue::HazardClass::kOxidizingSolids);
  const Chemical& emulsion = Entry(279);
  EXPECT_EQ(emulsion.aliases, std::vector<std::string>{"蒽油乳剂"});
  EXPECT_EQ(emulsion.name_en, "anthracene oil emulsion");
}

TEST(LoadCatalogue, ChlorineWithItsGb18218Row) {
  const auto& cat = Shipped();
  const Chemical* cl = cat.FindByCas("7782-50-5");
  ASSERT_NE(cl, nullptr);
  EXPECT_EQ(cl->name_zh, "氯");
  EXPECT_TRUE(cl->highly_toxic);
  ASSERT_EQ(cl->gb18218_table1.size(), 1u);
  EXPECT_EQ(cl->gb18218_table1[0].seq, 12);
  EXPECT_DOUBLE_EQ(cl->gb18218_table1[0].critical_quantity_t, 5);  // GB 18218-2018 Table 1 row 12: 5 t
  EXPECT_EQ(cl->name_en, "chlorine");
  EXPECT_EQ(cl->un_numbers, std::vector<std::string>{"1017"});
  EXPECT_EQ(cat.FindByName("液氯"), cl);
  EXPECT_EQ(cat.Find("液氯").at(0), cl);
  EXPECT_EQ(cat.Find("chlorine").at(0), cl);
  EXPECT_EQ(cat.Find("Chlorine").at(0), cl);
  EXPECT_EQ(cat.Find("UN1017").at(0), cl);
  EXPECT_EQ(cat.Find("1017").at(0), cl);
  EXPECT_EQ(cat.Find("7782-50-5").at(0), cl);
  EXPECT_EQ(cat.Find("氯").at(0), cl);
  EXPECT_TRUE(cl->key_supervised);
  EXPECT_TRUE(cl->specially_controlled);
}

TEST(LoadCatalogue, SodiumCyanideIsHighlyToxic) {
  const Chemical* c = Shipped().FindByCas("143-33-9");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name_zh, "氰化钠");
  EXPECT_TRUE(c->highly_toxic);
  EXPECT_TRUE(c->high_hazard);
  EXPECT_TRUE(c->specially_controlled);
  EXPECT_EQ(c->un_numbers, std::vector<std::string>{"1689"});
  EXPECT_TRUE(c->gb18218_table1.empty());  // not named in Table 1: Table 2 by its classification
}

TEST(LoadCatalogue, AmmoniumNitrateAndNitrocelluloseKeepTheirTable1RowsDistinct) {
  const auto& cat = Shipped();
  const Chemical* an = cat.FindByCas("6484-52-2");
  ASSERT_NE(an, nullptr);
  ASSERT_EQ(an->gb18218_table1.size(), 2u);
  EXPECT_EQ(an->gb18218_table1[0].seq, 43);
  EXPECT_DOUBLE_EQ(an->gb18218_table1[0].critical_quantity_t, 5);   // Table 1 row 43
  EXPECT_EQ(an->gb18218_table1[1].seq, 44);
  EXPECT_DOUBLE_EQ(an->gb18218_table1[1].critical_quantity_t, 50);  // Table 1 row 44
  EXPECT_TRUE(an->explosive_precursor);
  EXPECT_TRUE(an->high_hazard);
  EXPECT_EQ(cat.FindByName("硝酸铵"), an);
  EXPECT_EQ(cat.Find("硝酸铵").at(0), an);
  const Chemical* fertilizer = cat.FindByName("硝酸铵肥料");
  ASSERT_NE(fertilizer, nullptr);
  EXPECT_EQ(fertilizer->entry_no, 2287);
  ASSERT_EQ(fertilizer->gb18218_table1.size(), 1u);  // joined by name: row 45 has no CAS
  EXPECT_EQ(fertilizer->gb18218_table1[0].seq, 45);
  const Chemical* nc = cat.FindByCas("9004-70-0");
  ASSERT_NE(nc, nullptr);
  EXPECT_EQ(nc->gb18218_table1.size(), 6u);  // rows 37-42
}

TEST(LoadCatalogue, EveryTable1RowIsLinked) {
  const auto& cat = Shipped();
  std::set<int> linked;
  for (const Chemical* c : cat.chemicals()) {
    for (const auto& row : c->gb18218_table1) linked.insert(row.seq);
  }
  EXPECT_EQ(linked.size(), 85u);
  EXPECT_EQ(cat.gb18218().table1.size(), 85u);
  // 煤气 (row 13) by name; 烷基铝 (row 74) is not an entry of the catalogue: findable, not listed.
  const Chemical* gas = cat.FindByKey("煤气");
  ASSERT_NE(gas, nullptr);
  ASSERT_EQ(gas->gb18218_table1.size(), 1u);
  EXPECT_EQ(gas->gb18218_table1[0].seq, 13);
  const Chemical* alkyl = cat.FindByName("烷基铝");
  ASSERT_NE(alkyl, nullptr);
  EXPECT_FALSE(alkyl->listed);
  EXPECT_EQ(alkyl->gb18218_table1.at(0).seq, 74);
  EXPECT_EQ(cat.Find("三烷基铝").at(0), alkyl);
  // Shared CAS numbers go to the entry of the same name: row 25 氰化氢 is entry 1693, not 1664 氢氰酸.
  const Chemical* hcn = cat.FindByName("氰化氢");
  ASSERT_NE(hcn, nullptr);
  EXPECT_EQ(hcn->entry_no, 1693);
  EXPECT_EQ(hcn->gb18218_table1.at(0).seq, 25);
  EXPECT_TRUE(Entry(1664).gb18218_table1.empty());
  // Row 52 液化石油气 also names propane and butane by CAS.
  EXPECT_EQ(cat.FindByCas("74-98-6")->gb18218_table1.at(0).seq, 52);
  EXPECT_EQ(cat.FindByCas("68476-85-7")->gb18218_table1.at(0).seq, 52);
}

TEST(LoadCatalogue, RegulatoryListsArePartialAndSaySo) {
  const auto& cat = Shipped();
  ASSERT_EQ(cat.lists().size(), 6u);
  const auto* catalogue_info = cat.list(catalogue::RegulatoryList::kHazardousChemicalsCatalogue);
  ASSERT_NE(catalogue_info, nullptr);
  EXPECT_FALSE(catalogue_info->partial);
  EXPECT_EQ(catalogue_info->entries_total, 2828);
  for (auto l : {catalogue::RegulatoryList::kExplosivePrecursors, catalogue::RegulatoryList::kKeySupervised,
                 catalogue::RegulatoryList::kSpeciallyControlled, catalogue::RegulatoryList::kHighHazard}) {
    const auto* info = cat.list(l);
    ASSERT_NE(info, nullptr) << catalogue::RegulatoryListCode(l);
    EXPECT_TRUE(info->partial);
    EXPECT_FALSE(info->name.empty());
    EXPECT_FALSE(info->edition.empty());
    EXPECT_FALSE(info->source.empty());
    EXPECT_GT(info->entries_shipped, 0);
  }
  EXPECT_EQ(cat.list(catalogue::RegulatoryList::kExplosivePrecursors)->entries_total, 74);
  EXPECT_EQ(cat.list(catalogue::RegulatoryList::kSpeciallyControlled)->entries_total, 20);
  EXPECT_TRUE(cat.FindByCas("7697-37-2")->explosive_precursor);  // 硝酸
  EXPECT_TRUE(cat.FindByCas("3811-04-9")->explosive_precursor);  // 氯酸钾
  EXPECT_FALSE(cat.FindByCas("71-43-2")->explosive_precursor);   // 苯
  EXPECT_TRUE(cat.FindByCas("71-43-2")->key_supervised);
  EXPECT_TRUE(cat.FindByCas("8006-14-2")->specially_controlled);  // 液化天然气
  EXPECT_TRUE(cat.FindByCas("74-82-8")->key_supervised);           // 甲烷、天然气 names both
  // The lists' names become aliases where a row names one chemical.
  EXPECT_EQ(cat.FindByName("液化天然气"), cat.FindByCas("8006-14-2"));
  EXPECT_EQ(cat.FindByName("双氧水"), cat.FindByCas("7722-84-1"));
  EXPECT_EQ(cat.FindByName("原油"), cat.FindByCas("8002-05-9"));
  EXPECT_EQ(cat.FindByName("甲烷、天然气"), nullptr);  // names two chemicals: no alias
  int explosive = 0;
  for (const Chemical* c : cat.chemicals()) explosive += c->explosive_precursor ? 1 : 0;
  EXPECT_EQ(explosive, cat.list(catalogue::RegulatoryList::kExplosivePrecursors)->entries_shipped);
}

// Reads a CSV into rows of cells (header included).
std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::vector<std::vector<std::string>> out;
  auto reader = tabular::OpenCsv(path);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return out;
  tabular::Row row;
  for (;;) {
    auto more = (*reader)->Next(row);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    out.push_back(row.cells);
  }
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Every UN number of chemical_identifiers.csv exists in ADR 2017 Table A, and its ADR name contains
// a word (4 letters or more) of the English name given for it.
TEST(ChemicalIdentifiers, UnNumbersMatchAdr2017TableA) {
  std::map<std::string, std::vector<std::string>> adr;
  auto adr_rows = ReadCsv(kDataDir + "/transport_dangerous_goods/adr2017_table_a.csv");
  ASSERT_GT(adr_rows.size(), 2000u);
  for (std::size_t i = 1; i < adr_rows.size(); ++i) adr[adr_rows[i][0]].push_back(Upper(adr_rows[i][1]));
  auto rows = ReadCsv(kDataDir + "/catalogue/chemical_identifiers.csv");
  ASSERT_GT(rows.size(), 100u);
  ASSERT_EQ(rows[0], (std::vector<std::string>{"cas", "name_zh", "name_en", "un_numbers", "source"}));
  int checked = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), 5u) << "row " << i + 1;
    EXPECT_FALSE(r[4].empty()) << "row " << i + 1 << " has no source";
    std::vector<std::string> words;
    std::string w;
    for (char ch : Upper(r[2]) + " ") {
      if (ch >= 'A' && ch <= 'Z') {
        w.push_back(ch);
      } else {
        if (w.size() >= 4) words.push_back(w);
        w.clear();
      }
    }
    for (const auto& un : catalogue::SplitList(r[3])) {
      auto it = adr.find(un);
      ASSERT_NE(it, adr.end()) << "UN" << un << " (" << r[2] << ") is not in ADR 2017 Table A";
      bool plausible = false;
      for (const auto& name : it->second) {
        for (const auto& word : words) plausible = plausible || name.find(word) != std::string::npos;
      }
      EXPECT_TRUE(plausible) << "UN" << un << " is \"" << it->second[0] << "\" in ADR, not " << r[2];
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(ChemicalIdentifiers, CommonChemicalsHaveUnNumbers) {
  const auto& cat = Shipped();
  const std::map<std::string, std::string> expected = {
      {"68476-85-7", "1075"}, {"7664-41-7", "1005"}, {"67-56-1", "1230"}, {"86290-81-5", "1203"},
      {"71-43-2", "1114"},    {"108-88-3", "1294"},  {"151-50-8", "1680"}, {"1333-74-0", "1049"},
      {"7664-93-9", "1830"},  {"7697-37-2", "2031"}, {"67-64-1", "1090"},  {"64-17-5", "1170"},
      {"68334-30-5", "1202"}};  // UN Model Regulations, Dangerous Goods List
  for (const auto& [cas, un] : expected) {
    const Chemical* c = cat.FindByCas(cas);
    ASSERT_NE(c, nullptr) << cas;
    EXPECT_THAT(c->un_numbers, ::testing::Contains(un)) << cas;
    EXPECT_FALSE(c->name_en.empty()) << cas;
  }
  EXPECT_THAT(cat.FindByKey("盐酸")->un_numbers, ::testing::ElementsAre("1789"));
  EXPECT_THAT(cat.FindByKey("7647-01-0")->un_numbers, ::testing::ElementsAre("1050"));
  EXPECT_EQ(cat.Find("UN1075").at(0)->key, "68476-85-7");
  EXPECT_EQ(cat.Find("liquefied petroleum gas (LPG)").at(0)->key, "68476-85-7");
}

// Normal boiling points come from the DIPPR 101 constants of Perry's Table 2-8 (data/physchem/); CRC
// Handbook of Chemistry and Physics: bromine 58.8 ℃, benzene 80.1 ℃; tolerance 0.5 K (the fit's).
TEST(ShippedCatalogue, BoilingPointsFromTheVapourPressureTable) {
  const auto& cat = Shipped();
  const auto* bromine = cat.FindByKey("7726-95-6");
  ASSERT_NE(bromine, nullptr);
  ASSERT_TRUE(bromine->boiling_point_c.has_value());
  EXPECT_NEAR(*bromine->boiling_point_c, 58.8, 0.5);
  EXPECT_EQ(bromine->boiling_point_source, "DIPPR 101, Perry's Table 2-8");
  EXPECT_NEAR(cat.FindByKey("71-43-2")->boiling_point_c.value_or(0), 80.1, 0.5);
  EXPECT_FALSE(cat.FindByKey("110-86-1")->boiling_point_c.has_value());  // pyridine: not in the table
}

class BrokenData : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chemsafe_catalogue_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    for (const char* sub : {"cn_hazchem_catalogue", "gb18218_2018", "catalogue", "transport_dangerous_goods", "physchem"}) {
      std::filesystem::copy(kDataDir + "/" + sub, dir_ / sub, std::filesystem::copy_options::recursive);
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Replace(const std::string& file, const std::string& from, const std::string& to) {
    const auto path = dir_ / file;
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(BrokenData, CopyLoads) {
  auto cat = LoadCatalogue(dir_.string());
  ASSERT_TRUE(cat.ok()) << cat.status().ToString();
  EXPECT_EQ(cat->size(), Shipped().size());
}

TEST_F(BrokenData, BadNumberInTheVapourPressureTableNamesTheCell) {
  // Row 2 of the file is formaldehyde (50-00-0); its C2 (column 4) made unreadable.
  Replace("physchem/perry_2-8_dippr101_vapor_pressure.tsv", "\t-4917.2\t", "\t-4917,2\t");
  auto cat = LoadCatalogue(dir_.string());
  ASSERT_FALSE(cat.ok());
  EXPECT_THAT(cat.status().message(),
              ::testing::HasSubstr("perry_2-8_dippr101_vapor_pressure.tsv:2:4: C2: \"-4917,2\" is not a number"));
}

TEST_F(BrokenData, BadCasInTheJsonNamesThePath) {
  Replace("cn_hazchem_catalogue/hazchem_catalogue_2015_classification.json", "\"7782-50-5\"", "\"7782-50-6\"");
  auto cat = LoadCatalogue(dir_.string());
  ASSERT_FALSE(cat.ok());
  EXPECT_THAT(cat.status().message(), HasSubstr("hazchem_catalogue_2015_classification.json: entries[1380].cas_numbers[0]"));
}

TEST_F(BrokenData, TruncatedJson) {
  std::ofstream(dir_ / "cn_hazchem_catalogue/hazchem_catalogue_2015_classification.json", std::ios::trunc) << "{\"title\":";
  auto cat = LoadCatalogue(dir_.string());
  ASSERT_FALSE(cat.ok());
  EXPECT_EQ(cat.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(cat.status().message(), HasSubstr("hazchem_catalogue_2015_classification.json: "));
}

TEST_F(BrokenData, BadUnNumberNamesFileRowColumn) {
  Replace("catalogue/chemical_identifiers.csv", "chlorine,1017", "chlorine,10x7");
  auto cat = LoadCatalogue(dir_.string());
  ASSERT_FALSE(cat.ok());
  EXPECT_THAT(cat.status().message(), HasSubstr("chemical_identifiers.csv:14:4: "));
}

TEST_F(BrokenData, ListEntryNotInTheCatalogue) {
  Replace("catalogue/lists/high_hazard.csv", "3,氰化钠,,143-33-9,", "3,不存在的化学品,,,");
  auto cat = LoadCatalogue(dir_.string());
  ASSERT_FALSE(cat.ok());
  EXPECT_THAT(cat.status().message(), HasSubstr("high_hazard.csv:4: \"不存在的化学品\""));
}

TEST(LoadCatalogueErrors, MissingDataDir) {
  auto cat = LoadCatalogue("/nonexistent");
  ASSERT_FALSE(cat.ok());
  EXPECT_EQ(cat.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(cat.status().message(), HasSubstr("/nonexistent/cn_hazchem_catalogue/"));
}

}  // namespace
}  // namespace chemsafe::reference
