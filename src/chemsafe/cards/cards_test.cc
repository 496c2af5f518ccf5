// Cards are read back the way a person and a scanner read them: the pages with pdftoppm, the text with
// pdftotext, the QR code with zbarimg from a 300 dpi raster of page 1. The tools come from poppler-utils
// and zbar-tools (scripts/install-deps.sh); a test that needs one fails when it is missing.
#include "chemsafe/cards/cards.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "chemsafe/drawing/testing/pdf_check.h"

namespace chemsafe::cards {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using drawing_testing::HaveTool;
using drawing_testing::PdfInfo;
using drawing_testing::PdfText;
using drawing_testing::PdfToPng;
using drawing_testing::ScanQr;
using drawing_testing::WriteFile;

// Text with all white space removed: a long item may wrap, and pdftotext then breaks it where it wrapped.
std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f') out += c;
  }
  return out;
}

constexpr const char* kPostUrl = "https://chemsafe.example/r/risk-points/42";
constexpr const char* kMhiUrl = "https://chemsafe.example/r/mhi/440101-0007";
constexpr const char* kEmergencyUrl = "https://chemsafe.example/r/emergency-cards/17";

PostRiskCard SamplePostCard() {
  PostRiskCard c;
  c.record = {kPostUrl, 3, "2026-11-29"};
  c.enterprise = "广州示例化工有限公司";
  c.post = "液氯储罐区巡检岗";
  c.risk_points = {{"液氯储罐区", RiskGrade::kMajor, {"中毒", "泄漏", "容器爆炸"}},
                   {"装卸鹤位", RiskGrade::kGeneral, {"泄漏", "车辆伤害"}}};
  c.chemicals = {{"氯", "7782-50-5", {"GHS04", "GHS06", "GHS09"}, trace::SignalWord::kDanger},
                 {"氢氧化钠", "1310-73-2", {"GHS05"}, trace::SignalWord::kDanger}};
  c.measures.engineering = {"储罐区设置氯气泄漏检测报警仪并与事故吸收装置联锁"};
  c.measures.management = {"每两小时巡检一次并记录"};
  c.measures.training = {"每年参加液氯泄漏处置培训"};
  c.measures.ppe = {"巡检时携带正压式空气呼吸器"};
  c.measures.emergency = {"事故氯吸收装置保持备用"};
  c.emergency_actions = {"发现泄漏立即报告中控室", "佩戴正压式空气呼吸器后关闭泄漏点上游阀门", "向上风向撤离无关人员"};
  c.emergency_phones = {{"火警", "119"}, {"急救", "120"}, {"企业应急值班", "020-12345678"}};
  c.responsible = {"王建国", "13800138000"};
  return c;
}

MhiNotice SampleMhiNotice() {
  MhiNotice n;
  n.record = {kMhiUrl, 2, "2026-10-08"};
  n.enterprise = "广州示例化工有限公司";
  n.installation = "液氯储罐区";
  n.grade = MhiGrade::kGrade2;
  n.r_value = 68.5;
  n.chemicals = {{{"氯", "7782-50-5", {"GHS04", "GHS06", "GHS09"}, trace::SignalWord::kDanger}, 25.5, 5},
                 {{"甲醇", "67-56-1", {"GHS02", "GHS06", "GHS08"}, trace::SignalWord::kDanger}, 120, 500}};
  n.accidents = {"液氯泄漏导致人员中毒", "储罐超压导致容器爆炸"};
  n.measures = {"设置有毒气体检测报警系统", "配备事故氯吸收装置和应急救援器材"};
  n.principal = {"李明", "13900139000"};
  n.technical = {"张华", "13700137000"};
  n.operational = {"陈刚", "13600136000"};
  return n;
}

EmergencyCard SampleEmergencyCard() {
  EmergencyCard e;
  e.record = {kEmergencyUrl, 1, "2026-11-29"};
  e.title = "液氯泄漏应急处置卡";
  e.enterprise = "广州示例化工有限公司";
  e.location = "液氯储罐区";
  e.activation_conditions = {"氯气检测报警仪报警", "现场发现氯气泄漏"};
  e.actions = {{"现场操作人员", {"立即报告班长和中控室", "佩戴正压式空气呼吸器关闭泄漏点上游阀门"}},
               {"班长", {"启动事故氯吸收装置", "组织无关人员向上风向撤离"}}};
  e.equipment = {"正压式空气呼吸器 4 套", "重型防化服 2 套"};
  e.precautions = {"严禁无防护进入泄漏区域"};
  e.contacts = {{"火警", "119"}, {"企业应急值班", "020-12345678"}};
  return e;
}

