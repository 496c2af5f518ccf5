#include "chemsafe/service/registry_io_columns.h"

#include <cctype>

namespace chemsafe::service::io {
namespace {

using F = Field;

constexpr Column kEnterpriseColumns[] = {
    {F::kUscc, "统一社会信用代码", "社会信用代码|信用代码|统一代码|uscc|credit code", true, "",
     "18位, GB 32100-2015, 校验位须正确", "91350100M000100Y43"},
    {F::kEnterpriseName, "企业名称", "单位名称|名称|企业|name|enterprise name", true, "", "", "某某化工有限公司"},
    {F::kLegalRepresentative, "法定代表人", "法人代表|法人|legal representative", false, "", "", "张三"},
    {F::kDivision, "行政区划代码", "区划代码|所在区县代码|division code|division", true, "",
     "县级(6位)或乡镇级(9位)统计用区划代码", "440305"},
    {F::kAddress, "地址", "详细地址|企业地址|注册地址|address", false, "", "", "深圳市南山区某路1号"},
    {F::kLon, "经度", "longitude|lon|lng", false, "度", "WGS-84/CGCS2000 (GCJ-02 须在导入时声明)", "113.93"},
    {F::kLat, "纬度", "latitude|lat", false, "度", "WGS-84/CGCS2000", "22.53"},
    {F::kActivities, "经营活动", "活动类型|企业类型|活动|activities", true, "",
     "生产、储存、使用、经营、运输、废弃处置 (可多项, 用顿号分隔)", "储存、经营"},
    {F::kSector, "行业", "行业类别|所属行业|sector", false, "",
     "化工、医药、港口码头、机场、物流园区、城镇燃气、加油加气站、其他 (默认其他)", "化工"},
    {F::kPark, "园区代码", "所在园区|化工园区|园区|park code|park", false, "", "", ""},
    {F::kLicenceType, "许可证类型", "许可证种类|licence type", false, "", "多个许可证用分号分隔, 各列一一对应",
     "危险化学品经营许可证"},
    {F::kLicenceNumber, "许可证编号", "许可证号|licence number", false, "", "", "粤深危化经字[2024]0001"},
    {F::kLicenceFrom, "许可证有效期起", "有效期起|发证日期|licence valid from", false, "", "YYYY-MM-DD", "2024-01-01"},
    {F::kLicenceTo, "许可证有效期止", "有效期止|有效期至|licence valid to", false, "", "YYYY-MM-DD", "2026-12-31"},
    {F::kProvenance, "数据来源", "来源|provenance", false, "", "申报、合成 (默认申报)", "申报"},
};

constexpr Column kUnitColumns[] = {
    {F::kUscc, "统一社会信用代码", "社会信用代码|信用代码|企业统一社会信用代码|uscc|enterprise uscc", true, "",
     "所属企业, 须已导入或在同一次导入中", "91350100M000100Y43"},
    {F::kUnitCode, "单元编码", "单元代码|单元编号|unit code|code", true, "", "企业内唯一", "CG-01"},
    {F::kUnitName, "单元名称", "名称|unit name|name", true, "", "", "液化石油气储罐区"},
    {F::kUnitKind, "单元类型", "单元类别|类型|unit kind|kind", true, "", "生产单元、储存单元 (GB 18218-2018 3.4/3.5)",
     "储存单元"},
    {F::kLon, "经度", "longitude|lon|lng", false, "度", "WGS-84/CGCS2000", "113.93"},
    {F::kLat, "纬度", "latitude|lat", false, "度", "WGS-84/CGCS2000", "22.53"},
    {F::kBoundary, "边界", "边界范围|boundary", false, "", "WKT: POLYGON((经度 纬度, …))",
     "POLYGON((113.93 22.53, 113.94 22.53, 113.94 22.54, 113.93 22.53))"},
    {F::kExposedPeople, "500米内人数", "周边500米人数|暴露人数|exposed people", false, "人",
     "单元边界外500米范围内常住人口 (GB 18218-2018 表5)", "120"},
    {F::kPrincipal, "主要负责人", "principal", false, "", "多人用分号分隔", "张三"},
    {F::kPrincipalPhone, "主要负责人电话", "principal phone", false, "", "", "13800000000"},
    {F::kTechnical, "技术负责人", "technical", false, "", "", "李四"},
    {F::kTechnicalPhone, "技术负责人电话", "technical phone", false, "", "", ""},
    {F::kOperational, "操作负责人", "operational", false, "", "", "王五"},
    {F::kOperationalPhone, "操作负责人电话", "operational phone", false, "", "", ""},
    {F::kKeyProcesses, "重点监管危险化工工艺", "危险化工工艺|重点监管工艺|key processes", false, "",
     "18种重点监管危险化工工艺名称, 用顿号分隔", "氯化工艺"},
    {F::kProvenance, "数据来源", "来源|provenance", false, "", "申报、合成 (默认申报)", "申报"},
};

constexpr Column kHoldingColumns[] = {
    {F::kUscc, "统一社会信用代码", "社会信用代码|信用代码|uscc|enterprise uscc", true, "", "所属企业", "91350100M000100Y43"},
    {F::kUnitCode, "单元编码", "单元代码|单元编号|unit code", true, "", "须已导入或在同一次导入中", "CG-01"},
    {F::kCas, "CAS号", "cas|cas no|cas number|cas编号", false, "", "按CAS号在危险化学品目录中查找; 无CAS号时填品名",
     "74-98-6"},
    {F::kChemicalName, "化学品名称", "品名|物质名称|危险化学品名称|名称|chemical name|chemical", false, "",
     "目录中的品名或别名", "丙烷"},
    {F::kMaxQuantity, "设计最大量", "最大储存量|最大存量|最大储量|设计最大储量|最大量|max quantity", true, "吨",
     "质量 (默认吨, 可写 kg/千克) 或体积 (m³/L, 须填密度)", "1,200 吨"},
    {F::kMaxVolume, "设计最大体积", "最大体积|max volume", false, "m³", "", ""},
    {F::kDensity, "密度", "density", false, "t/m³", "体积换算质量用", "0.5"},
    {F::kTypicalQuantity, "正常存量", "实际存量|日常存量|typical quantity", false, "吨", "不大于设计最大量", "800 吨"},
    {F::kState, "物理状态", "相态|状态|形态|physical state|state", false, "", "固态、液态、气态、液化气体 (默认液态)",
     "液化气体"},
    {F::kTemperature, "操作温度", "温度|temperature", false, "℃", "", "25"},
    {F::kPressure, "操作压力", "压力|pressure", false, "MPa", "表压", "1.6"},
    {F::kCategory, "GB18218类别", "危险性类别|GB 18218类别|类别|gb18218 category", false, "",
     "GB 18218-2018 表2 类别 (J1…J5, W1.1…W11), 仅在无法从目录推导时填写", "W2"},
    {F::kProvenance, "数据来源", "来源|provenance", false, "", "申报、合成 (默认申报)", "申报"},
};

constexpr Column kTargetColumns[] = {
    {F::kTargetCode, "目标编码", "编码|防护目标编码|code|target code", true, "", "全省唯一", "PT-440305-001"},
    {F::kTargetName, "名称", "目标名称|防护目标名称|name", true, "", "", "某某小学"},
    {F::kTargetClass, "防护目标类别", "类别|目标类别|class|target class", true, "",
     "高敏感防护目标、重要防护目标、一般防护目标一类/二类/三类 (GB 36894-2018 表1)", "高敏感防护目标"},
    {F::kTargetKind, "类型", "目标类型|用途|kind", false, "", "学校、医院、居住区…", "学校"},
    {F::kDivision, "行政区划代码", "区划代码|division code|division", false, "", "", "440305"},
    {F::kLon, "经度", "longitude|lon|lng", false, "度", "WGS-84/CGCS2000", "113.95"},
    {F::kLat, "纬度", "latitude|lat", false, "度", "WGS-84/CGCS2000", "22.54"},
    {F::kArea, "范围", "边界|area|boundary", false, "", "WKT: POLYGON((经度 纬度, …))", ""},
    {F::kDayPopulation, "白天人数", "日间人数|白天人口|day population", false, "人", "", "1200"},
    {F::kNightPopulation, "夜间人数", "夜间人口|night population", false, "人", "", "50"},
    {F::kProvenance, "数据来源", "来源|provenance", false, "", "申报、合成 (默认申报)", "申报"},
};

}  // namespace

std::span<const Column> ColumnsOf(RecordKind kind) {
  switch (kind) {
    case RecordKind::kEnterprises: return kEnterpriseColumns;
    case RecordKind::kUnits: return kUnitColumns;
    case RecordKind::kHoldings: return kHoldingColumns;
    case RecordKind::kProtectedTargets: return kTargetColumns;
  }
  return {};
}

std::string_view SheetNameOf(RecordKind kind) {
  switch (kind) {
    case RecordKind::kEnterprises: return "企业";
    case RecordKind::kUnits: return "生产储存单元";
    case RecordKind::kHoldings: return "危险化学品储量";
    case RecordKind::kProtectedTargets: return "防护目标";
  }
  return "Sheet1";
}

std::string NormalizeHeader(std::string_view text, std::string* unit_hint) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::string_view rest = text.substr(i);
    if (rest.starts_with("(") || rest.starts_with("\xEF\xBC\x88")) {  // "(" or "（"
      std::size_t open = rest.starts_with("(") ? 1 : 3;
      std::size_t close = rest.find(')');
      std::size_t close_fw = rest.find("\xEF\xBC\x89");
      std::size_t end = std::min(close, close_fw);
      if (end != std::string_view::npos) {
        if (unit_hint != nullptr) *unit_hint = std::string(rest.substr(open, end - open));
        i += end + (end == close ? 1 : 3);
        continue;
      }
    }
    if (rest.starts_with("\xE3\x80\x80")) { i += 3; continue; }  // U+3000
    if (rest.starts_with("\xEF\xBC\x8A")) { i += 3; continue; }  // ＊
    char c = text[i++];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*' || c == '_' || c == '-') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace chemsafe::service::io
