// The situation notice as PDF (cairo + pango through chemsafe::drawing, laid out here: the cards' page
// engine, internal/flow.h, flows blocks beside a QR code and has no tables) and as XLSX (chemsafe::tabular).
// Validation first; both renderers then trust the notice.
#include "chemsafe/cards/situation_notice.h"

#include <fmt/format.h>
#include <glib.h>
#include <pango/pango.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string_view>

#include "chemsafe/core/calendar.h"
#include "chemsafe/drawing/drawing.h"
#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::cards {
namespace {

using drawing::EscapeMarkup;
using drawing::kPtPerMm;
using drawing::LayoutHeightPt;
using drawing::LayoutPtr;
using tabular::Cell;

// The states of a unit's report, in Chinese as governance/status.h names them.
constexpr std::string_view kOnTime = "按时报送";
constexpr std::string_view kLate = "逾期报送";
constexpr std::string_view kMissing = "逾期未报";
constexpr std::string_view kPending = "未到期";

// ---------------------------------------------------------------------------------------------------
// Validation: every error names the field as "situation_notice.<path>: …".

Status Fail(std::string_view field, std::string_view what) {
  return InvalidArgument(fmt::format("situation_notice.{}: {}", field, what));
}

Status CheckText(std::string_view field, std::string_view text) {
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return Fail(field, "not valid UTF-8");
  return Status::Ok();
}

Status CheckRequired(std::string_view field, std::string_view text) {
  if (text.empty()) return Fail(field, "empty");
  return CheckText(field, text);
}

// A calendar date "YYYY-MM-DD"; empty passes unless `required`.
enum class Presence { kRequired, kOptional };
Status CheckDate(std::string_view field, std::string_view text, Presence presence) {
  if (text.empty()) return presence == Presence::kRequired ? Fail(field, "empty") : Status::Ok();
  if (!Date::Parse(text).ok()) return Fail(field, fmt::format("'{}' is not a date YYYY-MM-DD", text));
  return Status::Ok();
}

Status CheckCount(std::string_view field, int given, int counted, std::string_view what) {
  if (given != counted) {
    return Fail(field, fmt::format("{} but unit_rows has {} {}", given, counted, what));
  }
  return Status::Ok();
}

Status Validate(const SituationNotice& n) {
  CHEMSAFE_RETURN_IF_ERROR(CheckRequired("issuer", n.issuer));
  CHEMSAFE_RETURN_IF_ERROR(CheckRequired("title", n.title));
  CHEMSAFE_RETURN_IF_ERROR(CheckDate("date", n.date, Presence::kRequired));
  CHEMSAFE_RETURN_IF_ERROR(CheckDate("due", n.due, Presence::kOptional));
  CHEMSAFE_RETURN_IF_ERROR(CheckDate("as_of", n.as_of, Presence::kOptional));
  CHEMSAFE_RETURN_IF_ERROR(CheckText("plan", n.plan));
  CHEMSAFE_RETURN_IF_ERROR(CheckText("quarter", n.quarter));
  int on_time = 0, late = 0, missing = 0, pending = 0;
  for (std::size_t i = 0; i < n.unit_rows.size(); ++i) {
    const NoticeUnitRow& r = n.unit_rows[i];
    const std::string at = fmt::format("unit_rows[{}]", i);
    CHEMSAFE_RETURN_IF_ERROR(CheckRequired(at + ".unit", r.unit));
    CHEMSAFE_RETURN_IF_ERROR(CheckText(at + ".category", r.category));
    CHEMSAFE_RETURN_IF_ERROR(CheckDate(at + ".filed_on", r.filed_on, Presence::kOptional));
    if (r.days_late < 0) return Fail(at + ".days_late", fmt::format("{} is negative", r.days_late));
    if (r.state == kOnTime) {
      ++on_time;
    } else if (r.state == kLate) {
      ++late;
    } else if (r.state == kMissing) {
      ++missing;
    } else if (r.state == kPending) {
      ++pending;
    } else {
      return Fail(at + ".state", fmt::format("'{}' is not one of {}, {}, {}, {}", r.state, kOnTime, kLate, kMissing,
                                             kPending));
    }
  }
  CHEMSAFE_RETURN_IF_ERROR(CheckCount("units", n.units, static_cast<int>(n.unit_rows.size()), "rows"));
  CHEMSAFE_RETURN_IF_ERROR(CheckCount("on_time", n.on_time, on_time, fmt::format("rows {}", kOnTime)));
  CHEMSAFE_RETURN_IF_ERROR(CheckCount("late", n.late, late, fmt::format("rows {}", kLate)));
  CHEMSAFE_RETURN_IF_ERROR(CheckCount("missing", n.missing, missing, fmt::format("rows {}", kMissing)));
  CHEMSAFE_RETURN_IF_ERROR(CheckCount("pending", n.pending, pending, fmt::format("rows {}", kPending)));
  for (std::size_t i = 0; i < n.tasks.size(); ++i) {
    const NoticeTaskRow& t = n.tasks[i];
    const std::string at = fmt::format("tasks[{}]", i);
    CHEMSAFE_RETURN_IF_ERROR(CheckRequired(at + ".title", t.title));
    CHEMSAFE_RETURN_IF_ERROR(CheckText(at + ".lead_units", t.lead_units));
    CHEMSAFE_RETURN_IF_ERROR(CheckText(at + ".progress", t.progress));
    CHEMSAFE_RETURN_IF_ERROR(CheckText(at + ".next_milestone", t.next_milestone));
    if (t.percentage && !(*t.percentage >= 0 && *t.percentage <= 100)) {  // also refuses NaN
      return Fail(at + ".percentage", fmt::format("{} is not within 0..100", *t.percentage));
    }
  }
  for (std::size_t i = 0; i < n.measures.size(); ++i) {
    const std::string at = fmt::format("measures[{}]", i);
    CHEMSAFE_RETURN_IF_ERROR(CheckText(at + ".task", n.measures[i].task));
    CHEMSAFE_RETURN_IF_ERROR(CheckRequired(at + ".label", n.measures[i].label));
    CHEMSAFE_RETURN_IF_ERROR(CheckRequired(at + ".value", n.measures[i].value));
  }
  for (std::size_t i = 0; i < n.remarks.size(); ++i) {
    CHEMSAFE_RETURN_IF_ERROR(CheckRequired(fmt::format("remarks[{}]", i), n.remarks[i]));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------------
// Text shared by the PDF and the workbook.

// "2017-10-20" → "2017年10月20日" (GB/T 9704-2012 §7.3.5.1: the date in Arabic numerals, year in full,
// month and day without a leading zero). The date was validated.
std::string ChineseDate(std::string_view iso) {
  const Result<Date> d = Date::Parse(iso);
  if (!d.ok()) return std::string(iso);
  return fmt::format("{}年{}月{}日", static_cast<int>(d->ymd.year()), static_cast<unsigned>(d->ymd.month()),
                     static_cast<unsigned>(d->ymd.day()));
}

// 87.5 → "87.5%", 100 → "100%": one decimal at most, as the lead units report.
std::string PercentText(double p) {
  std::string s = fmt::format("{:.1f}", p);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s + "%";
}

bool LateOrMissing(const NoticeUnitRow& r) { return r.state == kLate || r.state == kMissing; }

std::string CountsSentence(const SituationNotice& n) {
  std::string s = fmt::format("应报送单位{}个，按时报送{}个，逾期报送{}个，逾期未报{}个", n.units, n.on_time, n.late,
                              n.missing);
  if (n.pending > 0) s += fmt::format("，未到期{}个", n.pending);
  return s;
}

std::string TaskState(const NoticeTaskRow& t) {
  if (!t.overdue) return t.progress;
  return t.progress.empty() ? "逾期" : t.progress + "（逾期）";
}

// ---------------------------------------------------------------------------------------------------
// PDF layout.

struct Rgb {
  double r = 0, g = 0, b = 0;
};

// GB/T 9704-2012 §5.2: A4, top margin 37 mm, left margin 28 mm, the text area 156 mm × 225 mm.
constexpr double kPageWMm = 210, kPageHMm = 297;
constexpr double kTopMm = 37, kLeftMm = 28, kTextWMm = 156, kTextHMm = 225;
// GB/T 9704-2012 §7.5: the page number sits 7 mm below the text area, between two dashes (一字线).
constexpr double kPageNumberGapMm = 7;
// Sizes: the standard's 3号 (16 pt) body leaves too little room for the tables; these are a presentation
// choice of the same proportions.
constexpr double kIssuerPt = 24, kTitlePt = 16, kBodyPt = 12, kTablePt = 9.5, kPageNumberPt = 11;
constexpr double kCellPadPt = 2.5;
constexpr double kRuleWidthPt = 1.5;
// GB/T 9704-2012 §7.2 (版头): the issuer's mark (发文机关标志) and the rule under it (分隔线) in red.
constexpr Rgb kRed = {0.8, 0.0, 0.0};
constexpr const char* kRedText = "#cc0000";
constexpr const char* kLateText = "#b35900";
// The row tints, in whole 8-bit steps so that a raster reads them back exactly: #FFDEDE, #FFF2CC.
constexpr Rgb kMissingFill = {1.0, 222 / 255.0, 222 / 255.0};
constexpr Rgb kLateFill = {1.0, 242 / 255.0, 204 / 255.0};
constexpr Rgb kHeaderFill = {0.9, 0.9, 0.9};
constexpr const char* kFont = "Noto Sans CJK SC";

long PangoSize(double pt) { return std::lround(pt * PANGO_SCALE); }

struct TextStyle {
  double pt = kBodyPt;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool indent_first_line = false;  // by two characters, as Chinese paragraphs are
  double space_before_pt = 0;      // dropped at the top of a page
  double keep_with_next_pt = 0;    // the first line needs this much more room below it on its page
};

struct Column {
  std::string header;
  double weight = 1;  // share of the text width
  PangoAlignment align = PANGO_ALIGN_LEFT;
};

struct TableRow {
  std::vector<std::string> cells;  // pango markup
  std::optional<Rgb> fill;
};

struct Table {
  std::string field;  // names the rows in errors: "unit_rows"
  std::vector<Column> columns;
  std::vector<TableRow> rows;
};

// Sets text down the pages of the text area, breaking paragraphs between lines and tables between rows
// (the header row repeated on every page the table continues on), and numbers the pages.
class Pager {
 public:
  explicit Pager(cairo_t* cr)
      : cr_(cr),
        left_(kLeftMm * kPtPerMm),
        width_(kTextWMm * kPtPerMm),
        top_(kTopMm * kPtPerMm),
        bottom_((kTopMm + kTextHMm) * kPtPerMm),
        y_(top_) {}

  Result<LayoutPtr> Layout(double width_pt, double pt, const std::string& markup) const {
    CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr layout, drawing::MakeWrappingLayout(cr_, width_pt));
    CHEMSAFE_RETURN_IF_ERROR(drawing::SetMarkup(
        layout.get(), fmt::format("<span font_family=\"{}\" size=\"{}\">{}</span>", kFont, PangoSize(pt), markup)));
    return layout;
  }

  // A paragraph of `markup`, broken between lines across pages.
  Status Text(const std::string& markup, const TextStyle& style) {
    CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr layout, Layout(width_, style.pt, markup));
    pango_layout_set_alignment(layout.get(), style.align);
    if (style.indent_first_line) pango_layout_set_indent(layout.get(), static_cast<int>(PangoSize(2 * style.pt)));
    if (!AtTop()) y_ += style.space_before_pt;
    drawing::LayoutIterPtr it(pango_layout_get_iter(layout.get()));
    bool first = true;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it.get(), nullptr, &logical);
      const double line_y = static_cast<double>(logical.y) / PANGO_SCALE;
      const double height = static_cast<double>(logical.height) / PANGO_SCALE;
      const double need = height + (first ? style.keep_with_next_pt : 0.0);
      if (!AtTop() && y_ + need > bottom_) CHEMSAFE_RETURN_IF_ERROR(NewPage());
      // A line is drawn from its baseline: the layout's baseline of that line, less the line's top.
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it.get())) / PANGO_SCALE;
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_move_to(cr_, left_ + static_cast<double>(logical.x) / PANGO_SCALE, y_ + baseline - line_y);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it.get()));
      y_ += height;
      first = false;
    } while (pango_layout_iter_next_line(it.get()));
    return Status::Ok();
  }

  // A rule across the text area.
  void Rule(Rgb colour, double space_before_pt, double space_after_pt) {
    y_ += space_before_pt;
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_set_line_width(cr_, kRuleWidthPt);
    cairo_move_to(cr_, left_, y_ + kRuleWidthPt / 2);
    cairo_line_to(cr_, left_ + width_, y_ + kRuleWidthPt / 2);
    cairo_stroke(cr_);
    y_ += kRuleWidthPt + space_after_pt;
  }

  // A table with ruled cells; cell text wraps within its cell. A row is kept whole; a row taller than a
  // page is refused.
  Status Grid(const Table& table, double space_before_pt) {
    double total_weight = 0;
    for (const Column& c : table.columns) total_weight += c.weight;
    std::vector<double> widths;
    for (const Column& c : table.columns) widths.push_back(width_ * c.weight / total_weight);

    std::vector<std::string> header_markup;
    for (const Column& c : table.columns) header_markup.push_back(fmt::format("<b>{}</b>", EscapeMarkup(c.header)));
    CHEMSAFE_ASSIGN_OR_RETURN(std::vector<LayoutPtr> header, RowLayouts(table, widths, header_markup, true));
    const double header_h = RowHeight(header);

    if (!AtTop()) y_ += space_before_pt;
    bool header_drawn = false;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      CHEMSAFE_ASSIGN_OR_RETURN(std::vector<LayoutPtr> cells, RowLayouts(table, widths, table.rows[i].cells, false));
      const double h = RowHeight(cells);
      if (header_h + h > bottom_ - top_) {
        return InvalidArgument(fmt::format("situation_notice.{}[{}]: the row is {:.0f} mm tall, more than a page",
                                           table.field, i, h / kPtPerMm));
      }
      const double need = h + (header_drawn ? 0.0 : header_h);
      if (!AtTop() && y_ + need > bottom_) {
        CHEMSAFE_RETURN_IF_ERROR(NewPage());
        header_drawn = false;
      }
      if (!header_drawn) {
        DrawRow(header, widths, header_h, kHeaderFill);
        header_drawn = true;
      }
      DrawRow(cells, widths, h, table.rows[i].fill);
    }
    return Status::Ok();
  }

  // Space down the page, dropped at the top of a page.
  void Space(double pt) {
    if (!AtTop()) y_ = std::min(y_ + pt, bottom_);
  }

  // Ends the last page.
  Status Finish() { return EndPage(); }

 private:
  bool AtTop() const { return y_ <= top_; }

  Result<std::vector<LayoutPtr>> RowLayouts(const Table& table, const std::vector<double>& widths,
                                            const std::vector<std::string>& markup, bool header) const {
    std::vector<LayoutPtr> out;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const std::string& m = c < markup.size() ? markup[c] : std::string();
      CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr layout, Layout(widths[c] - 2 * kCellPadPt, kTablePt, m));
      pango_layout_set_alignment(layout.get(), header ? PANGO_ALIGN_CENTER : table.columns[c].align);
      out.push_back(std::move(layout));
    }
    return out;
  }

  static double RowHeight(const std::vector<LayoutPtr>& cells) {
    double h = 0;
    for (const LayoutPtr& l : cells) h = std::max(h, LayoutHeightPt(l.get()));
    return h + 2 * kCellPadPt;
  }

  void DrawRow(const std::vector<LayoutPtr>& cells, const std::vector<double>& widths, double h,
               std::optional<Rgb> fill) {
    double x = left_;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (fill) {
        cairo_set_source_rgb(cr_, fill->r, fill->g, fill->b);
        cairo_rectangle(cr_, x, y_, widths[c], h);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 0.5);
      cairo_rectangle(cr_, x, y_, widths[c], h);
      cairo_stroke(cr_);
      cairo_move_to(cr_, x + kCellPadPt, y_ + kCellPadPt);
      pango_cairo_show_layout(cr_, cells[c].get());
      x += widths[c];
    }
    y_ += h;
  }

  Status EndPage() {
    ++page_;
    CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr number,
                              Layout(width_, kPageNumberPt, fmt::format("— {} —", page_)));
    pango_layout_set_alignment(number.get(), PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, left_, bottom_ + kPageNumberGapMm * kPtPerMm);
    pango_cairo_show_layout(cr_, number.get());
    cairo_show_page(cr_);
    return drawing::CairoOk(cairo_status(cr_), "drawing");
  }

  Status NewPage() {
    CHEMSAFE_RETURN_IF_ERROR(EndPage());
    y_ = top_;
    return Status::Ok();
  }

  cairo_t* cr_;
  double left_, width_, top_, bottom_;
  double y_;
  int page_ = 0;
};