// Releases the font caches at the end, for the leak checker (and sets its suppression for cairo).
const auto* const kReleaseFontCaches = drawing_testing::ReleaseFontCachesAtExit();

// The pictograms, read once for the whole program; null (and a failure of the test asking) when they
// cannot be read.
const CardAssets* SharedAssets() {
  static const Result<CardAssets> loaded = CardAssets::Load(CHEMSAFE_TEST_DATA_DIR);
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  return loaded.ok() ? &*loaded : nullptr;
}

std::string SizeName(PageSize s) { return s == PageSize::kA4 ? "A4" : "A5"; }

class CardsRender : public ::testing::TestWithParam<PageSize> {
 protected:
  void SetUp() override {
    assets_ = SharedAssets();
    ASSERT_NE(assets_, nullptr);
    ASSERT_FALSE(dir_.path().empty()) << "no temp dir";
    for (const char* tool : {"pdftoppm", "pdftotext", "pdfinfo", "zbarimg"}) {
      ASSERT_TRUE(HaveTool(tool)) << tool << " is missing: run scripts/install-deps.sh";
    }
  }

  // What a reader gets back from a rendered card.
  struct ReadBack {
    int pages = 0;          // PNG files pdftoppm wrote
    std::string text;       // pdftotext of all pages
    std::string last_page;  // pdftotext of the last page
    std::string qr;         // zbarimg of page 1
    std::string page_size;  // pdfinfo's "Page size" line
    std::string bbox;       // pdftotext -bbox: every word with its box
  };

  ReadBack Read(const Result<std::string>& pdf) {
    ReadBack r;
    EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
    if (!pdf.ok()) return r;
    EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
    const fs::path file = dir_.path() / "card.pdf";
    EXPECT_TRUE(WriteFile(file, *pdf));
    // Every page as PNG (at 50 dpi: only counted), then page 1 at 300 dpi for the scanner.
    const fs::path pages = dir_.path() / "pages";
    fs::remove_all(pages);
    fs::create_directories(pages);
    EXPECT_EQ(PdfToPng(file, pages / "p", 50).exit_code, 0);
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(pages)) ++r.pages;
    const fs::path first = dir_.path() / "first";
    EXPECT_EQ(PdfToPng(file, first, 300, "-f 1 -l 1 -singlefile").exit_code, 0);
    r.qr = ScanQr(first.string() + ".png").out;
    r.text = PdfText(file).out;
    const std::string n = std::to_string(r.pages);
    r.last_page = PdfText(file, "-f " + n + " -l " + n).out;
    r.bbox = PdfText(file, "-bbox").out;
    const auto info = PdfInfo(file);
    const auto at = info.out.find("Page size:");
    if (at != std::string::npos) r.page_size = info.out.substr(at, info.out.find('\n', at) - at);
    return r;
  }

  // A4 = 595.276 × 841.89 pt, A5 = 419.528 × 595.276 pt (mm / 25.4 × 72).
  static std::string ExpectedPageSize(PageSize s) {
    return s == PageSize::kA4 ? "595.276 x 841.89 pts" : "419.528 x 595.276 pts";
  }

  const CardAssets* assets_ = nullptr;
  drawing_testing::TempDir dir_{"chemsafe-cards"};
};

// The height in points of the first word box pdftotext -bbox reports for `word` (a run of CJK text
// without spaces is one word): the font's size times its line height. -1 when absent.
double WordHeight(const std::string& bbox, const std::string& word) {
  const auto at = bbox.find(">" + word + "</word>");
  if (at == std::string::npos) return -1;
  const auto open = bbox.rfind("<word", at);
  const std::string tag = bbox.substr(open, at - open);
  auto attr = [&tag](const std::string& name) {
    const auto p = tag.find(name + "=\"");
    return p == std::string::npos ? 0.0 : std::stod(tag.substr(p + name.size() + 2));
  };
  return attr("yMax") - attr("yMin");
}

