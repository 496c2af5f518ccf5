// The three cards as blocks for the page engine (internal/flow.h): validation first, then the text of
// each section as pango markup at the size the engine asks for.
#include "chemsafe/cards/cards.h"

#include <fmt/format.h>
#include <glib.h>
#include <pango/pango.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "chemsafe/cards/internal/flow.h"
#include "chemsafe/drawing/drawing.h"

namespace chemsafe::cards {
namespace {

using internal::Block;
using internal::Content;
using internal::Document;
using internal::Rgb;
using drawing::EscapeMarkup;

// ---------------------------------------------------------------------------------------------------
// Validation: every error names the field as "<card>.<path>: …".

class Checker {
 public:
  explicit Checker(std::string card) : card_(std::move(card)) {}

  Status Fail(std::string_view field, std::string_view what) const {
    return InvalidArgument(fmt::format("{}.{}: {}", card_, field, what));
  }
  Status Text(std::string_view field, std::string_view text) const {
    if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
      return Fail(field, "not valid UTF-8");
    }
    return Status::Ok();
  }
  Status Required(std::string_view field, std::string_view text) const {
    if (text.empty()) return Fail(field, "empty");
    return Text(field, text);
  }
  Status Items(std::string_view field, const std::vector<std::string>& items, bool required) const {
    if (required && items.empty()) return Fail(field, "empty");
    for (std::size_t i = 0; i < items.size(); ++i) {
      CHEMSAFE_RETURN_IF_ERROR(Required(fmt::format("{}[{}]", field, i), items[i]));
    }
    return Status::Ok();
  }
  Status Record(const CardRecord& r) const {
    if (r.url.empty()) return Fail("record.url", "empty");
    CHEMSAFE_RETURN_IF_ERROR(
        drawing::CheckPrintableAscii(fmt::format("{}.record.url", card_), r.url, " (percent-encode it)"));
    if (r.version < 1) return Fail("record.version", fmt::format("{} is not a version (≥ 1)", r.version));
    const std::string& d = r.date;
    auto digits = [&d](std::size_t from, std::size_t n) {
      return std::all_of(d.begin() + static_cast<std::ptrdiff_t>(from),
                         d.begin() + static_cast<std::ptrdiff_t>(from + n),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    };
    if (d.empty()) return Fail("record.date", "empty");
    if (d.size() != 10 || d[4] != '-' || d[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2)) {
      return Fail("record.date", fmt::format("'{}' is not YYYY-MM-DD", d));
    }
    return Status::Ok();
  }
  Status PersonOf(std::string_view field, const Person& p) const {
    CHEMSAFE_RETURN_IF_ERROR(Required(fmt::format("{}.name", field), p.name));
    return Text(fmt::format("{}.phone", field), p.phone);
  }
  Status Phones(std::string_view field, const std::vector<Phone>& phones) const {
    if (phones.empty()) return Fail(field, "empty");
    for (std::size_t i = 0; i < phones.size(); ++i) {
      CHEMSAFE_RETURN_IF_ERROR(Text(fmt::format("{}[{}].label", field, i), phones[i].label));
      CHEMSAFE_RETURN_IF_ERROR(Required(fmt::format("{}[{}].number", field, i), phones[i].number));
    }
    return Status::Ok();
  }
  Status Chemical(std::string_view field, const CardChemical& c, const CardAssets& assets) const {
    CHEMSAFE_RETURN_IF_ERROR(Required(fmt::format("{}.name_zh", field), c.name_zh));
    CHEMSAFE_RETURN_IF_ERROR(Text(fmt::format("{}.cas", field), c.cas));
    std::set<std::string_view> seen;
    for (const auto& p : c.pictograms) {
      if (assets.pictograms().Pictogram(p) == nullptr) {
        return Fail(fmt::format("{}.pictograms", field), fmt::format("unknown code '{}' (GHS01 … GHS09)", p));
      }
      if (!seen.insert(p).second) return Fail(fmt::format("{}.pictograms", field), fmt::format("'{}' given twice", p));
    }
    return Status::Ok();
  }

 private:
  std::string card_;
};

// ---------------------------------------------------------------------------------------------------
// Presentation.

// Colours of the four grades (安委办〔2016〕11号 §二(二): red, orange, yellow, blue); the exact shades are
// a presentation choice, close to GB 2893-2008's safety red, yellow and blue.
Rgb GradeColour(RiskGrade g) {
  switch (g) {
    case RiskGrade::kMajor: return {0.85, 0.0, 0.0};
    case RiskGrade::kLarger: return {0.96, 0.50, 0.0};
    case RiskGrade::kGeneral: return {1.0, 0.84, 0.0};
    case RiskGrade::kLow: return {0.0, 0.35, 0.75};
  }
  return {0, 0, 0};
}
Rgb Tint(Rgb c) {  // 15 % of the colour on white
  return {0.85 + 0.15 * c.r, 0.85 + 0.15 * c.g, 0.85 + 0.15 * c.b};
}
constexpr Rgb kRed = {0.85, 0.0, 0.0};
constexpr Rgb kWhite = {1, 1, 1};
constexpr Rgb kBlack = {0, 0, 0};
constexpr const char* kHeadingColour = "#1a3c6e";
constexpr const char* kRedText = "#d00000";

// Page geometry by size.
Document PageDocument(PageSize size) {
  Document d;
  if (size == PageSize::kA5) {
    d.page_w_mm = 148;
    d.page_h_mm = 210;
    d.margin_mm = 9;
    d.title_pt = 17;
    d.qr_side_mm = 26;
    d.base_pt = 9;
  }
  return d;
}

Status CheckSize(std::string_view card, PageSize size) {
  if (size != PageSize::kA4 && size != PageSize::kA5) {
    return InvalidArgument(fmt::format("{}: page size {} is not A4 or A5", card, static_cast<int>(size)));
  }
  return Status::Ok();
}

Document WithRecord(Document d, std::string_view card, std::string title, const CardRecord& r) {
  d.continuation = title + "（续）";
  d.title = std::move(title);
  d.footer = fmt::format("版本 {} · {}", r.version, r.date);
  d.url = r.url;
  d.url_field = fmt::format("{}.record.url", card);
  return d;
}

long Size(double pt) { return std::lround(pt * PANGO_SCALE); }

// The body's building blocks at base size `pt`.
class Builder {
 public:
  explicit Builder(double pt) : pt_(pt) {}