std::string Bold(std::string_view text) { return fmt::format("<b>{}</b>", EscapeMarkup(text)); }
std::string Coloured(std::string_view colour, std::string_view text) {
  return fmt::format("<span foreground=\"{}\" weight=\"bold\">{}</span>", colour, EscapeMarkup(text));
}

Table UnitTable(const SituationNotice& n) {
  Table t;
  t.field = "unit_rows";
  t.columns = {{"单位", 3.6, PANGO_ALIGN_LEFT},
               {"类别", 1.8, PANGO_ALIGN_CENTER},
               {"报送情况", 1.5, PANGO_ALIGN_CENTER},
               {"报送日期", 1.7, PANGO_ALIGN_CENTER},
               {"逾期天数", 1.3, PANGO_ALIGN_CENTER}};
  for (const NoticeUnitRow& r : n.unit_rows) {
    TableRow row;
    std::string state = EscapeMarkup(r.state);
    if (r.state == kMissing) {
      state = Coloured(kRedText, r.state);
      row.fill = kMissingFill;
    } else if (r.state == kLate) {
      state = Coloured(kLateText, r.state);
      row.fill = kLateFill;
    }
    row.cells = {EscapeMarkup(r.unit), EscapeMarkup(r.category), state,
                 r.filed_on.empty() ? "—" : EscapeMarkup(r.filed_on),
                 LateOrMissing(r) ? std::to_string(r.days_late) : ""};
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table TaskTable(const SituationNotice& n) {
  Table t;
  t.field = "tasks";
  t.columns = {{"序号", 0.8, PANGO_ALIGN_CENTER},
               {"任务", 4.0, PANGO_ALIGN_LEFT},
               {"牵头单位", 2.4, PANGO_ALIGN_LEFT},
               {"进度", 1.0, PANGO_ALIGN_CENTER},
               {"状态", 1.5, PANGO_ALIGN_CENTER},
               {"下一节点", 2.2, PANGO_ALIGN_LEFT}};
  for (const NoticeTaskRow& task : n.tasks) {
    TableRow row;
    const std::string state = TaskState(task);
    row.cells = {std::to_string(task.number), EscapeMarkup(task.title), EscapeMarkup(task.lead_units),
                 task.percentage ? PercentText(*task.percentage) : "未报",
                 task.overdue ? Coloured(kRedText, state) : EscapeMarkup(state), EscapeMarkup(task.next_milestone)};
    if (task.overdue) row.fill = kMissingFill;
    t.rows.push_back(std::move(row));
  }
  return t;
}

Status Compose(Pager& pager, const SituationNotice& n) {
  const TextStyle body{.pt = kBodyPt, .indent_first_line = true, .space_before_pt = 0.4 * kBodyPt};
  // A heading keeps a table's header and first row, or two lines of text, on its page.
  const TextStyle heading{.pt = kBodyPt, .space_before_pt = 0.7 * kBodyPt, .keep_with_next_pt = 3 * kBodyPt};
  const TextStyle line{.pt = kBodyPt, .indent_first_line = true, .space_before_pt = 0.2 * kBodyPt};

  // 版头 (the issuer's mark, the red rule) and title, after GB/T 9704-2012 §7.2 and §7.3.1.
  CHEMSAFE_RETURN_IF_ERROR(pager.Text(
      fmt::format("<span foreground=\"{}\" weight=\"bold\">{}</span>", kRedText, EscapeMarkup(n.issuer)),
      {.pt = kIssuerPt, .align = PANGO_ALIGN_CENTER}));
  pager.Rule(kRed, 4 * kPtPerMm, 0);
  CHEMSAFE_RETURN_IF_ERROR(
      pager.Text(Bold(n.title), {.pt = kTitlePt, .align = PANGO_ALIGN_CENTER, .space_before_pt = kTitlePt}));
  pager.Space(0.8 * kBodyPt);

  const std::string quarter = n.quarter.empty() ? "本季度" : n.quarter;
  const std::string lead = n.plan.empty() ? fmt::format("现将{}工作进展情况通报如下。", quarter)
                                          : fmt::format("根据{}要求，现将{}工作进展情况通报如下。", n.plan, quarter);
  CHEMSAFE_RETURN_IF_ERROR(pager.Text(EscapeMarkup(lead), body));

  // 一、报送情况
  CHEMSAFE_RETURN_IF_ERROR(pager.Text(Bold("一、报送情况"), heading));
  std::string filed;
  if (!n.due.empty()) filed += fmt::format("{}工作进展情况应于{}前报送。", quarter, ChineseDate(n.due));
  if (!n.as_of.empty()) filed += fmt::format("截至{}，", ChineseDate(n.as_of));
  filed += CountsSentence(n) + "。";
  if (n.late + n.missing > 0) filed += "逾期报送和逾期未报的单位在表中标出。";
  CHEMSAFE_RETURN_IF_ERROR(pager.Text(EscapeMarkup(filed), body));
  if (!n.unit_rows.empty()) CHEMSAFE_RETURN_IF_ERROR(pager.Grid(UnitTable(n), 0.5 * kBodyPt));

  // 二、任务进展
  CHEMSAFE_RETURN_IF_ERROR(pager.Text(Bold("二、任务进展"), heading));
  if (n.tasks.empty()) {
    CHEMSAFE_RETURN_IF_ERROR(pager.Text("暂无任务进展。", body));
  } else {
    const auto done = std::count_if(n.tasks.begin(), n.tasks.end(), [](const auto& t) { return t.progress == "已完成"; });
    const auto overdue = std::count_if(n.tasks.begin(), n.tasks.end(), [](const auto& t) { return t.overdue; });
    std::string s = fmt::format("据各牵头单位报送，{}项任务中已完成{}项", n.tasks.size(), done);
    s += overdue > 0 ? fmt::format("，{}项任务节点逾期未完成（表中标出）。", overdue) : "，无任务节点逾期。";
    CHEMSAFE_RETURN_IF_ERROR(pager.Text(EscapeMarkup(s), body));
    CHEMSAFE_RETURN_IF_ERROR(pager.Grid(TaskTable(n), 0.5 * kBodyPt));
  }

  // 三、平台监测
  CHEMSAFE_RETURN_IF_ERROR(pager.Text(Bold("三、平台监测"), heading));
  if (n.measures.empty()) CHEMSAFE_RETURN_IF_ERROR(pager.Text("暂无平台监测数据。", body));
  for (const NoticeMeasure& m : n.measures) {
    const std::string label = m.task.empty() ? m.label : m.task + " " + m.label;
    CHEMSAFE_RETURN_IF_ERROR(pager.Text(fmt::format("{}：{}", EscapeMarkup(label), EscapeMarkup(m.value)), line));
  }

  // 四、工作要求
  if (!n.remarks.empty()) {
    CHEMSAFE_RETURN_IF_ERROR(pager.Text(Bold("四、工作要求"), heading));
    for (const std::string& r : n.remarks) CHEMSAFE_RETURN_IF_ERROR(pager.Text(EscapeMarkup(r), body));
  }

  // The issuer and the date, right-aligned (GB/T 9704-2012 §7.3.5). Kept together on one page.
  const TextStyle signature{.pt = kBodyPt, .align = PANGO_ALIGN_RIGHT, .space_before_pt = 2 * kBodyPt,
                            .keep_with_next_pt = 1.5 * kBodyPt};
  CHEMSAFE_RETURN_IF_ERROR(pager.Text(EscapeMarkup(n.issuer), signature));
  CHEMSAFE_RETURN_IF_ERROR(pager.Text(EscapeMarkup(ChineseDate(n.date)), {.pt = kBodyPt, .align = PANGO_ALIGN_RIGHT}));
  return pager.Finish();
}

// ---------------------------------------------------------------------------------------------------
// XLSX.

// A file made with mkstemps in the temp directory, removed when this goes out of scope.
class TempFile {
 public:
  static Result<TempFile> Make(std::string_view suffix) {
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) return Unavailable(fmt::format("situation notice: no temp directory: {}", ec.message()));
    std::string name = (dir / fmt::format("chemsafe-notice-XXXXXX{}", suffix)).string();
    const int fd = mkstemps(name.data(), static_cast<int>(suffix.size()));
    if (fd < 0) return Unavailable(fmt::format("{}: cannot create: {}", name, std::strerror(errno)));
    close(fd);
    return TempFile(std::move(name));
  }
  TempFile(TempFile&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  ~TempFile() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove(path_, ec);  // best effort: nothing to report it to
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

Status WriteSheet(tabular::TableWriter& w, const std::vector<std::string>& header, const std::vector<double>& widths,
                  const std::vector<std::vector<Cell>>& rows) {
  CHEMSAFE_RETURN_IF_ERROR(w.WriteHeader(header));
  for (std::size_t c = 0; c < widths.size(); ++c) {
    CHEMSAFE_RETURN_IF_ERROR(w.SetColumnWidth(static_cast<int>(c), widths[c]));
  }
  for (const auto& row : rows) CHEMSAFE_RETURN_IF_ERROR(w.WriteRow(row));
  return Status::Ok();
}

Status WriteWorkbook(const SituationNotice& n, const std::string& path) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::unique_ptr<tabular::TableWriter> w,
                            tabular::CreateXlsxWriter(path, {.sheet_name = "概况"}));
  std::vector<std::vector<Cell>> overview = {
      {Cell::Text("发文单位"), Cell::Text(n.issuer)},
      {Cell::Text("标题"), Cell::Text(n.title)},
      {Cell::Text("实施方案"), Cell::Text(n.plan)},
      {Cell::Text("季度"), Cell::Text(n.quarter)},
      {Cell::Text("报送截止日期"), Cell::Text(n.due)},
      {Cell::Text("数据截至"), Cell::Text(n.as_of)},
      {Cell::Text("通报日期"), Cell::Text(n.date)},
      {Cell::Text("应报送单位"), Cell::Number(n.units)},
      {Cell::Text(kOnTime), Cell::Number(n.on_time)},
      {Cell::Text(kLate), Cell::Number(n.late)},
      {Cell::Text(kMissing), Cell::Number(n.missing)},
      {Cell::Text(kPending), Cell::Number(n.pending)},
  };
  for (const std::string& r : n.remarks) overview.push_back({Cell::Text("工作要求"), Cell::Text(r)});
  CHEMSAFE_RETURN_IF_ERROR(WriteSheet(*w, {"项目", "内容"}, {16, 80}, overview));

  std::vector<std::vector<Cell>> units;
  for (const NoticeUnitRow& r : n.unit_rows) {
    units.push_back({Cell::Text(r.unit), Cell::Text(r.category), Cell::Text(r.state), Cell::Text(r.filed_on),
                     Cell::Number(r.days_late)});
  }
  CHEMSAFE_RETURN_IF_ERROR(w->StartSheet("报送情况"));
  CHEMSAFE_RETURN_IF_ERROR(
      WriteSheet(*w, {"单位", "类别", "报送情况", "报送日期", "逾期天数"}, {36, 14, 12, 12, 10}, units));

  std::vector<std::vector<Cell>> tasks;
  for (const NoticeTaskRow& t : n.tasks) {
    tasks.push_back({Cell::Number(t.number), Cell::Text(t.title), Cell::Text(t.lead_units),
                     t.percentage ? Cell::Number(*t.percentage) : Cell::Text("未报"), Cell::Text(t.progress),
                     Cell::Text(t.overdue ? "是" : "否"), Cell::Text(t.next_milestone)});
  }
  CHEMSAFE_RETURN_IF_ERROR(w->StartSheet("任务进展"));
  CHEMSAFE_RETURN_IF_ERROR(WriteSheet(*w, {"序号", "任务", "牵头单位", "进度（%）", "状态", "逾期", "下一节点"},
                                      {6, 50, 30, 10, 10, 6, 24}, tasks));

  std::vector<std::vector<Cell>> measures;
  for (const NoticeMeasure& m : n.measures) {
    measures.push_back({Cell::Text(m.task), Cell::Text(m.label), Cell::Text(m.value)});
  }
  CHEMSAFE_RETURN_IF_ERROR(w->StartSheet("平台监测"));
  CHEMSAFE_RETURN_IF_ERROR(WriteSheet(*w, {"任务", "指标", "数值"}, {8, 36, 30}, measures));
  return w->Close();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable(fmt::format("{}: cannot open", path));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Unavailable(fmt::format("{}: read failed", path));
  return bytes;
}

}  // namespace

Result<std::string> RenderSituationNoticePdf(const SituationNotice& notice) {
  CHEMSAFE_RETURN_IF_ERROR(Validate(notice));
  std::string out;
  CHEMSAFE_ASSIGN_OR_RETURN(drawing::SurfacePtr surface,
                            drawing::NewPdfSurface(&out, kPageWMm * kPtPerMm, kPageHMm * kPtPerMm, notice.title));
  {
    drawing::CairoPtr cr(cairo_create(surface.get()));
    Pager pager(cr.get());
    CHEMSAFE_RETURN_IF_ERROR(Compose(pager, notice));
  }
  cairo_surface_finish(surface.get());
  CHEMSAFE_RETURN_IF_ERROR(drawing::CairoOk(cairo_surface_status(surface.get()), "PDF output"));
  return out;
}

Result<std::string> RenderSituationNoticeXlsx(const SituationNotice& notice) {
  CHEMSAFE_RETURN_IF_ERROR(Validate(notice));
  CHEMSAFE_ASSIGN_OR_RETURN(TempFile file, TempFile::Make(".xlsx"));
  CHEMSAFE_RETURN_IF_ERROR(WriteWorkbook(notice, file.path()));
  return ReadFile(file.path());
}

}  // namespace chemsafe::cards
