#include "chemsafe/reference/official_catalogue.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::reference {
namespace {

using ::testing::HasSubstr;

const std::string kTestdata = std::string(CHEMSAFE_TESTDATA_DIR) + "/catalogue/";

// Rows of strings as a TableReader, to test the parsing without a file.
class RowsReader : public tabular::TableReader {
 public:
  explicit RowsReader(std::vector<std::vector<std::string>> rows) : rows_(std::move(rows)) {}
  Result<bool> Next(tabular::Row& row) override {
    if (next_ >= rows_.size()) return false;
    row.number = static_cast<int>(next_) + 1;
    row.cells = rows_[next_++];
    return true;
  }
  std::string ColumnLabel(int column_index) const override { return tabular::ColumnLetters(column_index); }

 private:
  std::vector<std::vector<std::string>> rows_;
  std::size_t next_ = 0;
};

TEST(ParseOfficialTable, RowsOfStrings) {
  RowsReader reader({{"序号", "品名", "别名", "CAS号", "备注"},
                     {"1", "氯", "液氯;氯气", "7782-50-5", ""},
                     {"2", "氰化钠", "山奈", "143-33-9", "剧毒"}});
  auto rows = ParseOfficialTable(reader, "mem.xlsx");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].name, "氯");
  EXPECT_EQ((*rows)[0].aliases, (std::vector<std::string>{"液氯", "氯气"}));
  EXPECT_EQ((*rows)[0].cas_numbers, std::vector<std::string>{"7782-50-5"});
  EXPECT_FALSE((*rows)[0].highly_toxic);
  EXPECT_TRUE((*rows)[1].highly_toxic);
  EXPECT_EQ((*rows)[1].row_number, 3);
}

TEST(ParseOfficialTable, ColumnsFoundByNameInAnyOrder) {
  RowsReader reader({{"备注", "CAS 号", "品名"}, {"剧毒", "151-50-8", "氰化钾"}});
  auto rows = ParseOfficialTable(reader, "mem.xlsx");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].name, "氰化钾");
  EXPECT_EQ((*rows)[0].cas_numbers, std::vector<std::string>{"151-50-8"});
  EXPECT_TRUE((*rows)[0].highly_toxic);
  EXPECT_EQ((*rows)[0].seq, "");
}

TEST(ParseOfficialTable, MissingHeaderIsAnError) {
  RowsReader reader({{"名字", "编号"}, {"氯", "7782-50-5"}});
  auto rows = ParseOfficialTable(reader, "mem.csv");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("mem.csv: no header row"));
}

TEST(ReadOfficialTable, CsvSample) {
  auto rows = ReadOfficialTable(kTestdata + "official_sample.csv");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 7u);  // the title row, the header and the blank row are not entries
  const auto& r = *rows;
  EXPECT_EQ(r[0].seq, "1");
  EXPECT_EQ(r[0].row_number, 3);
  EXPECT_EQ(r[1].name, "氰化钠");
  EXPECT_TRUE(r[1].highly_toxic);
  EXPECT_TRUE(r[2].cas_numbers.empty());  // 煤气 has no CAS number
  EXPECT_EQ(r[3].cas_numbers, (std::vector<std::string>{"1330-20-7", "95-47-6"}));
  EXPECT_EQ(r[4].cas_numbers, (std::vector<std::string>{"74-82-8", "8006-14-2"}));
  EXPECT_EQ(r[5].cas_numbers, std::vector<std::string>{"6484-52-2"});
  EXPECT_EQ(r[6].cas_numbers, (std::vector<std::string>{"22259-30-9", "23422-53-9"}));
  EXPECT_TRUE(r[6].highly_toxic);
  EXPECT_EQ(r[6].row_number, 11);  // the CSV line where the record starts (row 5 spans two lines)
}

TEST(ReadOfficialTable, EveryProblemNamesFileRowAndColumn) {
  const std::string path = kTestdata + "official_bad_cas.csv";
  auto rows = ReadOfficialTable(path);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = rows.status().message();
  EXPECT_THAT(m, HasSubstr(path + ":3:4: \"7782-50-6\""));   // check digit
  EXPECT_THAT(m, HasSubstr(path + ":4:2: 品名 is empty"));
  EXPECT_THAT(m, HasSubstr(path + ":5:1: 序号 2 appears again (first on row 3)"));
  EXPECT_THAT(m, HasSubstr(path + ":5:4: \"abc\""));
}