  void Heading(std::string_view text) {
    Block b;
    b.markup = fmt::format("<span weight=\"bold\" foreground=\"{}\" size=\"{}\">{}</span>", kHeadingColour,
                           Size(pt_ * 1.2), EscapeMarkup(text));
    b.space_before_pt = 0.9 * pt_;
    b.keep_with_next = true;
    blocks_.push_back(std::move(b));
  }
  void SubHeading(std::string_view text) {
    Block b;
    b.markup = fmt::format("<b>{}</b>", EscapeMarkup(text));
    b.space_before_pt = 0.4 * pt_;
    b.keep_with_next = true;
    blocks_.push_back(std::move(b));
  }
  // "1. …", one block per item.
  // The numbers in a column wide enough for the largest (a digit of Noto Sans CJK SC is about 0.55 em,
  // the ". " about 0.6 em).
  void Numbered(const std::vector<std::string>& items) {
    const auto digits = static_cast<double>(std::to_string(items.size()).size());
    const double column = (0.55 * digits + 0.7) * pt_;
    for (std::size_t i = 0; i < items.size(); ++i) {
      Para(EscapeMarkup(items[i]));
      blocks_.back().label = fmt::format("{}. ", i + 1);
      blocks_.back().label_width_pt = column;
    }
  }
  void Para(std::string markup) {
    Block b;
    b.markup = std::move(markup);
    b.space_before_pt = 0.2 * pt_;
    blocks_.push_back(std::move(b));
  }
  void Box(std::string markup, Rgb colour) {
    Block b;
    b.markup = std::move(markup);
    b.bar = colour;
    b.fill = Tint(colour);
    b.space_before_pt = 0.35 * pt_;
    blocks_.push_back(std::move(b));
  }
  // A chemical with its pictograms on the left; `columns` pictogram columns reserved so that the names
  // of all chemicals line up.
  void Chemical(const CardChemical& c, std::string extra_markup, std::size_t columns) {
    Block b;
    b.markup = fmt::format("<b>{}</b>", EscapeMarkup(c.name_zh));
    if (!c.cas.empty()) b.markup += fmt::format("    CAS {}", EscapeMarkup(c.cas));
    if (c.signal_word != trace::SignalWord::kNone) {
      b.markup += fmt::format("\n信号词：<span foreground=\"{}\" weight=\"bold\">{}</span>", kRedText,
                              trace::SignalWordZh(c.signal_word));
    }
    if (!extra_markup.empty()) b.markup += "\n" + extra_markup;
    b.pictograms = c.pictograms;
    b.pictogram_side_pt = 3.6 * pt_;
    const double gap = 1.0 * 72.0 / 25.4;
    b.indent_pt = columns == 0 ? 0.0 : static_cast<double>(columns) * (b.pictogram_side_pt + gap) + gap;
    b.space_before_pt = 0.35 * pt_;
    blocks_.push_back(std::move(b));
  }
  void Phones(const std::vector<Phone>& phones) {
    std::string m;
    for (const auto& p : phones) {
      if (!m.empty()) m += "      ";
      if (!p.label.empty()) m += EscapeMarkup(p.label) + " ";
      m += fmt::format("<span foreground=\"{}\" weight=\"bold\" size=\"{}\">{}</span>", kRedText, Size(pt_ * 1.3),
                       EscapeMarkup(p.number));
    }
    Para(std::move(m));
  }

