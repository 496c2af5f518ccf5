// The situation notice is read back the way the office reads it: the PDF with pdftotext and pdfinfo
// (poppler-utils, scripts/install-deps.sh; a test that needs them fails when they are missing), the XLSX
// with chemsafe::tabular's reader.
#include "chemsafe/cards/situation_notice.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "chemsafe/drawing/testing/pdf_check.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::cards {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using drawing_testing::HaveTool;
using drawing_testing::PdfInfo;
using drawing_testing::PdfText;
using drawing_testing::WriteFile;

const auto* const kReleaseFontCaches = drawing_testing::ReleaseFontCachesAtExit();

// Text with all white space removed: pdftotext breaks wrapped lines and separates table cells.
std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f') out += c;
  }
  return out;
}

constexpr const char* kUnitHeader = "单位类别报送情况报送日期逾期天数";
constexpr const char* kTaskHeader = "序号任务牵头单位进度状态下一节点";

// Counts consistent with the rows: 2 on time, 1 late, 1 missing, 1 pending.
SituationNotice SampleNotice() {
  SituationNotice n;
  n.issuer = "广东省安全生产委员会办公室";
  n.title = "关于2017年第三季度危险化学品安全综合治理工作进展情况的通报";
  n.plan = "《广东省危险化学品安全综合治理实施方案》（粤府办〔2017〕11号）";
  n.quarter = "2017年第三季度";
  n.due = "2017-10-10";
  n.as_of = "2017-10-15";
  n.date = "2017-10-20";
  n.unit_rows = {
      {"广州市人民政府", "地级以上市", "按时报送", "2017-10-09", 0},
      {"深圳市人民政府", "地级以上市", "逾期报送", "2017-10-13", 3},
      {"省公安厅", "省直单位", "逾期未报", "", 5},
      {"广州海关", "中直驻粤单位", "按时报送", "2017-10-10", 0},
      {"省交通运输厅", "省直单位", "未到期", "", 0},
  };
  n.units = 5;
  n.on_time = 2;
  n.late = 1;
  n.missing = 1;
  n.pending = 1;
  n.tasks = {
      {1, "全面摸排危险化学品安全风险", "省安全监管局", 87.5, "推进中", "2017-12-31 完成", false},
      {2, "开展重大危险源辨识评估", "省安全监管局、省公安厅", std::nullopt, "", "2017-06-30 完成", true},
      {3, "建设危险化学品监管信息平台", "省安全监管局", 100, "已完成", "", false},
  };
  n.measures = {{"T2", "重大危险源辨识覆盖率", "87.5%（1,750/2,000）"}, {"T5", "平台接入企业", "12家"}};
  n.remarks = {"各地、各有关单位要于每季度结束后10日内报送工作进展情况。"};
  return n;
}

// 80 units and 42 tasks with titles long enough to wrap: several pages. Units 7, 14, … are late, units
// 11, 22, … missing (77 missing): 63 on time, 10 late, 7 missing.
SituationNotice LargeNotice() {
  SituationNotice n = SampleNotice();
  n.unit_rows.clear();
  n.units = n.on_time = n.late = n.missing = n.pending = 0;
  for (int i = 1; i <= 80; ++i) {
    NoticeUnitRow r{fmt::format("测试单位{:03}", i), "地级以上市", "按时报送", "2017-10-09", 0};
    if (i % 7 == 0) r = {r.unit, "省直单位", "逾期报送", "2017-10-12", 2};
    if (i % 11 == 0) r = {r.unit, "省直单位", "逾期未报", "", 5};
    n.unit_rows.push_back(r);
    ++n.units;
    if (r.state == "按时报送") ++n.on_time;
    if (r.state == "逾期报送") ++n.late;
    if (r.state == "逾期未报") ++n.missing;
  }
  n.tasks.clear();
  for (int i = 1; i <= 42; ++i) {
    n.tasks.push_back({i, fmt::format("第{:02}项治理任务：健全危险化学品安全监管体制机制并落实属地管理责任", i),
                       "省安全监管局、省公安厅、省交通运输厅", 10.0 * (i % 10), "推进中", "2017-12-31 完成", i % 5 == 0});
  }
  return n;
}