TEST(ReadOfficialTable, XlsxWrittenByTheTabularWriter) {
  const auto dir = std::filesystem::temp_directory_path() / ("chemsafe_official_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "catalogue.xlsx").string();
  {
    auto w = tabular::CreateXlsxWriter(path);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    using tabular::Cell;
    ASSERT_TRUE((*w)->WriteHeader({"序号", "品名", "别名", "CAS号", "备注"}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Number(1), Cell::Text("氯"), Cell::Text("液氯"), Cell::Text("7782-50-5"), Cell::Empty()}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Number(2), Cell::Text("氰化钾"), Cell::Empty(), Cell::Text("151-50-8"), Cell::Text("剧毒")}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Number(3), Cell::Text("氨"), Cell::Empty(), Cell::Text("7664-41-8"), Cell::Empty()}).ok());
    ASSERT_TRUE((*w)->Close().ok());
  }
  auto rows = ReadOfficialTable(path);
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr(path + ":4:D: \"7664-41-8\""));  // XLSX columns are letters
  {
    auto w = tabular::CreateXlsxWriter(path);
    ASSERT_TRUE(w.ok());
    using tabular::Cell;
    ASSERT_TRUE((*w)->WriteHeader({"序号", "品名", "别名", "CAS号", "备注"}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Number(1), Cell::Text("氯"), Cell::Text("液氯"), Cell::Text("7782-50-5"), Cell::Empty()}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Number(2), Cell::Text("氰化钾"), Cell::Empty(), Cell::Text("151-50-8"), Cell::Text("剧毒")}).ok());
    ASSERT_TRUE((*w)->Close().ok());
  }
  auto good = ImportOfficialCatalogue(path, "样例");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->size(), 2u);
  EXPECT_EQ(good->edition(), "样例");
  const auto* kcn = good->FindByCas("151-50-8");
  ASSERT_NE(kcn, nullptr);
  EXPECT_TRUE(kcn->highly_toxic);
  EXPECT_TRUE(kcn->listed);
  EXPECT_EQ(kcn->entry_no, 2);
  EXPECT_EQ(good->FindByName("液氯")->key, "7782-50-5");
  std::filesystem::remove_all(dir);
}

TEST(ImportOfficialCatalogue, RepeatedNameWithoutCasIsAnError) {
  RowsReader reader({{"序号", "品名", "别名", "CAS号", "备注"}, {"1", "煤气", "", "", ""}, {"2", "煤气", "", "", ""}});
  auto rows = ParseOfficialTable(reader, "mem.csv");
  ASSERT_TRUE(rows.ok());  // each row is fine on its own
  const auto dir = std::filesystem::temp_directory_path() / ("chemsafe_official_dup_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "dup.csv").string();
  std::ofstream(path) << "序号,品名,别名,CAS号,备注\n1,煤气,,,\n2,煤气,,,\n";
  auto cat = ImportOfficialCatalogue(path, "样例");
  ASSERT_FALSE(cat.ok());
  EXPECT_THAT(cat.status().message(), HasSubstr(path + ":3: \"煤气\" appears again (first on row 2)"));
  std::filesystem::remove_all(dir);
}

TEST(ChemicalsFromOfficialRows, KeysAndFlags) {
  auto rows = ReadOfficialTable(kTestdata + "official_sample.csv");
  ASSERT_TRUE(rows.ok());
  auto chems = ChemicalsFromOfficialRows(*rows, "样例");
  ASSERT_EQ(chems.size(), 7u);
  EXPECT_EQ(chems[0].key, "7782-50-5");
  EXPECT_EQ(chems[2].key, "煤气");  // no CAS number: the name
  EXPECT_EQ(chems[1].sources, std::vector<std::string>{"样例 序号 2"});
  EXPECT_TRUE(chems[1].highly_toxic);
  EXPECT_FALSE(chems[0].highly_toxic);
  EXPECT_EQ(chems[6].entry_no, 7);
}

}  // namespace
}  // namespace chemsafe::reference
