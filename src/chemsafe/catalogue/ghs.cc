#include "chemsafe/catalogue/ghs.h"


#include "chemsafe/catalogue/name_text.h"

namespace chemsafe::catalogue {
namespace {

struct ClassSpelling {
  std::string_view text;  // as printed, after NarrowText
  HazardClass hazard_class;
  std::optional<ExposureRoute> route;
};

// The class names of the 危险化学品分类信息表 (2015), GB 30000.2–.29-2013 terms.
constexpr ClassSpelling kClassSpellings[] = {
    {"爆炸物", HazardClass::kExplosives, std::nullopt},
    {"易燃气体", HazardClass::kFlammableGases, std::nullopt},
    {"气溶胶", HazardClass::kAerosols, std::nullopt},
    {"氧化性气体", HazardClass::kOxidizingGases, std::nullopt},
    {"加压气体", HazardClass::kGasesUnderPressure, std::nullopt},
    {"易燃液体", HazardClass::kFlammableLiquids, std::nullopt},
    {"易燃固体", HazardClass::kFlammableSolids, std::nullopt},
    {"自反应物质和混合物", HazardClass::kSelfReactive, std::nullopt},
    {"自燃液体", HazardClass::kPyrophoricLiquids, std::nullopt},
    {"自燃固体", HazardClass::kPyrophoricSolids, std::nullopt},
    {"自热物质和混合物", HazardClass::kSelfHeating, std::nullopt},
    {"遇水放出易燃气体的物质和混合物", HazardClass::kWaterReactiveFlammableGas, std::nullopt},
    {"氧化性液体", HazardClass::kOxidizingLiquids, std::nullopt},
    {"氧化性固体", HazardClass::kOxidizingSolids, std::nullopt},
    {"有机过氧化物", HazardClass::kOrganicPeroxides, std::nullopt},
    {"金属腐蚀物", HazardClass::kCorrosiveToMetals, std::nullopt},
    {"急性毒性-经口", HazardClass::kAcuteToxicity, ExposureRoute::kOral},
    {"急性毒性-经皮", HazardClass::kAcuteToxicity, ExposureRoute::kDermal},
    {"急性毒性-吸入", HazardClass::kAcuteToxicity, ExposureRoute::kInhalation},
    {"皮肤腐蚀/刺激", HazardClass::kSkinCorrosionIrritation, std::nullopt},
    {"严重眼损伤/眼刺激", HazardClass::kSeriousEyeDamageIrritation, std::nullopt},
    // Misprint in the 2015 table (one entry); the class is the same.
    {"严重眼损伤/眼刺激性", HazardClass::kSeriousEyeDamageIrritation, std::nullopt},
    {"呼吸道致敏物", HazardClass::kRespiratorySensitizer, std::nullopt},
    {"皮肤致敏物", HazardClass::kSkinSensitizer, std::nullopt},
    {"生殖细胞致突变性", HazardClass::kGermCellMutagenicity, std::nullopt},
    {"致癌性", HazardClass::kCarcinogenicity, std::nullopt},
    {"生殖毒性", HazardClass::kReproductiveToxicity, std::nullopt},
    {"特异性靶器官毒性-一次接触", HazardClass::kStotSingleExposure, std::nullopt},
    // Misprint in the 2015 table (one entry, "特" lost).
    {"异性靶器官毒性-一次接触", HazardClass::kStotSingleExposure, std::nullopt},
    {"特异性靶器官毒性-反复接触", HazardClass::kStotRepeatedExposure, std::nullopt},
    {"吸入危害", HazardClass::kAspirationHazard, std::nullopt},
    {"危害水生环境-急性危害", HazardClass::kAquaticAcute, std::nullopt},
    {"危害水生环境-长期危害", HazardClass::kAquaticChronic, std::nullopt},
    {"危害臭氧层", HazardClass::kOzoneLayer, std::nullopt},
    {"化学不稳定性气体", HazardClass::kChemicallyUnstableGases, std::nullopt},
    {"气雾剂", HazardClass::kAerosols, std::nullopt},  // GB 30000.4 uses 气溶胶; older texts 气雾剂
};

struct ClassNames {
  HazardClass c;
  std::string_view code;
  std::string_view zh;
  std::string_view en;  // GHS Rev.4 English class names
};

constexpr ClassNames kClassNames[] = {
    {HazardClass::kExplosives, "explosives", "爆炸物", "Explosives"},
    {HazardClass::kFlammableGases, "flammable_gases", "易燃气体", "Flammable gases"},
    {HazardClass::kAerosols, "aerosols", "气溶胶", "Aerosols"},
    {HazardClass::kOxidizingGases, "oxidizing_gases", "氧化性气体", "Oxidizing gases"},
    {HazardClass::kGasesUnderPressure, "gases_under_pressure", "加压气体", "Gases under pressure"},
    {HazardClass::kFlammableLiquids, "flammable_liquids", "易燃液体", "Flammable liquids"},
    {HazardClass::kFlammableSolids, "flammable_solids", "易燃固体", "Flammable solids"},
    {HazardClass::kSelfReactive, "self_reactive", "自反应物质和混合物", "Self-reactive substances and mixtures"},
    {HazardClass::kPyrophoricLiquids, "pyrophoric_liquids", "自燃液体", "Pyrophoric liquids"},
    {HazardClass::kPyrophoricSolids, "pyrophoric_solids", "自燃固体", "Pyrophoric solids"},
    {HazardClass::kSelfHeating, "self_heating", "自热物质和混合物", "Self-heating substances and mixtures"},
    {HazardClass::kWaterReactiveFlammableGas, "water_reactive", "遇水放出易燃气体的物质和混合物",
     "Substances and mixtures which, in contact with water, emit flammable gases"},
    {HazardClass::kOxidizingLiquids, "oxidizing_liquids", "氧化性液体", "Oxidizing liquids"},
    {HazardClass::kOxidizingSolids, "oxidizing_solids", "氧化性固体", "Oxidizing solids"},
    {HazardClass::kOrganicPeroxides, "organic_peroxides", "有机过氧化物", "Organic peroxides"},
    {HazardClass::kCorrosiveToMetals, "corrosive_to_metals", "金属腐蚀物", "Corrosive to metals"},
    {HazardClass::kAcuteToxicity, "acute_toxicity", "急性毒性", "Acute toxicity"},
    {HazardClass::kSkinCorrosionIrritation, "skin_corrosion_irritation", "皮肤腐蚀/刺激", "Skin corrosion/irritation"},
    {HazardClass::kSeriousEyeDamageIrritation, "serious_eye_damage_irritation", "严重眼损伤/眼刺激",
     "Serious eye damage/eye irritation"},
    {HazardClass::kRespiratorySensitizer, "respiratory_sensitizer", "呼吸道致敏物", "Respiratory sensitization"},
    {HazardClass::kSkinSensitizer, "skin_sensitizer", "皮肤致敏物", "Skin sensitization"},
    {HazardClass::kGermCellMutagenicity, "germ_cell_mutagenicity", "生殖细胞致突变性", "Germ cell mutagenicity"},
    {HazardClass::kCarcinogenicity, "carcinogenicity", "致癌性", "Carcinogenicity"},
    {HazardClass::kReproductiveToxicity, "reproductive_toxicity", "生殖毒性", "Reproductive toxicity"},
    {HazardClass::kStotSingleExposure, "stot_single_exposure", "特异性靶器官毒性-一次接触",
     "Specific target organ toxicity - single exposure"},
    {HazardClass::kStotRepeatedExposure, "stot_repeated_exposure", "特异性靶器官毒性-反复接触",
     "Specific target organ toxicity - repeated exposure"},
    {HazardClass::kAspirationHazard, "aspiration_hazard", "吸入危害", "Aspiration hazard"},
    {HazardClass::kAquaticAcute, "aquatic_acute", "危害水生环境-急性危害", "Hazardous to the aquatic environment - acute"},
    {HazardClass::kAquaticChronic, "aquatic_chronic", "危害水生环境-长期危害",
     "Hazardous to the aquatic environment - long-term"},
    {HazardClass::kOzoneLayer, "ozone_layer", "危害臭氧层", "Hazardous to the ozone layer"},
    {HazardClass::kChemicallyUnstableGases, "chemically_unstable_gases", "化学不稳定性气体", "Chemically unstable gases"},
};

const ClassNames& NamesOf(HazardClass c) {
  for (const auto& n : kClassNames) {
    if (n.c == c) return n;
  }
  return kClassNames[0];  // unreachable for valid enumerators
}

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }
bool IsUpper(char ch) { return ch >= 'A' && ch <= 'Z'; }

Status Bad(std::string_view text, std::string_view why) {
  return InvalidArgument("\"" + std::string(text) + "\" is not a GHS classification: " + std::string(why));
}

}  // namespace