class SituationNoticePdf : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty()) << "no temp dir";
    for (const char* tool : {"pdftotext", "pdfinfo"}) {
      ASSERT_TRUE(HaveTool(tool)) << tool << " is missing: run scripts/install-deps.sh";
    }
  }

  struct ReadBack {
    int pages = 0;
    std::string page_size;                // pdfinfo's "Page size" value
    std::string text;                     // pdftotext of all pages, in reading order
    std::string raw;                      // pdftotext -raw of all pages: in drawing order, so that the
                                          // lines of a wrapped cell stay together
    std::vector<std::string> page_texts;  // pdftotext -raw (drawing order) of each page
    std::string bbox;                     // pdftotext -bbox: every word with its box
  };

  ReadBack Read(const Result<std::string>& pdf) {
    ReadBack r;
    EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
    if (!pdf.ok()) return r;
    EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
    const fs::path file = dir_.path() / "notice.pdf";
    EXPECT_TRUE(WriteFile(file, *pdf));
    const std::string info = PdfInfo(file).out;
    std::smatch m;
    if (std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)"))) r.pages = std::stoi(m[1]);
    if (std::regex_search(info, m, std::regex("Page size:\\s+([^\\n]*?)\\s*(\\(A4\\))?\\n"))) r.page_size = m[1];
    r.text = PdfText(file).out;
    r.raw = PdfText(file, "-raw").out;
    for (int p = 1; p <= r.pages; ++p) r.page_texts.push_back(PdfText(file, fmt::format("-raw -f {} -l {}", p, p)).out);
    r.bbox = PdfText(file, "-bbox").out;
    return r;
  }

  // Page 1 as a raster at kDpi, read from pdftoppm's PPM output (P6, 8 bits a channel).
  static constexpr int kDpi = 50;
  struct Raster {
    int width = 0, height = 0;
    std::string pixels;  // RGB, rows top down
    // The colour at a point given in PDF points from the top left, as 0xRRGGBB; -1 outside.
    long At(double x_pt, double y_pt) const {
      const int x = static_cast<int>(x_pt * kDpi / 72), y = static_cast<int>(y_pt * kDpi / 72);
      if (x < 0 || y < 0 || x >= width || y >= height) return -1;
      const auto* p = reinterpret_cast<const unsigned char*>(pixels.data()) + 3 * (static_cast<std::size_t>(y) * width + x);
      return (static_cast<long>(p[0]) << 16) | (p[1] << 8) | p[2];
    }
  };
  Raster FirstPage(const Result<std::string>& pdf) {
    Raster r;
    if (!pdf.ok()) return r;
    const fs::path file = dir_.path() / "raster.pdf", stem = dir_.path() / "raster";
    EXPECT_TRUE(WriteFile(file, *pdf));
    const auto run = drawing_testing::RunTool(
        fmt::format("pdftoppm -r {} -f 1 -l 1 -singlefile '{}' '{}'", kDpi, file.string(), stem.string()));
    EXPECT_EQ(run.exit_code, 0);
    std::ifstream in(stem.string() + ".ppm", std::ios::binary);
    std::string magic;
    int max = 0;
    in >> magic >> r.width >> r.height >> max;
    in.get();  // the single white space after the header
    EXPECT_EQ(magic, "P6");
    EXPECT_EQ(max, 255);
    r.pixels.resize(static_cast<std::size_t>(r.width) * r.height * 3);
    in.read(r.pixels.data(), static_cast<std::streamsize>(r.pixels.size()));
    EXPECT_TRUE(in.good());
    return r;
  }

  drawing_testing::TempDir dir_{"chemsafe-notice"};
};

