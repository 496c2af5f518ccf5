// Printable safety cards (issue 7, "Cards"; plan tasks T4, T36): the post risk notice card (岗位风险告知卡,
// "明白卡"), the major hazard installation public notice (重大危险源公告) and the emergency response card
// (应急处置卡), rendered to PDF in A4 or A5 portrait.
//
// What a card says is the caller's: the structs below are filled from the registry, hazard and risk
// modules (or by hand); this file validates and renders. Every card carries a QR code of the online
// record's URL (ISO/IEC 18004, level M, byte mode, printable ASCII only, at least 0.5 mm per module as
// for the trace labels) and a footer with the card's version and date ("版本 3 · 2026-11-29") and the URL
// in small text, on every page.
//
// Layout: a coloured title band, then the identifying lines beside the QR code, then the sections in
// order. Text is set at 11 pt (A4) or 9 pt (A5) and, when the card does not fit one page, smaller in
// 0.5 pt steps down to 7 pt; below that it continues on further pages (headed "…（续）"), never an error.
// Sections break between lines; a chemical with its pictograms stays whole.
//
// Pure apart from the fonts fontconfig provides (Noto Sans CJK SC, Debian package fonts-noto-cjk).
// Thread-safety: the Render functions may be called concurrently with the same CardAssets (immutable);
// CardAssets::Load reads files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/risk/grading.h"
#include "chemsafe/trace/labels.h"

namespace chemsafe::cards {

enum class PageSize {
  kA4 = 1,  // 210 × 297 mm portrait
  kA5 = 2,  // 148 × 210 mm portrait
};

// The risk grades are the risk module's (risk/grading.h): 安委办〔2016〕11号 (国务院安委会办公室《关于实施遏制
// 重特大事故工作指南构建双重预防机制的意见》) §二(二): 重大/较大/一般/低 in red/orange/yellow/blue.
using risk::RiskGrade;
std::string_view RiskGradeColourZh(RiskGrade g);  // "红色", "橙色", "黄色", "蓝色"

// GB 18218-2018 Table 6: grades 一级 (R ≥ 100) … 四级 (R < 10).
enum class MhiGrade {
  kGrade1 = 1,  // 一级
  kGrade2 = 2,  // 二级
  kGrade3 = 3,  // 三级
  kGrade4 = 4,  // 四级
};
std::string_view MhiGradeZh(MhiGrade g);  // "一级", "二级", "三级", "四级"

// The online record the card was generated from.
struct CardRecord {
  std::string url;   // the QR code's payload, e.g. "https://chemsafe.example/r/risk-points/42": printable ASCII
  int version = 1;   // the card's version, ≥ 1; printed "版本 3"
  std::string date;  // the version's date, "YYYY-MM-DD"
};

struct Phone {
  std::string label;   // "火警", "急救", "企业应急值班"
  std::string number;  // "119", "020-12345678"
};

struct Person {
  std::string name;
  std::string phone;  // empty: not printed
};

// A chemical as a card shows it: name, CAS, GHS pictograms (codes "GHS01" … "GHS09", each at most once,
// printed in this order; trace::PictogramsForClassifications derives them) and signal word.
struct CardChemical {
  std::string name_zh;
  std::string cas;  // empty: not printed
  std::vector<std::string> pictograms;
  trace::SignalWord signal_word = trace::SignalWord::kNone;
};

struct CardRiskPoint {
  std::string name;  // "液氯储罐区"
  RiskGrade grade = RiskGrade::kLow;
  std::vector<std::string> hazards;  // 危险有害因素: "中毒", "泄漏"
};

// Control measures by category (the five of issue 7's risk points).
struct ControlMeasures {
  std::vector<std::string> engineering;  // 工程技术措施
  std::vector<std::string> management;   // 管理措施
  std::vector<std::string> training;     // 培训教育措施
  std::vector<std::string> ppe;          // 个体防护措施
  std::vector<std::string> emergency;    // 应急措施
};

// 岗位风险告知卡 (明白卡). Required: record, enterprise, post, at least one risk point (each named),
// at least one emergency action and emergency phone, the responsible person's name.
struct PostRiskCard {
  CardRecord record;
  std::string enterprise;
  std::string post;  // 岗位 or 区域
  std::vector<CardRiskPoint> risk_points;
  std::vector<CardChemical> chemicals;
  ControlMeasures measures;
  std::vector<std::string> emergency_actions;  // 应急处置措施, in order
  std::vector<Phone> emergency_phones;
  Person responsible;
};

// A chemical of the installation with its quantities (GB 18218-2018 §4.1: q and Q in tonnes).
struct MhiChemical {
  CardChemical chemical;
  double quantity_t = 0;           // the maximum quantity present, q
  double critical_quantity_t = 0;  // the critical quantity, Q
};

// 重大危险源公告. Required: record, enterprise, installation, at least one chemical, the three
// responsible persons' names. quantities > 0 and R ≥ 0, finite.
struct MhiNotice {
  CardRecord record;
  std::string enterprise;
  std::string installation;  // 重大危险源 (unit) name
  MhiGrade grade = MhiGrade::kGrade4;
  double r_value = 0;  // GB 18218-2018 §4.2.2 R, printed with one decimal
  std::vector<MhiChemical> chemicals;
  std::vector<std::string> accidents;  // possible accident types and consequences
  std::vector<std::string> measures;   // safety and emergency measures
  Person principal;                    // 主要负责人
  Person technical;                    // 技术负责人
  Person operational;                  // 操作负责人
};

struct RoleActions {
  std::string role;                // "现场操作人员"
  std::vector<std::string> steps;  // in order
};

// 应急处置卡. Required: record, title, at least one activation condition, at least one role (each named,
// with at least one step), at least one contact.
struct EmergencyCard {
  CardRecord record;
  std::string title;                               // "液氯泄漏应急处置卡"
  std::string enterprise;                          // empty: not printed
  std::string location;                            // 岗位 / 装置 / 区域; empty: not printed
  std::vector<std::string> activation_conditions;  // 启动条件
  std::vector<RoleActions> actions;
  std::vector<std::string> equipment;    // 应急装备与物资
  std::vector<std::string> precautions;  // 注意事项
  std::vector<Phone> contacts;
};

// The artwork cards need: the nine GHS pictograms, loaded as for the trace labels. Immutable.
class CardAssets {
 public:
  // Reads <data_dir>/ghs/pictograms/GHS01.svg … GHS09.svg. NotFound or InvalidArgument naming the file.
  static Result<CardAssets> Load(std::string_view data_dir);
  const trace::LabelAssets& pictograms() const { return pictograms_; }

 private:
  trace::LabelAssets pictograms_;
};

// Render a card to PDF bytes. InvalidArgument naming the field ("post_card.post: empty",
// "mhi_notice.record.url: byte 21 is 0xE6, not printable ASCII") for: an empty required field, a text
// that is not UTF-8, a URL that is not printable ASCII or too long for the QR code, an unknown or
// repeated pictogram code, a version < 1, a date not YYYY-MM-DD, a quantity or R not finite or out of
// range. Internal if a library fails.
Result<std::string> RenderPostRiskCard(const PostRiskCard& card, const CardAssets& assets, PageSize size);
Result<std::string> RenderMhiNotice(const MhiNotice& notice, const CardAssets& assets, PageSize size);
Result<std::string> RenderEmergencyCard(const EmergencyCard& card, const CardAssets& assets, PageSize size);

}  // namespace chemsafe::cards