void ExpectAll(const std::string& text, const std::vector<std::string>& items) {
  const std::string squeezed = Squeeze(text);
  for (const auto& item : items) EXPECT_THAT(squeezed, HasSubstr(Squeeze(item))) << item;
}

TEST_P(CardsRender, PostRiskCardIsOnePageWithItsTextAndQrCode) {
  const PostRiskCard card = SamplePostCard();
  const ReadBack r = Read(RenderPostRiskCard(card, *assets_, GetParam()));
  EXPECT_EQ(r.pages, 1);
  EXPECT_THAT(r.page_size, HasSubstr(ExpectedPageSize(GetParam())));
  EXPECT_EQ(r.qr, std::string(kPostUrl) + "\n");  // exactly one symbol, exactly the URL
  EXPECT_THAT(r.text, HasSubstr("岗位风险告知卡"));
  EXPECT_THAT(r.text, HasSubstr("版本 3 · 2026-11-29"));
  EXPECT_THAT(r.text, HasSubstr(kPostUrl));
  EXPECT_THAT(r.text, HasSubstr("广州示例化工有限公司"));
  EXPECT_THAT(r.text, HasSubstr("液氯储罐区巡检岗"));
  EXPECT_THAT(r.text, HasSubstr("重大风险（红色）"));
  EXPECT_THAT(r.text, HasSubstr("一般风险（黄色）"));
  EXPECT_THAT(r.text, HasSubstr("王建国"));
  EXPECT_THAT(r.text, HasSubstr("7782-50-5"));
  ExpectAll(r.text, {"液氯储罐区", "装卸鹤位", "中毒、泄漏、容器爆炸", "氯", "氢氧化钠", "信号词：危险", "工程技术措施",
                     "管理措施", "培训教育措施", "个体防护措施", "应急措施", "应急处置措施", "应急电话", "119", "120",
                     "020-12345678", "13800138000"});
  for (const auto& m : {card.measures.engineering[0], card.measures.management[0], card.measures.training[0],
                        card.measures.ppe[0], card.measures.emergency[0]}) {
    ExpectAll(r.text, {m});
  }
  for (std::size_t i = 0; i < card.emergency_actions.size(); ++i) {
    ExpectAll(r.text, {std::to_string(i + 1) + ". " + card.emergency_actions[i]});
  }
}

TEST_P(CardsRender, MhiNoticeIsOnePageWithItsTextAndQrCode) {
  const MhiNotice notice = SampleMhiNotice();
  const ReadBack r = Read(RenderMhiNotice(notice, *assets_, GetParam()));
  EXPECT_EQ(r.pages, 1);
  EXPECT_THAT(r.page_size, HasSubstr(ExpectedPageSize(GetParam())));
  EXPECT_EQ(r.qr, std::string(kMhiUrl) + "\n");
  EXPECT_THAT(r.text, HasSubstr("重大危险源公告"));
  EXPECT_THAT(r.text, HasSubstr("版本 2 · 2026-10-08"));
  EXPECT_THAT(r.text, HasSubstr(kMhiUrl));
  EXPECT_THAT(r.text, HasSubstr("二级重大危险源"));
  EXPECT_THAT(r.text, HasSubstr("68.5"));
  EXPECT_THAT(r.text, HasSubstr("最大存在量 25.5 t"));
  EXPECT_THAT(r.text, HasSubstr("临界量 5 t"));
  EXPECT_THAT(r.text, HasSubstr("临界量 500 t"));
  ExpectAll(r.text, {"广州示例化工有限公司", "液氯储罐区", "甲醇", "67-56-1", "可能发生的事故类型及后果",
                     "1. 液氯泄漏导致人员中毒", "2. 储罐超压导致容器爆炸", "安全措施和应急措施",
                     "1. 设置有毒气体检测报警系统", "2. 配备事故氯吸收装置和应急救援器材", "主要负责人：李明",
                     "13900139000", "技术负责人：张华", "13700137000", "操作负责人：陈刚", "13600136000"});
}