TEST_F(SituationNoticePdf, EverythingIsPrinted) {
  const SituationNotice n = SampleNotice();
  const ReadBack r = Read(RenderSituationNoticePdf(n));
  ASSERT_GE(r.pages, 1);
  EXPECT_EQ(r.page_size, "595.276 x 841.89 pts");  // A4 = 210 × 297 mm / 25.4 × 72
  const std::string s = Squeeze(r.text);
  EXPECT_THAT(s, HasSubstr(Squeeze(n.title)));
  EXPECT_THAT(s, HasSubstr(n.issuer));
  EXPECT_THAT(s, HasSubstr("应报送单位5个，按时报送2个，逾期报送1个，逾期未报1个，未到期1个"));
  EXPECT_THAT(s, HasSubstr("应于2017年10月10日前报送"));
  EXPECT_THAT(s, HasSubstr("截至2017年10月15日"));
  for (const auto& u : n.unit_rows) EXPECT_THAT(s, HasSubstr(u.unit));
  for (const auto& t : n.tasks) EXPECT_THAT(s, HasSubstr(t.title));
  for (const char* heading : {"一、报送情况", "二、任务进展", "三、平台监测", "四、工作要求"}) {
    EXPECT_THAT(s, HasSubstr(heading));
  }
  EXPECT_THAT(s, HasSubstr("T2重大危险源辨识覆盖率：87.5%（1,750/2,000）"));
  EXPECT_THAT(s, HasSubstr("T5平台接入企业：12家"));
  EXPECT_THAT(s, HasSubstr(Squeeze(n.remarks[0])));
  // The table rows in drawing order: cells of a row together.
  const std::string raw = Squeeze(r.page_texts.at(0));
  EXPECT_THAT(raw, HasSubstr(kUnitHeader));
  EXPECT_THAT(raw, HasSubstr(kTaskHeader));
  EXPECT_THAT(raw, HasSubstr("深圳市人民政府地级以上市逾期报送2017-10-133"));
  EXPECT_THAT(raw, HasSubstr("省公安厅省直单位逾期未报—5"));
  EXPECT_THAT(raw, HasSubstr("1全面摸排危险化学品安全风险省安全监管局87.5%推进中2017-12-31完成"));
  EXPECT_THAT(raw, HasSubstr("2开展重大危险源辨识评估省安全监管局、省公安厅未报逾期2017-06-30完成"));
  EXPECT_THAT(raw, HasSubstr("3建设危险化学品监管信息平台省安全监管局100%已完成"));
  // The issuer and the date close the notice, after the remarks; the page number under it all.
  EXPECT_THAT(Squeeze(r.raw),
              HasSubstr(Squeeze(n.remarks[0]) + n.issuer + fmt::format("2017年10月20日—{}—", r.pages)));
  // The issuer heads the page, above the title.
  EXPECT_EQ(raw.find(n.issuer), 0u) << raw.substr(0, 200);
}

TEST_F(SituationNoticePdf, DateIsPrintedInChineseWithoutLeadingZeros) {
  SituationNotice n = SampleNotice();
  n.date = "2018-01-05";
  const ReadBack r = Read(RenderSituationNoticePdf(n));
  const std::string s = Squeeze(r.text);
  EXPECT_THAT(s, HasSubstr("2018年1月5日"));
  EXPECT_THAT(s, Not(HasSubstr("2018-01-05")));
  EXPECT_THAT(s, Not(HasSubstr("2018年01月")));
}