Result<Classification> ParseClassification(std::string_view original) {
  const std::string s = NarrowText(original);
  if (s.empty()) return Bad(original, "empty");
  Classification out;
  out.text = std::string(TrimSpaces(original));

  const std::size_t comma = s.find(',');
  const std::string_view class_text = TrimSpaces(std::string_view(s).substr(0, comma));
  const ClassSpelling* spelling = nullptr;
  for (const auto& sp : kClassSpellings) {
    if (sp.text == class_text) spelling = &sp;
  }
  if (spelling == nullptr) return Bad(original, "unknown hazard class");
  out.hazard_class = spelling->hazard_class;
  out.route = spelling->route;

  if (comma == std::string::npos) {
    // GB 30000.6: 加压气体 has no category in the catalogue (the filling state is chosen by the
    // user, 说明 5(4)); every other class needs one.
    if (out.hazard_class != HazardClass::kGasesUnderPressure) return Bad(original, "no category");
    return out;
  }
  if (out.hazard_class == HazardClass::kGasesUnderPressure) return Bad(original, "加压气体 takes no category");

  std::string_view cat = TrimSpaces(std::string_view(s).substr(comma + 1));
  const HazardClass hc = out.hazard_class;
  const bool typed = hc == HazardClass::kSelfReactive || hc == HazardClass::kOrganicPeroxides;
  if (cat.starts_with("类别")) {
    cat.remove_prefix(std::string_view("类别").size());
    std::size_t i = 0;
    while (i < cat.size() && (IsDigit(cat[i]) || IsUpper(cat[i]))) ++i;
    out.category = std::string(cat.substr(0, i));
    if (out.category.empty()) return Bad(original, "no category after 类别");
    const bool letters_only = !IsDigit(out.category[0]);
    if (letters_only != (hc == HazardClass::kChemicallyUnstableGases)) {
      return Bad(original, "category " + out.category + " does not belong to this class");
    }
    if (typed || hc == HazardClass::kExplosives) return Bad(original, "this class takes types or divisions");
    cat.remove_prefix(i);
  } else if (cat.size() == 1 + std::string_view("型").size() && IsUpper(cat[0]) && cat[0] <= 'G' &&
             cat.substr(1) == "型") {
    // GB 30000.9 / GB 30000.16: types A to G.
    if (!typed) return Bad(original, "types (N型) belong to self-reactive substances and organic peroxides");
    out.category = std::string(1, cat[0]);
    cat = {};
  } else if (cat.size() >= 3 && IsDigit(cat[0]) && cat[1] == '.' && IsDigit(cat[2]) &&
             cat.substr(3) == "项") {
    // GB 30000.2: divisions 1.1 to 1.6.
    if (hc != HazardClass::kExplosives) return Bad(original, "divisions (N项) belong to explosives");
    out.category = std::string(cat.substr(0, 3));
    cat = {};
  } else if (cat == "不稳定爆炸物") {
    if (hc != HazardClass::kExplosives) return Bad(original, "不稳定爆炸物 belongs to explosives");
    out.category = "unstable";
    cat = {};
  } else if (cat == "附加类别") {
    // GB 30000.24: the additional category for effects on or via lactation.
    if (hc != HazardClass::kReproductiveToxicity) return Bad(original, "附加类别 belongs to reproductive toxicity");
    out.category = "lactation";
    cat = {};
  } else {
    return Bad(original, "unknown category");
  }

  if (!cat.empty() && cat.front() == '*') {
    out.minimum_classification = true;
    cat.remove_prefix(1);
  }
  cat = TrimSpaces(cat);
  if (!cat.empty()) {
    if (cat.front() != '(' || cat.back() != ')' || cat.size() < 3) return Bad(original, "unexpected text after the category");
    out.qualifier = std::string(TrimSpaces(cat.substr(1, cat.size() - 2)));
    if (out.qualifier.empty()) return Bad(original, "empty parentheses");
  }
  return out;
}

