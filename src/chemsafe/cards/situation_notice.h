// The quarterly situation notice (情况通报) of a governance plan (issue 8 "Outputs"; seed section 五: 省安委会
// 办公室 compiles and circulates the situation): who filed the quarter's progress report on time, late or not
// at all, how far each task has come by the lead units' reports, and what the platform itself measures beside
// their words. Rendered as a PDF document (A4 portrait, official-document layout: issuer line, title,
// paragraphs, tables that continue over pages with their header repeated) and as an XLSX workbook (the same
// figures as sheets, for the office to work on in Excel).
//
// What the notice says is the caller's (service/governance_service.h fills it from the store); this file
// validates and renders. Pure apart from the fonts fontconfig provides (Noto Sans CJK SC) and, for XLSX, the
// file written. Thread-safety: the functions may be called concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::cards {

// One unit's quarterly report.
struct NoticeUnitRow {
  std::string unit;      // full name, "广州市人民政府"
  std::string category;  // "地级以上市", "省直单位", "中直驻粤单位"
  std::string state;     // "按时报送", "逾期报送", "逾期未报", "未到期"
  std::string filed_on;  // "YYYY-MM-DD" or empty
  int days_late = 0;     // late or missing: calendar days after the due date; 0 otherwise
};

// One task's progress by the lead units' latest reports.
struct NoticeTaskRow {
  int number = 0;
  std::string title;
  std::string lead_units;                // "省安全监管局、省公安厅"
  std::optional<double> percentage;      // 0..100; nullopt: no report yet (printed "未报")
  std::string progress;                  // "已完成", "推进中", "未启动", "持续推进", or empty
  std::string next_milestone;            // "2017-06-30 完成", or empty
  bool overdue = false;                  // a milestone has passed unmet (printed, and highlighted)
};

// What the platform measures beside a task's reports.
struct NoticeMeasure {
  std::string task;   // "T2"
  std::string label;  // "重大危险源辨识覆盖率"
  std::string value;  // as printed: "87.5%（1,750/2,000）", "12家"
};

struct SituationNotice {
  std::string issuer;       // "广东省安全生产委员会办公室"
  std::string title;        // "关于2017年第三季度危险化学品安全综合治理工作进展情况的通报"
  std::string plan;         // "《广东省危险化学品安全综合治理实施方案》（粤府办〔2017〕11号）"
  std::string quarter;      // "2017年第三季度"
  std::string due;          // the quarter's due date, "YYYY-MM-DD"
  std::string as_of;        // "YYYY-MM-DD": the day the figures are taken
  std::string date;         // the notice's date, "YYYY-MM-DD" (printed in Chinese under the issuer)
  int units = 0, on_time = 0, late = 0, missing = 0, pending = 0;  // counts over `unit_rows`
  std::vector<NoticeUnitRow> unit_rows;  // every reporting unit
  std::vector<NoticeTaskRow> tasks;      // every task
  std::vector<NoticeMeasure> measures;
  std::vector<std::string> remarks;      // further paragraphs (the office's requirements), may be empty
};

// The notice as a PDF (bytes): A4, the text area of GB/T 9704-2012; pages numbered "— n —"; tables break
// between rows with their header row repeated, and a cell's text wraps within the cell.
// InvalidArgument "situation_notice.<field>: …" naming the field when issuer, title or date is empty; a
// date (date, due, as_of, unit_rows[i].filed_on; the last three may be empty) is not YYYY-MM-DD; a state
// is not one of the four; the counts differ from unit_rows; days_late is negative; a percentage is
// outside 0..100; a unit name, task title, measure label or value, or remark is empty; a text is not
// UTF-8; or one table row is taller than a page.
Result<std::string> RenderSituationNoticePdf(const SituationNotice& notice);

// The notice as an XLSX workbook (bytes): sheets 报送情况 (the unit rows), 任务进展 (the task rows), 平台监测
// (the measures) and 概况 (title, quarter, due, as of, the counts), in the order 概况, 报送情况, 任务进展,
// 平台监测. Counts, days late, task numbers and percentages are number cells. Same validation as the PDF;
// the workbook is written to a uniquely named file in the temp directory (TMPDIR), removed before
// returning; Unavailable when it cannot be written there.
Result<std::string> RenderSituationNoticeXlsx(const SituationNotice& notice);

}  // namespace chemsafe::cards