TEST_F(SituationNoticePdf, LongNoticeContinuesWithTableHeadersRepeated) {
  const SituationNotice n = LargeNotice();
  const ReadBack r = Read(RenderSituationNoticePdf(n));
  ASSERT_GE(r.pages, 4);
  const std::string s = Squeeze(r.raw);
  for (const auto& u : n.unit_rows) EXPECT_THAT(s, HasSubstr(u.unit));
  for (const auto& t : n.tasks) EXPECT_THAT(s, HasSubstr(Squeeze(t.title)));
  EXPECT_THAT(s, HasSubstr("应报送单位80个，按时报送63个，逾期报送10个，逾期未报7个"));
  // On every page where a table has rows, its header row comes first, before any of its rows.
  int unit_pages = 0, task_pages = 0;
  for (int p = 0; p < r.pages; ++p) {
    const std::string page = Squeeze(r.page_texts[static_cast<std::size_t>(p)]);
    std::size_t first_unit = std::string::npos, first_task = std::string::npos;
    for (const auto& u : n.unit_rows) first_unit = std::min(first_unit, page.find(u.unit));
    for (const auto& t : n.tasks) first_task = std::min(first_task, page.find(Squeeze(t.title)));
    if (first_unit != std::string::npos) {
      ++unit_pages;
      const auto header = page.find(kUnitHeader);
      EXPECT_NE(header, std::string::npos) << "page " << p + 1;
      EXPECT_LT(header, first_unit) << "page " << p + 1;
    } else {
      EXPECT_THAT(page, Not(HasSubstr(kUnitHeader))) << "page " << p + 1;
    }
    if (first_task != std::string::npos) {
      ++task_pages;
      const auto header = page.find(kTaskHeader);
      EXPECT_NE(header, std::string::npos) << "page " << p + 1;
      EXPECT_LT(header, first_task) << "page " << p + 1;
    } else {
      EXPECT_THAT(page, Not(HasSubstr(kTaskHeader))) << "page " << p + 1;
    }
    // The page number, centred under the text: "— n —".
    EXPECT_THAT(page, HasSubstr(fmt::format("—{}—", p + 1))) << "page " << p + 1;
  }
  EXPECT_GE(unit_pages, 2);
  EXPECT_GE(task_pages, 2);
  // The notice ends with the issuer and the date on the last page.
  EXPECT_THAT(Squeeze(r.page_texts.back()), HasSubstr(n.issuer + "2017年10月20日"));
}

// Each attribute of a <word> box of pdftotext -bbox whose text is made only of characters of `alphabet`
// (UTF-8, three bytes a character): one word a wrapped line.
struct Box {
  double x_min = 0, x_max = 0, y_min = 0;
  std::string text;
  double y_max = 0;
};
std::vector<Box> WordsOf(const std::string& bbox, const std::string& alphabet) {
  std::vector<Box> out;
  const std::regex word(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"[0-9.]+\">([^<]*)</word>");
  for (auto it = std::sregex_iterator(bbox.begin(), bbox.end(), word); it != std::sregex_iterator(); ++it) {
    const std::string text = (*it)[4];
    bool inside = !text.empty() && text.size() % 3 == 0;
    for (std::size_t i = 0; inside && i < text.size(); i += 3) {
      const auto at = alphabet.find(text.substr(i, 3));
      inside = at != std::string::npos && at % 3 == 0;
    }
    if (inside) out.push_back({std::stod((*it)[1]), std::stod((*it)[3]), std::stod((*it)[2]), text});
  }
  return out;
}

TEST_F(SituationNoticePdf, LongCellTextWrapsWithinItsCell) {
  SituationNotice n = SampleNotice();
  const std::string alphabet = "甲乙丙丁戊己庚辛壬癸";
  std::string title;
  for (int i = 0; i < 10; ++i) title += alphabet;  // 100 characters
  n.tasks[0].title = title;
  const ReadBack r = Read(RenderSituationNoticePdf(n));
  // Drawn as one cell: its lines together in drawing order.
  EXPECT_THAT(Squeeze(r.page_texts.at(0)), HasSubstr("1" + title + "省安全监管局87.5%"));
  // Several lines, each inside the 任务 column: the text area starts 28 mm from the left and is 156 mm
  // wide (GB/T 9704-2012 §5.2.2); the columns take 0.8 and 4.0 of 11.9 shares of it.
  const double left = 28 * 72 / 25.4, width = 156 * 72 / 25.4;
  const double column_left = left + width * 0.8 / 11.9, column_right = left + width * 4.8 / 11.9;
  const std::vector<Box> lines = WordsOf(r.bbox, alphabet);
  ASSERT_GE(lines.size(), 3u) << r.bbox.substr(0, 2000);
  std::string joined;
  for (const Box& b : lines) {
    EXPECT_GE(b.x_min, column_left - 0.5) << b.text;  // tolerance 0.5 pt: rounding of the boxes
    EXPECT_LE(b.x_max, column_right + 0.5) << b.text;
    joined += b.text;
  }
  EXPECT_EQ(joined, title);
}

