// Importer of tables in the layout of the official 危险化学品目录: columns 序号, 品名, 别名, CAS号, 备注
// (国家安全监管总局等十部门公告 2015年第5号, 附件; later editions and the amendments keep it). The same
// layout carries the regulatory lists chemsafe ships in data/catalogue/lists/ (易制爆, 重点监管, 特别管控,
// 高危), so one reader serves both.
//
// Reading: CSV or XLSX (src/chemsafe/tabular/). Title rows above the header are skipped: the header is
// the first row holding the cells 品名 and CAS号 (序号, 别名 and 备注 are optional; a column may be
// named "CAS号" or "CAS 号" or "CAS"). Blank rows are skipped. A row whose 序号 is blank and whose 品名
// is blank is skipped too (a merged continuation). Each problem is reported as "file:row:column:
// message"; all of them, not just the first.
//
// Reads files; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/result.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::reference {

// One row of a table in the official layout.
struct OfficialRow {
  int row_number = 0;                    // as the user sees it (CSV line, XLSX row)
  std::string seq;                       // 序号 as written ("1", "2828"); may be empty
  std::string name;                      // 品名
  std::vector<std::string> aliases;      // 别名, split on ; ； 、 and line breaks
  std::vector<std::string> cas_numbers;  // CAS号, split on ; ； , ， 、 / and line breaks; validated
  std::string remark;                    // 备注 as written
  bool highly_toxic = false;             // 备注 holds "剧毒"
};

// Parses every row of `reader`; `file` names the source in messages. InvalidArgument listing every
// problem (a missing header, an empty 品名, a CAS number with a bad check digit, a duplicate 序号).
Result<std::vector<OfficialRow>> ParseOfficialTable(tabular::TableReader& reader, const std::string& file);

// Opens `path` (.csv or .xlsx) and parses it.
Result<std::vector<OfficialRow>> ReadOfficialTable(const std::string& path);

// Chemicals from the rows of a catalogue in the official layout (a later edition of the 危险化学品目录):
// listed = true, highly_toxic from 备注, key = first CAS number (else the name, and the name also when an
// earlier row took that CAS number), entry_no from 序号 when it is a number. `source` is recorded in
// Chemical::sources ("危险化学品目录(2015) 序号 N" style: source + " 序号 " + 序号).
std::vector<catalogue::Chemical> ChemicalsFromOfficialRows(const std::vector<OfficialRow>& rows, const std::string& source);

// Reads a catalogue in the official layout from `path` into a Catalogue whose edition is `edition`.
Result<catalogue::Catalogue> ImportOfficialCatalogue(const std::string& path, const std::string& edition);

}  // namespace chemsafe::reference