TEST_P(CardsRender, EmergencyCardIsOnePageWithItsTextAndQrCode) {
  const EmergencyCard card = SampleEmergencyCard();
  const ReadBack r = Read(RenderEmergencyCard(card, *assets_, GetParam()));
  EXPECT_EQ(r.pages, 1);
  EXPECT_THAT(r.page_size, HasSubstr(ExpectedPageSize(GetParam())));
  EXPECT_EQ(r.qr, std::string(kEmergencyUrl) + "\n");
  EXPECT_THAT(r.text, HasSubstr("液氯泄漏应急处置卡"));
  EXPECT_THAT(r.text, HasSubstr("版本 1 · 2026-11-29"));
  EXPECT_THAT(r.text, HasSubstr(kEmergencyUrl));
  ExpectAll(r.text, {"启动条件", "1. 氯气检测报警仪报警", "2. 现场发现氯气泄漏", "应急处置程序", "现场操作人员",
                     "1. 立即报告班长和中控室", "2. 佩戴正压式空气呼吸器关闭泄漏点上游阀门", "班长",
                     "1. 启动事故氯吸收装置", "2. 组织无关人员向上风向撤离", "应急装备与物资", "正压式空气呼吸器 4 套",
                     "重型防化服 2 套", "注意事项", "严禁无防护进入泄漏区域", "应急联系方式", "020-12345678"});
  // Sections follow the card's order.
  const std::string s = Squeeze(r.text);
  EXPECT_LT(s.find("启动条件"), s.find("应急处置程序"));
  EXPECT_LT(s.find("应急处置程序"), s.find("应急装备与物资"));
  EXPECT_LT(s.find("应急装备与物资"), s.find("注意事项"));
}

// More than a page holds at the base size, less than at 7 pt: one page, the text set smaller. The
// numbers of added items are in the middle of the range that does so (measured: A4 16–32, A5 10–14).
TEST_P(CardsRender, LongerCardIsSetSmallerOnOnePage) {
  PostRiskCard card = SamplePostCard();
  card.chemicals.resize(1);
  card.measures = {};
  const ReadBack normal = Read(RenderPostRiskCard(card, *assets_, GetParam()));
  EXPECT_EQ(normal.pages, 1);
  const double normal_h = WordHeight(normal.bbox, "发现泄漏立即报告中控室");
  ASSERT_GT(normal_h, 0);
  const int added = GetParam() == PageSize::kA4 ? 24 : 12;
  for (int i = 1; i <= added; ++i) card.emergency_actions.push_back("补充措施" + std::to_string(i));
  const ReadBack r = Read(RenderPostRiskCard(card, *assets_, GetParam()));
  EXPECT_EQ(r.pages, 1);
  const double h = WordHeight(r.bbox, "发现泄漏立即报告中控室");
  EXPECT_GT(h, 0);
  EXPECT_LT(h, 0.95 * normal_h);
  // Not under 7 pt: the base sizes are 11 pt (A4) and 9 pt (A5); 1 % for rounding of the boxes.
  EXPECT_GE(h, (GetParam() == PageSize::kA4 ? 7.0 / 11.0 : 7.0 / 9.0) * normal_h * 0.99);
  ExpectAll(r.text, {std::to_string(added + 3) + ". 补充措施" + std::to_string(added), "应急电话"});
}