// The word box of `word` in pdftotext -bbox output (first match); nullopt when absent.
std::optional<Box> WordBox(const std::string& bbox, const std::string& word) {
  std::smatch m;
  const std::regex re("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">" + word +
                      "</word>");
  if (!std::regex_search(bbox, m, re)) return std::nullopt;
  return Box{std::stod(m[1]), std::stod(m[3]), std::stod(m[2]), word, std::stod(m[4])};
}

// Late rows are tinted orange, missing rows and overdue tasks red; the others stay white. The colours
// are those of situation_notice.cc (#FFF2CC, #FFDEDE), sampled inside the row right of its first cell's
// text, at 50 dpi (solid fills: no anti-aliasing there).
TEST_F(SituationNoticePdf, LateAndMissingRowsAreHighlighted) {
  const SituationNotice n = SampleNotice();
  const Result<std::string> pdf = RenderSituationNoticePdf(n);
  const ReadBack r = Read(pdf);
  const Raster page = FirstPage(pdf);
  ASSERT_GT(page.width, 0);
  auto colour_right_of = [&](const std::string& word) -> long {
    const auto box = WordBox(r.bbox, word);
    EXPECT_TRUE(box.has_value()) << word;
    if (!box) return -2;
    return page.At(box->x_max + 12, (box->y_min + box->y_max) / 2);
  };
  EXPECT_EQ(colour_right_of("广州市人民政府"), 0xFFFFFF);
  EXPECT_EQ(colour_right_of("深圳市人民政府"), 0xFFF2CC);
  EXPECT_EQ(colour_right_of("省公安厅"), 0xFFDEDE);
  EXPECT_EQ(colour_right_of("省交通运输厅"), 0xFFFFFF);
  EXPECT_EQ(colour_right_of("全面摸排危险化学品安全风险"), 0xFFFFFF);
  EXPECT_EQ(colour_right_of("开展重大危险源辨识评估"), 0xFFDEDE);
}

TEST_F(SituationNoticePdf, MarkupCharactersAreText) {
  SituationNotice n = SampleNotice();
  n.unit_rows[0].unit = "A&B <单位> \"甲\"";
  n.tasks[0].title = "<b>任务</b> & 其他";
  const ReadBack r = Read(RenderSituationNoticePdf(n));
  const std::string s = Squeeze(r.text);
  EXPECT_THAT(s, HasSubstr("A&B<单位>\"甲\""));
  EXPECT_THAT(s, HasSubstr("<b>任务</b>&其他"));
}

void ExpectInvalid(const Result<std::string>& r, const std::string& message_part) {
  ASSERT_FALSE(r.ok()) << "expected an error naming " << message_part;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
  EXPECT_THAT(r.status().message(), HasSubstr(message_part));
}

