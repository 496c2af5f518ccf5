// GHS classifications of the 危险化学品目录 (2015): the hazard classes and categories printed in its
// classification table (危险化学品分类信息表), parsed into values.
//
// The catalogue writes a classification as "<class>[-<route or sub-class>],<category>", e.g.
// "易燃液体,类别2*", "急性毒性-吸入,类别3*", "特异性靶器官毒性-一次接触,类别3（呼吸道刺激）",
// "有机过氧化物,D型", "爆炸物,1.1项", "加压气体" (no category). Classes and categories follow
// GB 30000.2-2013 … GB 30000.29-2013 (化学品分类和标签规范), which adopt the UN GHS (Rev. 4).
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe::catalogue {

// A GHS hazard class as the catalogue names it. The health and environmental classes that the
// catalogue splits by sub-class (acute/long-term aquatic hazard, single/repeated STOT exposure) are
// separate classes here, as GHS treats them. Persisted codes: append-only.
enum class HazardClass {
  kExplosives = 1,                    // 爆炸物 (GB 30000.2)
  kFlammableGases = 2,                // 易燃气体 (GB 30000.3)
  kAerosols = 3,                      // 气溶胶 (GB 30000.4)
  kOxidizingGases = 4,                // 氧化性气体 (GB 30000.5)
  kGasesUnderPressure = 5,            // 加压气体 (GB 30000.6)
  kFlammableLiquids = 6,              // 易燃液体 (GB 30000.7)
  kFlammableSolids = 7,               // 易燃固体 (GB 30000.8)
  kSelfReactive = 8,                  // 自反应物质和混合物 (GB 30000.9)
  kPyrophoricLiquids = 9,             // 自燃液体 (GB 30000.10)
  kPyrophoricSolids = 10,             // 自燃固体 (GB 30000.11)
  kSelfHeating = 11,                  // 自热物质和混合物 (GB 30000.12)
  kWaterReactiveFlammableGas = 12,    // 遇水放出易燃气体的物质和混合物 (GB 30000.13)
  kOxidizingLiquids = 13,             // 氧化性液体 (GB 30000.14)
  kOxidizingSolids = 14,              // 氧化性固体 (GB 30000.15)
  kOrganicPeroxides = 15,             // 有机过氧化物 (GB 30000.16)
  kCorrosiveToMetals = 16,            // 金属腐蚀物 (GB 30000.17)
  kAcuteToxicity = 17,                // 急性毒性 (GB 30000.18), with an exposure route
  kSkinCorrosionIrritation = 18,      // 皮肤腐蚀/刺激 (GB 30000.19)
  kSeriousEyeDamageIrritation = 19,   // 严重眼损伤/眼刺激 (GB 30000.20)
  kRespiratorySensitizer = 20,        // 呼吸道致敏物 (GB 30000.21)
  kSkinSensitizer = 21,               // 皮肤致敏物 (GB 30000.21)
  kGermCellMutagenicity = 22,         // 生殖细胞致突变性 (GB 30000.22)
  kCarcinogenicity = 23,              // 致癌性 (GB 30000.23)
  kReproductiveToxicity = 24,         // 生殖毒性 (GB 30000.24)
  kStotSingleExposure = 25,           // 特异性靶器官毒性-一次接触 (GB 30000.25)
  kStotRepeatedExposure = 26,         // 特异性靶器官毒性-反复接触 (GB 30000.26)
  kAspirationHazard = 27,             // 吸入危害 (GB 30000.27)
  kAquaticAcute = 28,                 // 危害水生环境-急性危害 (GB 30000.28)
  kAquaticChronic = 29,               // 危害水生环境-长期危害 (GB 30000.28)
  kOzoneLayer = 30,                   // 危害臭氧层 (GB 30000.29)
  kChemicallyUnstableGases = 31,      // 化学不稳定性气体 (GB 30000.3, GHS Rev.4 §2.2)
};

// The exposure route of an acute-toxicity classification (GB 30000.18 Table 1). Persisted: append-only.
enum class ExposureRoute {
  kOral = 1,        // 经口
  kDermal = 2,      // 经皮
  kInhalation = 3,  // 吸入
};

// One classification of a chemical.
struct Classification {
  HazardClass hazard_class = HazardClass::kExplosives;
  // The category in its canonical short form: "1", "2", "3", "1A", "1B", "2A", … for 类别N;
  // "A", "B" for 化学不稳定性气体 类别A/B; "A".."G" for the types (N型) of self-reactive substances and
  // organic peroxides; "1.1", "1.3", … for the divisions (N项) of explosives; "unstable" for
  // 不稳定爆炸物; "lactation" for 生殖毒性 附加类别 (effects on or via lactation); empty for 加压气体.
  std::string category;
  std::optional<ExposureRoute> route;  // acute toxicity only
  // '*' after the category: the catalogue's minimum classification; with sufficient evidence a stricter
  // category applies (危险化学品分类信息表, 说明 5(3)).
  bool minimum_classification = false;
  std::string qualifier;  // the text in parentheses after a category: "呼吸道刺激", "麻醉效应", …
  std::string condition;  // the state or band it applies to ("干的", "闪点＜23℃和初沸点≤35℃"); empty: always
  std::string text;       // as printed in the catalogue

  friend bool operator==(const Classification&, const Classification&) = default;
};

// Parses one classification as the catalogue prints it. Accepts ASCII and full-width commas,
// parentheses and digits, and the two misprints of the 2015 table ("严重眼损伤/眼刺激性",
// "异性靶器官毒性-一次接触"). InvalidArgument for anything that is not a known class with a category of
// that class, naming the text.
Result<Classification> ParseClassification(std::string_view text);

// Names for display and encoding.
std::string_view HazardClassCode(HazardClass c);     // "flammable_liquids"
std::string_view HazardClassNameZh(HazardClass c);   // "易燃液体"
std::string_view HazardClassNameEn(HazardClass c);   // "Flammable liquids"
std::string_view ExposureRouteCode(ExposureRoute r);  // "oral", "dermal", "inhalation"
std::string_view ExposureRouteNameZh(ExposureRoute r);  // "经口", "经皮", "吸入"

// The category as the catalogue prints it: "类别2", "D型", "1.1项", "不稳定爆炸物", "附加类别", "".
std::string CategoryNameZh(const Classification& c);

// "易燃液体,类别2*", "急性毒性-吸入,类别3*", "特异性靶器官毒性-一次接触,类别3(呼吸道刺激)": the canonical
// text (ASCII comma and parentheses), whatever spelling was parsed.
std::string FormatClassification(const Classification& c);

}  // namespace chemsafe::catalogue