// Far more than a page holds at 7 pt: the card continues on further pages, every item printed once, the
// footer on every page, the QR code on the first.
TEST_P(CardsRender, OverlongCardsContinueOnFurtherPages) {
  PostRiskCard post = SamplePostCard();
  post.emergency_actions.clear();
  for (int i = 1; i <= 150; ++i)
    post.emergency_actions.push_back("第" + std::to_string(i) + "项应急处置措施：关闭阀门并报告");
  ReadBack r = Read(RenderPostRiskCard(post, *assets_, GetParam()));
  EXPECT_GT(r.pages, 1);
  EXPECT_EQ(r.qr, std::string(kPostUrl) + "\n");
  EXPECT_THAT(r.last_page, HasSubstr("版本 3 · 2026-11-29"));
  EXPECT_THAT(r.last_page, HasSubstr("岗位风险告知卡（续）"));
  EXPECT_THAT(r.last_page, HasSubstr("应急电话"));
  // pdftotext drops the narrow spaces between CJK and digits here.
  EXPECT_THAT(Squeeze(r.text), HasSubstr("第1页/共" + std::to_string(r.pages) + "页"));
  const std::string s = Squeeze(r.text);
  for (int i = 1; i <= 150; ++i) {
    const std::string item = Squeeze(std::to_string(i) + ". 第" + std::to_string(i) + "项应急处置措施：关闭阀门并报告");
    const auto at = s.find(item);
    EXPECT_NE(at, std::string::npos) << item;
    if (at != std::string::npos) {
      EXPECT_EQ(s.find(item, at + 1), std::string::npos) << item << " printed twice";
    }
  }

  EmergencyCard e = SampleEmergencyCard();
  for (int role = 1; role <= 12; ++role) {
    RoleActions a{"岗位" + std::to_string(role), {}};
    for (int k = 1; k <= 12; ++k) a.steps.push_back("岗位" + std::to_string(role) + "第" + std::to_string(k) + "步");
    e.actions.push_back(a);
  }
  r = Read(RenderEmergencyCard(e, *assets_, GetParam()));
  EXPECT_GT(r.pages, 1);
  EXPECT_EQ(r.qr, std::string(kEmergencyUrl) + "\n");
  EXPECT_THAT(r.last_page, HasSubstr("版本 1 · 2026-11-29"));
  ExpectAll(r.text, {"岗位1第1步", "岗位12第12步", "应急联系方式"});

  MhiNotice n = SampleMhiNotice();
  for (int i = 1; i <= 40; ++i) {
    n.chemicals.push_back({{"化学品" + std::to_string(i), "", {"GHS02", "GHS07"}, trace::SignalWord::kWarning}, 1, 10});
  }
  r = Read(RenderMhiNotice(n, *assets_, GetParam()));
  EXPECT_GT(r.pages, 1);
  EXPECT_EQ(r.qr, std::string(kMhiUrl) + "\n");
  ExpectAll(r.text, {"化学品1", "化学品40", "操作负责人：陈刚"});
}

INSTANTIATE_TEST_SUITE_P(Cards, CardsRender, ::testing::Values(PageSize::kA4, PageSize::kA5),
                         [](const ::testing::TestParamInfo<PageSize>& p) { return SizeName(p.param); });

class CardsErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    assets_ = SharedAssets();
    ASSERT_NE(assets_, nullptr);
  }
  static void ExpectInvalid(const Result<std::string>& r, const std::string& message) {
    ASSERT_FALSE(r.ok()) << message;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr(message));
  }
  const CardAssets* assets_ = nullptr;
};

TEST_F(CardsErrors, EmptyRequiredFieldIsNamed) {
  PostRiskCard p = SamplePostCard();
  p.post.clear();
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.post: empty");
  p = SamplePostCard();
  p.enterprise.clear();
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.enterprise: empty");
  p = SamplePostCard();
  p.risk_points.clear();
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.risk_points: empty");
  p = SamplePostCard();
  p.risk_points[1].name.clear();
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.risk_points[1].name: empty");
  p = SamplePostCard();
  p.emergency_phones.clear();
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA5), "post_card.emergency_phones: empty");
  p = SamplePostCard();
  p.responsible.name.clear();
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA5), "post_card.responsible.name: empty");
  p = SamplePostCard();
  p.measures.ppe.push_back("");
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA5), "post_card.measures.ppe[1]: empty");
  p = SamplePostCard();
  p.record.date.clear();
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA5), "post_card.record.date: empty");

  MhiNotice n = SampleMhiNotice();
  n.installation.clear();
  ExpectInvalid(RenderMhiNotice(n, *assets_, PageSize::kA4), "mhi_notice.installation: empty");
  n = SampleMhiNotice();
  n.technical.name.clear();
  ExpectInvalid(RenderMhiNotice(n, *assets_, PageSize::kA4), "mhi_notice.technical.name: empty");
  n = SampleMhiNotice();
  n.chemicals[0].chemical.name_zh.clear();
  ExpectInvalid(RenderMhiNotice(n, *assets_, PageSize::kA4), "mhi_notice.chemicals[0].chemical.name_zh: empty");

  EmergencyCard e = SampleEmergencyCard();
  e.title.clear();
  ExpectInvalid(RenderEmergencyCard(e, *assets_, PageSize::kA4), "emergency_card.title: empty");
  e = SampleEmergencyCard();
  e.activation_conditions.clear();
  ExpectInvalid(RenderEmergencyCard(e, *assets_, PageSize::kA4), "emergency_card.activation_conditions: empty");
  e = SampleEmergencyCard();
  e.actions[1].steps.clear();
  ExpectInvalid(RenderEmergencyCard(e, *assets_, PageSize::kA4), "emergency_card.actions[1].steps: empty");
  e = SampleEmergencyCard();
  e.contacts.clear();
  ExpectInvalid(RenderEmergencyCard(e, *assets_, PageSize::kA4), "emergency_card.contacts: empty");
  e = SampleEmergencyCard();
  e.enterprise.clear();  // optional
  e.location.clear();
  e.equipment.clear();
  e.precautions.clear();
  EXPECT_TRUE(RenderEmergencyCard(e, *assets_, PageSize::kA5).ok());
}