  std::vector<Block> Take() { return std::move(blocks_); }
  double pt() const { return pt_; }

 private:
  double pt_;
  std::vector<Block> blocks_;
};

std::string Field(std::string_view label, std::string_view value_markup) {
  return fmt::format("<b>{}：</b>{}", label, value_markup);
}
std::string PersonMarkup(const Person& p) {
  std::string s = EscapeMarkup(p.name);
  if (!p.phone.empty()) s += "    电话 " + EscapeMarkup(p.phone);
  return s;
}

std::size_t PictogramColumns(const std::vector<const CardChemical*>& chemicals) {
  std::size_t n = 0;
  for (const auto* c : chemicals) n = std::max(n, std::min<std::size_t>(c->pictograms.size(), 4));
  return n;
}

}  // namespace

std::string_view RiskGradeColourZh(RiskGrade g) {
  switch (g) {
    case RiskGrade::kMajor: return "红色";
    case RiskGrade::kLarger: return "橙色";
    case RiskGrade::kGeneral: return "黄色";
    case RiskGrade::kLow: return "蓝色";
  }
  return "";
}

std::string_view MhiGradeZh(MhiGrade g) {
  switch (g) {
    case MhiGrade::kGrade1: return "一级";
    case MhiGrade::kGrade2: return "二级";
    case MhiGrade::kGrade3: return "三级";
    case MhiGrade::kGrade4: return "四级";
  }
  return "";
}

Result<CardAssets> CardAssets::Load(std::string_view data_dir) {
  CardAssets assets;
  CHEMSAFE_ASSIGN_OR_RETURN(assets.pictograms_, trace::LabelAssets::Load(data_dir));
  return assets;
}

Result<std::string> RenderPostRiskCard(const PostRiskCard& card, const CardAssets& assets, PageSize size) {
  const Checker check("post_card");
  CHEMSAFE_RETURN_IF_ERROR(CheckSize("post_card", size));
  CHEMSAFE_RETURN_IF_ERROR(check.Record(card.record));
  CHEMSAFE_RETURN_IF_ERROR(check.Required("enterprise", card.enterprise));
  CHEMSAFE_RETURN_IF_ERROR(check.Required("post", card.post));
  if (card.risk_points.empty()) return check.Fail("risk_points", "empty");
  for (std::size_t i = 0; i < card.risk_points.size(); ++i) {
    const auto& rp = card.risk_points[i];
    CHEMSAFE_RETURN_IF_ERROR(check.Required(fmt::format("risk_points[{}].name", i), rp.name));
    if (rp.grade < RiskGrade::kLow || rp.grade > RiskGrade::kMajor) {
      return check.Fail(fmt::format("risk_points[{}].grade", i), "unknown grade");
    }
    CHEMSAFE_RETURN_IF_ERROR(check.Items(fmt::format("risk_points[{}].hazards", i), rp.hazards, false));
  }
  for (std::size_t i = 0; i < card.chemicals.size(); ++i) {
    CHEMSAFE_RETURN_IF_ERROR(check.Chemical(fmt::format("chemicals[{}]", i), card.chemicals[i], assets));
  }
  CHEMSAFE_RETURN_IF_ERROR(check.Items("measures.engineering", card.measures.engineering, false));
  CHEMSAFE_RETURN_IF_ERROR(check.Items("measures.management", card.measures.management, false));
  CHEMSAFE_RETURN_IF_ERROR(check.Items("measures.training", card.measures.training, false));
  CHEMSAFE_RETURN_IF_ERROR(check.Items("measures.ppe", card.measures.ppe, false));
  CHEMSAFE_RETURN_IF_ERROR(check.Items("measures.emergency", card.measures.emergency, false));
  CHEMSAFE_RETURN_IF_ERROR(check.Items("emergency_actions", card.emergency_actions, true));
  CHEMSAFE_RETURN_IF_ERROR(check.Phones("emergency_phones", card.emergency_phones));
  CHEMSAFE_RETURN_IF_ERROR(check.PersonOf("responsible", card.responsible));

  RiskGrade top = RiskGrade::kLow;
  for (const auto& rp : card.risk_points) top = std::max(top, rp.grade);  // a higher grade compares greater
  Document doc = WithRecord(PageDocument(size), "post_card", "岗位风险告知卡", card.record);
  doc.band = GradeColour(top);
  doc.band_text = top == RiskGrade::kGeneral ? kBlack : kWhite;  // black on yellow, white on the others
  std::vector<const CardChemical*> chemicals;
  for (const auto& c : card.chemicals) chemicals.push_back(&c);
  const std::size_t columns = PictogramColumns(chemicals);

  auto content = [&](double pt) {
    Content c;
    c.info_markup = Field("企业名称", EscapeMarkup(card.enterprise)) + "\n" +
                    Field("岗位/区域", EscapeMarkup(card.post)) + "\n" +
                    Field("风险等级", fmt::format("<span weight=\"bold\">{}（{}）</span>", risk::RiskGradeZh(top),
                                                  RiskGradeColourZh(top))) +
                    "\n" + Field("责任人", PersonMarkup(card.responsible));
    Builder b(pt);
    b.Heading("风险点及风险等级");
    for (const auto& rp : card.risk_points) {
      std::string m = fmt::format("<b>{}</b>    <b>{}（{}）</b>", EscapeMarkup(rp.name), risk::RiskGradeZh(rp.grade),
                                  RiskGradeColourZh(rp.grade));
      if (!rp.hazards.empty()) {
        std::string joined;
        for (const auto& h : rp.hazards) joined += (joined.empty() ? "" : "、") + EscapeMarkup(h);
        m += "\n危险有害因素：" + joined;
      }
      b.Box(std::move(m), GradeColour(rp.grade));
    }
    if (!card.chemicals.empty()) {
      b.Heading("危险化学品");
      for (const auto& chem : card.chemicals) b.Chemical(chem, "", columns);
    }
    const std::pair<const char*, const std::vector<std::string>*> categories[] = {
        {"工程技术措施", &card.measures.engineering},
        {"管理措施", &card.measures.management},
        {"培训教育措施", &card.measures.training},
        {"个体防护措施", &card.measures.ppe},
        {"应急措施", &card.measures.emergency}};
    bool any = false;
    for (const auto& [label, items] : categories) any = any || !items->empty();
    if (any) {
      b.Heading("管控措施");
      for (const auto& [label, items] : categories) {
        if (items->empty()) continue;
        b.SubHeading(label);
        b.Numbered(*items);
      }
    }
    b.Heading("应急处置措施");
    b.Numbered(card.emergency_actions);
    b.Heading("应急电话");
    b.Phones(card.emergency_phones);
    c.blocks = b.Take();
    return c;
  };
  return internal::RenderFlow(doc, content, assets.pictograms());
}

Result<std::string> RenderMhiNotice(const MhiNotice& notice, const CardAssets& assets, PageSize size) {
  const Checker check("mhi_notice");
  CHEMSAFE_RETURN_IF_ERROR(CheckSize("mhi_notice", size));
  CHEMSAFE_RETURN_IF_ERROR(check.Record(notice.record));
  CHEMSAFE_RETURN_IF_ERROR(check.Required("enterprise", notice.enterprise));
  CHEMSAFE_RETURN_IF_ERROR(check.Required("installation", notice.installation));
  if (MhiGradeZh(notice.grade).empty()) return check.Fail("grade", "unknown grade");
  if (!std::isfinite(notice.r_value) || notice.r_value < 0) {
    return check.Fail("r_value", fmt::format("{} is not an R value (finite, ≥ 0)", notice.r_value));
  }
  if (notice.chemicals.empty()) return check.Fail("chemicals", "empty");
  for (std::size_t i = 0; i < notice.chemicals.size(); ++i) {
    const auto& c = notice.chemicals[i];
    CHEMSAFE_RETURN_IF_ERROR(check.Chemical(fmt::format("chemicals[{}].chemical", i), c.chemical, assets));
    if (!std::isfinite(c.quantity_t) || c.quantity_t <= 0) {
      return check.Fail(fmt::format("chemicals[{}].quantity_t", i),
                        fmt::format("{} is not a quantity (> 0 t)", c.quantity_t));
    }
    if (!std::isfinite(c.critical_quantity_t) || c.critical_quantity_t <= 0) {
      return check.Fail(fmt::format("chemicals[{}].critical_quantity_t", i),
                        fmt::format("{} is not a critical quantity (> 0 t)", c.critical_quantity_t));
    }
  }
  CHEMSAFE_RETURN_IF_ERROR(check.Items("accidents", notice.accidents, false));
  CHEMSAFE_RETURN_IF_ERROR(check.Items("measures", notice.measures, false));
  CHEMSAFE_RETURN_IF_ERROR(check.PersonOf("principal", notice.principal));
  CHEMSAFE_RETURN_IF_ERROR(check.PersonOf("technical", notice.technical));
  CHEMSAFE_RETURN_IF_ERROR(check.PersonOf("operational", notice.operational));

  Document doc = WithRecord(PageDocument(size), "mhi_notice", "重大危险源公告", notice.record);
  doc.band = kRed;
  doc.band_text = kWhite;
  std::vector<const CardChemical*> chemicals;
  for (const auto& c : notice.chemicals) chemicals.push_back(&c.chemical);
  const std::size_t columns = PictogramColumns(chemicals);

  auto content = [&](double pt) {
    Content c;
    c.info_markup = Field("企业名称", EscapeMarkup(notice.enterprise)) + "\n" +
                    Field("重大危险源名称", EscapeMarkup(notice.installation)) + "\n" +
                    Field("级别", fmt::format("<span foreground=\"{}\" weight=\"bold\">{}重大危险源</span>", kRedText,
                                              MhiGradeZh(notice.grade))) +
                    "\n" + Field("R 值", fmt::format("{:.1f}", notice.r_value));
    Builder b(pt);
    b.Heading("危险化学品及数量");
    for (const auto& chem : notice.chemicals) {
      // GB 18218-2018 §4.1: q, the maximum quantity present, and Q, the critical quantity, in tonnes.
      b.Chemical(chem.chemical,
                 fmt::format("最大存在量 {} t    临界量 {} t", chem.quantity_t, chem.critical_quantity_t), columns);
    }
    if (!notice.accidents.empty()) {
      b.Heading("可能发生的事故类型及后果");
      b.Numbered(notice.accidents);
    }
    if (!notice.measures.empty()) {
      b.Heading("安全措施和应急措施");
      b.Numbered(notice.measures);
    }
    b.Heading("责任人");
    b.Para(Field("主要负责人", PersonMarkup(notice.principal)));
    b.Para(Field("技术负责人", PersonMarkup(notice.technical)));
    b.Para(Field("操作负责人", PersonMarkup(notice.operational)));
    c.blocks = b.Take();
    return c;
  };
  return internal::RenderFlow(doc, content, assets.pictograms());
}

Result<std::string> RenderEmergencyCard(const EmergencyCard& card, const CardAssets& assets, PageSize size) {
  const Checker check("emergency_card");
  CHEMSAFE_RETURN_IF_ERROR(CheckSize("emergency_card", size));
  CHEMSAFE_RETURN_IF_ERROR(check.Record(card.record));
  CHEMSAFE_RETURN_IF_ERROR(check.Required("title", card.title));
  CHEMSAFE_RETURN_IF_ERROR(check.Text("enterprise", card.enterprise));
  CHEMSAFE_RETURN_IF_ERROR(check.Text("location", card.location));
  CHEMSAFE_RETURN_IF_ERROR(check.Items("activation_conditions", card.activation_conditions, true));
  if (card.actions.empty()) return check.Fail("actions", "empty");
  for (std::size_t i = 0; i < card.actions.size(); ++i) {
    CHEMSAFE_RETURN_IF_ERROR(check.Required(fmt::format("actions[{}].role", i), card.actions[i].role));
    CHEMSAFE_RETURN_IF_ERROR(check.Items(fmt::format("actions[{}].steps", i), card.actions[i].steps, true));
  }
  CHEMSAFE_RETURN_IF_ERROR(check.Items("equipment", card.equipment, false));
  CHEMSAFE_RETURN_IF_ERROR(check.Items("precautions", card.precautions, false));
  CHEMSAFE_RETURN_IF_ERROR(check.Phones("contacts", card.contacts));

  Document doc = WithRecord(PageDocument(size), "emergency_card", card.title, card.record);
  doc.band = kRed;
  doc.band_text = kWhite;

  auto content = [&](double pt) {
    Content c;
    std::vector<std::string> info;
    if (!card.enterprise.empty()) info.push_back(Field("企业名称", EscapeMarkup(card.enterprise)));
    if (!card.location.empty()) info.push_back(Field("岗位/区域", EscapeMarkup(card.location)));
    info.push_back(Field("类别", "应急处置卡"));
    for (const auto& line : info) c.info_markup += (c.info_markup.empty() ? "" : "\n") + line;
    Builder b(pt);
    b.Heading("启动条件");
    b.Numbered(card.activation_conditions);
    b.Heading("应急处置程序");
    for (const auto& role : card.actions) {
      b.SubHeading(role.role);
      b.Numbered(role.steps);
    }
    if (!card.equipment.empty()) {
      b.Heading("应急装备与物资");
      b.Numbered(card.equipment);
    }
    if (!card.precautions.empty()) {
      b.Heading("注意事项");
      b.Numbered(card.precautions);
    }
    b.Heading("应急联系方式");
    b.Phones(card.contacts);
    c.blocks = b.Take();
    return c;
  };
  return internal::RenderFlow(doc, content, assets.pictograms());
}

}  // namespace chemsafe::cards
