#include "chemsafe/reference/official_catalogue.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "chemsafe/catalogue/name_text.h"
#include "chemsafe/core/ids.h"

namespace chemsafe::reference {
namespace {

using catalogue::NameKey;
using catalogue::NarrowText;

enum Column { kSeq, kName, kAlias, kCas, kRemark, kColumnCount };

// Header cells, compared after NarrowText and without spaces: the 2015 file prints "CAS号".
int ColumnOf(const std::string& cell) {
  std::string key;
  for (char c : NarrowText(cell)) {
    if (c != ' ') key.push_back(c);
  }
  if (key == "序号") return kSeq;
  if (key == "品名" || key == "名称" || key == "化学品名称") return kName;
  if (key == "别名") return kAlias;
  if (key == "CAS号" || key == "CAS" || key == "cas号" || key == "CASNo." || key == "CAS编号") return kCas;
  if (key == "备注") return kRemark;
  return -1;
}

bool IsBlank(const tabular::Row& row) {
  for (const auto& c : row.cells) {
    if (!catalogue::TrimSpaces(c).empty()) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<OfficialRow>> ParseOfficialTable(tabular::TableReader& reader, const std::string& file) {
  std::vector<OfficialRow> out;
  std::vector<std::string> problems;
  int columns[kColumnCount] = {-1, -1, -1, -1, -1};
  bool header_found = false;
  std::map<std::string, int> seq_rows;
  tabular::Row row;
  for (;;) {
    auto more = reader.Next(row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (IsBlank(row)) continue;
    if (!header_found) {
      int found[kColumnCount] = {-1, -1, -1, -1, -1};
      for (std::size_t i = 0; i < row.cells.size(); ++i) {
        const int c = ColumnOf(row.cells[i]);
        if (c >= 0 && found[c] < 0) found[c] = static_cast<int>(i);
      }
      if (found[kName] >= 0 && found[kCas] >= 0) {
        header_found = true;
        for (int c = 0; c < kColumnCount; ++c) columns[c] = found[c];
      }
      continue;  // a title row above the header, or the header itself
    }
    auto cell = [&](Column c) -> std::string {
      const int i = columns[c];
      if (i < 0 || static_cast<std::size_t>(i) >= row.cells.size()) return {};
      return std::string(catalogue::TrimSpaces(row.cells[static_cast<std::size_t>(i)]));
    };
    auto problem = [&](Column c, const std::string& what) {
      problems.push_back(fmt::format("{}:{}:{}: {}", file, row.number, reader.ColumnLabel(columns[c]), what));
    };
    OfficialRow r;
    r.row_number = row.number;
    r.seq = cell(kSeq);
    r.name = cell(kName);
    if (r.seq.empty() && r.name.empty()) continue;  // a merged continuation row with nothing of its own
    if (r.name.empty()) problem(kName, "品名 is empty");
    if (!r.seq.empty()) {
      auto [it, inserted] = seq_rows.emplace(r.seq, row.number);
      if (!inserted) problem(kSeq, fmt::format("序号 {} appears again (first on row {})", r.seq, it->second));
    }
    r.aliases = catalogue::SplitList(cell(kAlias));
    // The 2015 file separates several CAS numbers with 、 or line breaks; users also type ; , or /.
    std::string cas_text = cell(kCas);
    for (char& ch : cas_text) {
      if (ch == '/') ch = ';';
    }
    for (const std::string& item : catalogue::SplitList(cas_text, {.split_commas = true})) {
      auto cas = Cas::Parse(NarrowText(item));
      if (!cas.ok()) {
        problem(kCas, fmt::format("\"{}\": {}", item, cas.status().message()));
        continue;
      }
      if (std::find(r.cas_numbers.begin(), r.cas_numbers.end(), cas->str()) == r.cas_numbers.end()) {
        r.cas_numbers.push_back(cas->str());
      }
    }
    r.remark = cell(kRemark);
    r.highly_toxic = r.remark.find("剧毒") != std::string::npos;
    out.push_back(std::move(r));
  }
  if (!header_found) {
    problems.insert(problems.begin(), fmt::format("{}: no header row with the columns 品名 and CAS号", file));
  } else if (out.empty() && problems.empty()) {
    problems.push_back(fmt::format("{}: no rows below the header", file));
  }
  if (!problems.empty()) {
    std::string message;
    for (const auto& p : problems) {
      if (!message.empty()) message += '\n';
      message += p;
    }
    return InvalidArgument(std::move(message));
  }
  return out;
}

Result<std::vector<OfficialRow>> ReadOfficialTable(const std::string& path) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto reader, tabular::OpenTable(path));
  return ParseOfficialTable(*reader, path);
}

std::vector<catalogue::Chemical> ChemicalsFromOfficialRows(const std::vector<OfficialRow>& rows, const std::string& source) {
  std::vector<catalogue::Chemical> out;
  std::set<std::string> keys;
  for (const OfficialRow& r : rows) {
    catalogue::Chemical c;
    c.name_zh = r.name;
    c.aliases = r.aliases;
    c.cas_numbers = r.cas_numbers;
    c.listed = true;
    c.highly_toxic = r.highly_toxic;
    int seq = 0;
    for (char ch : r.seq) {
      if (ch < '0' || ch > '9' || seq > 1000000) {
        seq = 0;
        break;
      }
      seq = seq * 10 + (ch - '0');
    }
    c.entry_no = seq;
    c.key = !c.cas_numbers.empty() && keys.count(c.cas_numbers.front()) == 0 ? c.cas_numbers.front() : c.name_zh;
    keys.insert(c.key);
    if (!r.remark.empty() && r.remark != "剧毒") c.notes.push_back(r.remark);
    c.sources.push_back(r.seq.empty() ? source : source + " 序号 " + r.seq);
    out.push_back(std::move(c));
  }
  return out;
}

Result<catalogue::Catalogue> ImportOfficialCatalogue(const std::string& path, const std::string& edition) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto rows, ReadOfficialTable(path));
  catalogue::Catalogue cat;
  cat.set_edition(edition);
  std::map<std::string, int> first_row;
  std::vector<catalogue::Chemical> chemicals = ChemicalsFromOfficialRows(rows, edition);
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < chemicals.size(); ++i) {
    auto [it, inserted] = first_row.emplace(NameKey(chemicals[i].key), rows[i].row_number);
    if (!inserted) {
      problems.push_back(fmt::format("{}:{}: \"{}\" appears again (first on row {}) without a CAS number of its own", path,
                                     rows[i].row_number, chemicals[i].key, it->second));
    }
  }
  if (!problems.empty()) return InvalidArgument(fmt::format("{}", fmt::join(problems, "\n")));
  for (auto& c : chemicals) cat.Add(std::move(c));
  return cat;
}

}  // namespace chemsafe::reference
