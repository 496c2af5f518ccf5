// Properties of the catalogue's text handling, over generated inputs (rapidcheck).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "chemsafe/catalogue/entry_text.h"
#include "chemsafe/catalogue/ghs.h"
#include "chemsafe/catalogue/name_text.h"

namespace chemsafe::catalogue {
namespace {

// Valid classifications: (class, route, category) triples as GB 30000 allows them in the catalogue.
Classification Generate() {
  struct Shape {
    HazardClass c;
    std::vector<std::string> categories;
  };
  static const std::vector<Shape> kShapes = {
      {HazardClass::kExplosives, {"1.1", "1.3", "1.4", "unstable"}},
      {HazardClass::kFlammableLiquids, {"1", "2", "3"}},
      {HazardClass::kOrganicPeroxides, {"A", "B", "C", "D", "E", "F", "G"}},
      {HazardClass::kSelfReactive, {"B", "C", "D", "E"}},
      {HazardClass::kAcuteToxicity, {"1", "2", "3", "4"}},
      {HazardClass::kSkinCorrosionIrritation, {"1", "1A", "1B", "1C", "2"}},
      {HazardClass::kStotSingleExposure, {"1", "2", "3"}},
      {HazardClass::kReproductiveToxicity, {"1A", "1B", "2", "lactation"}},
      {HazardClass::kChemicallyUnstableGases, {"A", "B"}},
      {HazardClass::kAquaticChronic, {"1", "2", "3", "4"}},
  };
  const Shape& shape = *rc::gen::elementOf(kShapes);
  Classification c;
  c.hazard_class = shape.c;
  c.category = *rc::gen::elementOf(shape.categories);
  if (shape.c == HazardClass::kAcuteToxicity) {
    c.route = *rc::gen::element(ExposureRoute::kOral, ExposureRoute::kDermal, ExposureRoute::kInhalation);
  }
  const bool numbered = !c.category.empty() && c.category[0] >= '1' && c.category[0] <= '9' && c.category.find('.') == std::string::npos;
  if (numbered) c.minimum_classification = *rc::gen::arbitrary<bool>();
  if (shape.c == HazardClass::kStotSingleExposure && c.category == "3") {
    c.qualifier = *rc::gen::element(std::string(), std::string("呼吸道刺激"), std::string("麻醉效应"));
  }
  return c;
}

RC_GTEST_PROP(ClassificationProperty, FormatThenParseIsIdentity, ()) {
  Classification c = Generate();
  const std::string text = FormatClassification(c);
  auto parsed = ParseClassification(text);
  RC_ASSERT(parsed.ok());
  c.text = text;
  RC_ASSERT(*parsed == c);
}

RC_GTEST_PROP(NameTextProperty, NameKeyIsIdempotent, ()) {
  static const std::vector<std::string> kPieces = {"硝酸铵", "［", "］", "(", ")", "（", "）", "，", ",", "Ａ", "a", "Z",
                                                   " ", "　", "≤", "0.2%", "液氯", "；", "、"};
  const auto pieces = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kPieces));
  std::string s;
  for (const auto& p : pieces) s += p;
  const std::string key = NameKey(s);
  RC_ASSERT(NameKey(key) == key);
  RC_ASSERT(NameKey(BaseName(key)) == std::string(BaseName(key)));
}

RC_GTEST_PROP(EntryTextProperty, EveryItemGetsOneKindAndNoClassificationIsLost, ()) {
  static const std::vector<std::string> kItems = {
      "易燃液体,类别2*", "加压气体", "剧毒", "乙醇汽油", "ethanol gasoline", "（1）干的：", "(2)含量≥60%", "7440-70-2",
      "22259-30-9;23422-53-9", "常见品种如下：", "1.氨基树脂涂料", "氨基树脂漆", "健康危害和环境危害需根据组分进行判断。", "注：",
      "PAGE \\* MERGEFORMAT 1", "2828", "有机过氧化物,D型", "急性毒性-吸入,类别3*", "泰安；喷梯尔；P.E.T.N."};
  const auto items = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kItems));
  EntryText t = SplitEntryText("2828", "汽油", items);
  RC_ASSERT(t.item_kinds.size() == items.size());
  std::size_t classified = t.classifications.size();
  for (const auto& s : t.sub_entries) classified += s.classifications.size();
  std::size_t kind_count = 0, repeated = 0;
  for (auto k : t.item_kinds) {
    kind_count += k == EntryItemKind::kClassification ? 1 : 0;
    repeated += k == EntryItemKind::kRepeatedClassification ? 1 : 0;
  }
  RC_ASSERT(classified == kind_count);
  std::size_t parsable = 0;
  bool notes = false;
  for (const auto& item : items) {
    if (item == "注：") notes = true;
    if (!notes && ParseClassification(item).ok()) ++parsable;
  }
  RC_ASSERT(kind_count + repeated == parsable);
}

}  // namespace
}  // namespace chemsafe::catalogue