TEST(SituationNoticeErrors, FieldsAreNamed) {
  const SituationNotice good = SampleNotice();
  struct Case {
    std::string name;
    std::function<void(SituationNotice&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"issuer", [](SituationNotice& n) { n.issuer.clear(); }, "situation_notice.issuer: empty"},
      {"title", [](SituationNotice& n) { n.title.clear(); }, "situation_notice.title: empty"},
      {"date", [](SituationNotice& n) { n.date.clear(); }, "situation_notice.date: empty"},
      {"date form", [](SituationNotice& n) { n.date = "2017/10/20"; },
       "situation_notice.date: '2017/10/20' is not a date YYYY-MM-DD"},
      {"date day", [](SituationNotice& n) { n.date = "2017-02-30"; }, "situation_notice.date: '2017-02-30'"},
      {"due", [](SituationNotice& n) { n.due = "2017-13-01"; }, "situation_notice.due: '2017-13-01'"},
      {"as_of", [](SituationNotice& n) { n.as_of = "20171015"; }, "situation_notice.as_of: '20171015'"},
      {"filed_on", [](SituationNotice& n) { n.unit_rows[1].filed_on = "2017-10-1"; },
       "situation_notice.unit_rows[1].filed_on: '2017-10-1'"},
      {"state", [](SituationNotice& n) { n.unit_rows[2].state = "已报送"; },
       "situation_notice.unit_rows[2].state: '已报送' is not one of"},
      {"unit", [](SituationNotice& n) { n.unit_rows[3].unit.clear(); }, "situation_notice.unit_rows[3].unit: empty"},
      {"units", [](SituationNotice& n) { n.units = 6; }, "situation_notice.units: 6 but unit_rows has 5 rows"},
      {"on_time", [](SituationNotice& n) { n.on_time = 3; },
       "situation_notice.on_time: 3 but unit_rows has 2 rows 按时报送"},
      {"late", [](SituationNotice& n) { n.late = 0; }, "situation_notice.late: 0 but unit_rows has 1 rows 逾期报送"},
      {"missing", [](SituationNotice& n) { n.unit_rows[2].state = "逾期报送"; },
       "situation_notice.late: 1 but unit_rows has 2 rows 逾期报送"},
      {"pending", [](SituationNotice& n) { n.pending = 2; },
       "situation_notice.pending: 2 but unit_rows has 1 rows 未到期"},
      {"days_late", [](SituationNotice& n) { n.unit_rows[1].days_late = -1; },
       "situation_notice.unit_rows[1].days_late: -1"},
      {"percentage", [](SituationNotice& n) { n.tasks[0].percentage = 120; },
       "situation_notice.tasks[0].percentage: 120"},
      {"task title", [](SituationNotice& n) { n.tasks[2].title.clear(); }, "situation_notice.tasks[2].title: empty"},
      {"measure", [](SituationNotice& n) { n.measures[1].value.clear(); }, "situation_notice.measures[1].value: empty"},
      {"utf-8", [](SituationNotice& n) { n.plan = "\xff\xfe"; }, "situation_notice.plan: not valid UTF-8"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    SituationNotice n = good;
    c.change(n);
    ExpectInvalid(RenderSituationNoticePdf(n), c.message);
    ExpectInvalid(RenderSituationNoticeXlsx(n), c.message);
  }
  // Without the optional parts the notice is valid.
  SituationNotice bare = good;
  bare.plan.clear();
  bare.quarter.clear();
  bare.due.clear();
  bare.as_of.clear();
  bare.tasks.clear();
  bare.measures.clear();
  bare.remarks.clear();
  EXPECT_TRUE(RenderSituationNoticePdf(bare).ok());
  EXPECT_TRUE(RenderSituationNoticeXlsx(bare).ok());
}

// ---------------------------------------------------------------------------------------------------
// XLSX

std::vector<std::vector<std::string>> ReadSheet(const fs::path& file, const std::string& sheet) {
  std::vector<std::vector<std::string>> rows;
  auto reader = tabular::OpenTable(file.string(), {.sheet = sheet});
  EXPECT_TRUE(reader.ok()) << sheet << ": " << reader.status().ToString();
  if (!reader.ok()) return rows;
  tabular::Row row;
  for (;;) {
    auto more = (*reader)->Next(row);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    rows.push_back(row.cells);
  }
  return rows;
}

class SituationNoticeXlsx : public ::testing::Test {
 protected:
  // The workbook is written to a file in TMPDIR (pointed at a directory of the test's own, so that the
  // test can see it removed) and read back.
  void SetUp() override {
    ASSERT_FALSE(tmp_.path().empty());
    ASSERT_FALSE(out_.path().empty());
    if (const char* old = std::getenv("TMPDIR")) old_tmpdir_ = old;
    setenv("TMPDIR", tmp_.path().c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_) {
      setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }

  fs::path Write(const SituationNotice& n) {
    const Result<std::string> xlsx = RenderSituationNoticeXlsx(n);
    EXPECT_TRUE(xlsx.ok()) << xlsx.status().ToString();
    if (!xlsx.ok()) return {};
    EXPECT_EQ(xlsx->substr(0, 2), "PK");  // a ZIP archive (ECMA-376 Part 2)
    EXPECT_TRUE(fs::is_empty(tmp_.path())) << "the temporary workbook is left behind";
    const fs::path file = out_.path() / "notice.xlsx";
    EXPECT_TRUE(WriteFile(file, *xlsx));
    return file;
  }

  drawing_testing::TempDir tmp_{"chemsafe-notice-tmp"};
  drawing_testing::TempDir out_{"chemsafe-notice-out"};
  std::optional<std::string> old_tmpdir_;
};

TEST_F(SituationNoticeXlsx, FourSheetsWithTheRows) {
  const SituationNotice n = SampleNotice();
  const fs::path file = Write(n);
  ASSERT_FALSE(file.empty());

  // The sheets, in order: a missing sheet's error lists them.
  auto missing = tabular::OpenTable(file.string(), {.sheet = "none"});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("概况, 报送情况, 任务进展, 平台监测"));

  const auto overview = ReadSheet(file, "概况");
  std::map<std::string, std::string> values;
  for (const auto& row : overview) {
    ASSERT_EQ(row.size(), 2u);
    values[row[0]] = row[1];
  }
  EXPECT_EQ(overview.at(0), (std::vector<std::string>{"项目", "内容"}));
  EXPECT_EQ(values["发文单位"], n.issuer);
  EXPECT_EQ(values["标题"], n.title);
  EXPECT_EQ(values["季度"], "2017年第三季度");
  EXPECT_EQ(values["报送截止日期"], "2017-10-10");
  EXPECT_EQ(values["数据截至"], "2017-10-15");
  EXPECT_EQ(values["通报日期"], "2017-10-20");
  EXPECT_EQ(values["应报送单位"], "5");
  EXPECT_EQ(values["按时报送"], "2");
  EXPECT_EQ(values["逾期报送"], "1");
  EXPECT_EQ(values["逾期未报"], "1");
  EXPECT_EQ(values["未到期"], "1");
  EXPECT_EQ(values["工作要求"], n.remarks[0]);

  const auto units = ReadSheet(file, "报送情况");
  ASSERT_EQ(units.size(), 6u);
  EXPECT_EQ(units[0], (std::vector<std::string>{"单位", "类别", "报送情况", "报送日期", "逾期天数"}));
  EXPECT_EQ(units[2], (std::vector<std::string>{"深圳市人民政府", "地级以上市", "逾期报送", "2017-10-13", "3"}));
  EXPECT_EQ(units[3], (std::vector<std::string>{"省公安厅", "省直单位", "逾期未报", "", "5"}));
  for (std::size_t i = 0; i < n.unit_rows.size(); ++i) EXPECT_EQ(units[i + 1][0], n.unit_rows[i].unit);

  const auto tasks = ReadSheet(file, "任务进展");
  ASSERT_EQ(tasks.size(), 4u);
  EXPECT_EQ(tasks[0], (std::vector<std::string>{"序号", "任务", "牵头单位", "进度（%）", "状态", "逾期", "下一节点"}));
  EXPECT_EQ(tasks[1], (std::vector<std::string>{"1", "全面摸排危险化学品安全风险", "省安全监管局", "87.5", "推进中",
                                                "否", "2017-12-31 完成"}));
  EXPECT_EQ(tasks[2], (std::vector<std::string>{"2", "开展重大危险源辨识评估", "省安全监管局、省公安厅", "未报", "",
                                                "是", "2017-06-30 完成"}));
  EXPECT_EQ(tasks[3].at(3), "100");

  const auto measures = ReadSheet(file, "平台监测");
  ASSERT_EQ(measures.size(), 3u);
  EXPECT_EQ(measures[0], (std::vector<std::string>{"任务", "指标", "数值"}));
  EXPECT_EQ(measures[1], (std::vector<std::string>{"T2", "重大危险源辨识覆盖率", "87.5%（1,750/2,000）"}));
  EXPECT_EQ(measures[2], (std::vector<std::string>{"T5", "平台接入企业", "12家"}));
}

// A part of the workbook's ZIP archive (ECMA-376 Part 2), empty when absent.
std::string ZipPart(const fs::path& file, const std::string& part) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &err);
  if (z == nullptr) return {};
  std::string out;
  zip_stat_t st;
  if (zip_stat(z, part.c_str(), 0, &st) == 0) {
    if (zip_file_t* f = zip_fopen(z, part.c_str(), 0)) {
      out.resize(st.size);
      if (zip_fread(f, out.data(), st.size) != static_cast<zip_int64_t>(st.size)) out.clear();
      zip_fclose(f);
    }
  }
  zip_discard(z);
  return out;
}