TEST_F(CardsErrors, NonAsciiOrOverlongUrlIsRefused) {
  PostRiskCard p = SamplePostCard();
  p.record.url = "https://chemsafe.example/r/风险点/42";
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4),
                "post_card.record.url: byte 27 is 0xE9, not printable ASCII");
  p.record.url = "https://chemsafe.example/r/risk-points/42\n";
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.record.url: byte 41 is 0x0A");
  p.record.url.clear();
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.record.url: empty");

  MhiNotice n = SampleMhiNotice();
  n.record.url = std::string("https://chemsafe.example/r/mhi/") + "\xc3\xa9";
  ExpectInvalid(RenderMhiNotice(n, *assets_, PageSize::kA5), "mhi_notice.record.url: byte 31 is 0xC3");
  EmergencyCard e = SampleEmergencyCard();
  e.record.url = "https://chemsafe.example/r/emergency-cards/应急";
  ExpectInvalid(RenderEmergencyCard(e, *assets_, PageSize::kA5), "emergency_card.record.url: byte 43 is 0xE5");
  // 400 bytes need QR version 14 (73 modules + 8 of quiet zone): 0.32 mm on the A5 card's 26 mm.
  e.record.url = "https://chemsafe.example/r/emergency-cards/17?" + std::string(354, 'a');
  ExpectInvalid(RenderEmergencyCard(e, *assets_, PageSize::kA5), "under the 0.5 mm minimum");
}

TEST_F(CardsErrors, OtherBadFieldsAreNamed) {
  PostRiskCard p = SamplePostCard();
  p.record.version = 0;
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.record.version");
  p = SamplePostCard();
  p.record.date = "2026-11-2";
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.record.date: '2026-11-2' is not YYYY-MM-DD");
  p = SamplePostCard();
  p.chemicals[1].pictograms = {"GHS05", "GHS10"};
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4),
                "post_card.chemicals[1].pictograms: unknown code 'GHS10'");
  p.chemicals[1].pictograms = {"GHS05", "GHS05"};
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "'GHS05' given twice");
  p = SamplePostCard();
  p.post = "\xff\xfe";
  ExpectInvalid(RenderPostRiskCard(p, *assets_, PageSize::kA4), "post_card.post: not valid UTF-8");
  MhiNotice n = SampleMhiNotice();
  n.chemicals[1].quantity_t = 0;
  ExpectInvalid(RenderMhiNotice(n, *assets_, PageSize::kA4), "mhi_notice.chemicals[1].quantity_t");
  n = SampleMhiNotice();
  n.r_value = -1;
  ExpectInvalid(RenderMhiNotice(n, *assets_, PageSize::kA4), "mhi_notice.r_value");
  // Markup characters in the text are text.
  p = SamplePostCard();
  p.enterprise = "A&B <Chem> \"Ltd\"";
  EXPECT_TRUE(RenderPostRiskCard(p, *assets_, PageSize::kA4).ok());
}

TEST(CardsNames, GradesInChinese) {
  EXPECT_EQ(RiskGradeColourZh(RiskGrade::kLarger), "橙色");
  EXPECT_EQ(RiskGradeColourZh(RiskGrade::kGeneral), "黄色");
  EXPECT_EQ(MhiGradeZh(MhiGrade::kGrade1), "一级");
  EXPECT_EQ(MhiGradeZh(MhiGrade::kGrade4), "四级");
}

}  // namespace
}  // namespace chemsafe::cards