std::string_view HazardClassCode(HazardClass c) { return NamesOf(c).code; }
std::string_view HazardClassNameZh(HazardClass c) { return NamesOf(c).zh; }
std::string_view HazardClassNameEn(HazardClass c) { return NamesOf(c).en; }

std::string_view ExposureRouteCode(ExposureRoute r) {
  switch (r) {
    case ExposureRoute::kOral: return "oral";
    case ExposureRoute::kDermal: return "dermal";
    case ExposureRoute::kInhalation: return "inhalation";
  }
  return "";
}

std::string_view ExposureRouteNameZh(ExposureRoute r) {
  switch (r) {
    case ExposureRoute::kOral: return "经口";
    case ExposureRoute::kDermal: return "经皮";
    case ExposureRoute::kInhalation: return "吸入";
  }
  return "";
}

std::string CategoryNameZh(const Classification& c) {
  if (c.category.empty()) return "";
  if (c.category == "unstable") return "不稳定爆炸物";
  if (c.category == "lactation") return "附加类别";
  if (c.hazard_class == HazardClass::kSelfReactive || c.hazard_class == HazardClass::kOrganicPeroxides) {
    return c.category + "型";
  }
  if (c.hazard_class == HazardClass::kExplosives) return c.category + "项";
  return "类别" + c.category;
}

std::string FormatClassification(const Classification& c) {
  std::string out(HazardClassNameZh(c.hazard_class));
  if (c.route) {
    out += '-';
    out += ExposureRouteNameZh(*c.route);
  }
  if (c.category.empty()) return out;
  out += ',';
  out += CategoryNameZh(c);
  if (c.minimum_classification) out += '*';
  if (!c.qualifier.empty()) out += "(" + c.qualifier + ")";
  return out;
}

}  // namespace chemsafe::catalogue