// The value of cell `ref` when it is a number cell: no t attribute (ECMA-376 Part 1 §18.3.1.4: t
// defaults to "n", a number); nullopt for a text cell or none.
std::optional<std::string> NumberCell(const std::string& sheet_xml, const std::string& ref) {
  std::smatch m;
  if (!std::regex_search(sheet_xml, m, std::regex("<c r=\"" + ref + "\"( s=\"[0-9]+\")?><v>([^<]*)</v></c>"))) {
    return std::nullopt;
  }
  return m[2].str();
}

// Counts, percentages and days late are number cells, so that Excel sums and sorts them. libxlsxwriter
// names the sheets' parts sheet1.xml… in the order they were added.
TEST_F(SituationNoticeXlsx, NumbersAreNumberCells) {
  const fs::path file = Write(SampleNotice());
  ASSERT_FALSE(file.empty());
  const std::string overview = ZipPart(file, "xl/worksheets/sheet1.xml");
  const std::string units = ZipPart(file, "xl/worksheets/sheet2.xml");
  const std::string tasks = ZipPart(file, "xl/worksheets/sheet3.xml");
  ASSERT_FALSE(overview.empty() || units.empty() || tasks.empty());
  EXPECT_EQ(NumberCell(overview, "B9"), "5");   // 应报送单位
  EXPECT_EQ(NumberCell(overview, "B11"), "1");  // 逾期报送
  EXPECT_EQ(NumberCell(units, "E3"), "3");      // 深圳市人民政府: 3 days late
  EXPECT_EQ(NumberCell(units, "E2"), "0");
  EXPECT_EQ(NumberCell(tasks, "A2"), "1");
  EXPECT_EQ(NumberCell(tasks, "D2"), "87.5");
  EXPECT_EQ(NumberCell(tasks, "D3"), std::nullopt);  // 未报: text
  EXPECT_EQ(NumberCell(units, "A2"), std::nullopt);  // a unit's name: text
}

TEST_F(SituationNoticeXlsx, LargeNoticeHasEveryRow) {
  const SituationNotice n = LargeNotice();
  const fs::path file = Write(n);
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(ReadSheet(file, "报送情况").size(), 81u);
  EXPECT_EQ(ReadSheet(file, "任务进展").size(), 43u);
}

}  // namespace
}  // namespace chemsafe::cards
