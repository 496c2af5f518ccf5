#include <zip.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "chemsafe/tabular/table_reader.h"
#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::tabular {
namespace {

class XlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chemsafe_xlsx_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::vector<Row> ReadAll(TableReader& reader) {
    std::vector<Row> rows;
    Row row;
    while (true) {
      auto more = reader.Next(row);
      EXPECT_TRUE(more.ok()) << more.status().ToString();
      if (!more.ok() || !*more) break;
      rows.push_back(row);
    }
    return rows;
  }

  // Writes a package part by part, as another spreadsheet program would.
  std::string Package(const std::string& name, const std::vector<std::pair<std::string, std::string>>& parts) {
    std::string path = (dir_ / name).string();
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    EXPECT_NE(z, nullptr);
    for (const auto& [part, body] : parts) {
      zip_source_t* src = zip_source_buffer(z, body.data(), body.size(), 0);
      EXPECT_GE(zip_file_add(z, part.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
    }
    EXPECT_EQ(zip_close(z), 0);
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(XlsxTest, WriterOutputReadsBack) {
  std::string path = (dir_ / "out.xlsx").string();
  {
    auto w = CreateXlsxWriter(path, {.sheet_name = "企业"});
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ASSERT_TRUE((*w)->WriteHeader({"统一社会信用代码", "企业名称", "最大量"}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Text("91350100M000100Y43"), Cell::Text("甲 & <乙>"), Cell::Number(1200)}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Text("x"), Cell::Empty(), Cell::Number(0.25)}).ok());
    ASSERT_TRUE((*w)->StartSheet("说明").ok());
    ASSERT_TRUE((*w)->WriteHeader({"列", "说明"}).ok());
    ASSERT_TRUE((*w)->Close().ok());
  }
  auto reader = OpenTable(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"统一社会信用代码", "企业名称", "最大量"}));
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"91350100M000100Y43", "甲 & <乙>", "1200"}));
  EXPECT_EQ(rows[2].number, 3);
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"x", "", "0.25"}));
  EXPECT_EQ((*reader)->ColumnLabel(2), "C");

  auto second = OpenTable(path, {.sheet = "说明"});
  ASSERT_TRUE(second.ok());
  auto rows2 = ReadAll(**second);
  ASSERT_EQ(rows2.size(), 1u);
  EXPECT_EQ(rows2[0].cells[1], "说明");

  auto missing = OpenTable(path, {.sheet = "none"});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("企业, 说明"), std::string::npos) << missing.status().message();
}

TEST_F(XlsxTest, ReadsSharedInlineBooleanAndPrefixedCellsWithMerges) {
  const std::string workbook =
      R"(<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Other" sheetId="1" rel:id="rId2"/><x:sheet name="Data" sheetId="2" rel:id="rId1"/></x:sheets></x:workbook>)";
  const std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>)";
  const std::string strings =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>危险化学品企业信息表</t></si><si><r><t>统一社会</t></r><r><t>信用代码</t></r><rPh><t>ignored</t></rPh></si></sst>)";
  const std::string data =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>)"
      R"(<x:row r="2"/>)"
      R"(<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="C3" t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c></x:row>)"
      R"(<x:row r="5"><x:c r="B5"><x:v>1.2E-3</x:v></x:c><x:c r="C5" t="b"><x:v>1</x:v></x:c><x:c r="D5" t="e"><x:v>#N/A</x:v></x:c><x:c r="E5"><x:v>45292</x:v></x:c></x:row>)"
      R"(</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:E1"/></x:mergeCells></x:worksheet>)";
  const std::string other = R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>other</t></is></c></row></sheetData></worksheet>)";
  std::string path = Package("hand.xlsx", {{"xl/workbook.xml", workbook},
                                           {"xl/_rels/workbook.xml.rels", rels},
                                           {"xl/strings.xml", strings},
                                           {"xl/worksheets/data.xml", data},
                                           {"xl/worksheets/other.xml", other}});
  auto reader = OpenTable(path, {.sheet = "Data"});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto rows = ReadAll(**reader);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"危险化学品企业信息表"}));
  EXPECT_EQ(rows[1].number, 3);
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"统一社会信用代码", "", "备注"}));
  EXPECT_EQ(rows[2].number, 5);
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"", "0.0012", "TRUE", "#N/A", "45292"}));
  ASSERT_EQ((*reader)->MergedRanges().size(), 1u);
  const MergedRange& m = (*reader)->MergedRanges()[0];
  EXPECT_EQ(m.first_row, 1);
  EXPECT_EQ(m.last_row, 1);
  EXPECT_EQ(m.first_column, 0);
  EXPECT_EQ(m.last_column, 4);

  auto first = OpenTable(path);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(ReadAll(**first)[0].cells[0], "other");
}

TEST_F(XlsxTest, NotAZipIsRefusedNamingTheFile) {
  std::string path = (dir_ / "fake.xlsx").string();
  FILE* f = fopen(path.c_str(), "wb");
  fputs("a,b\n", f);
  fclose(f);
  auto r = OpenTable(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("fake.xlsx: not an XLSX file"), std::string::npos) << r.status().message();
}

TEST(ColumnLettersTest, MatchesExcel) {
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
  EXPECT_EQ(ColumnLetters(701), "ZZ");
  EXPECT_EQ(ColumnLetters(702), "AAA");
}

TEST(ExcelSerialTest, ConvertsThe1900DateSystem) {
  // Microsoft, "DATE function": DATE(2024,1,1) = 45292; serial 1 = 1900-01-01; 61 = 1900-03-01
  // (serial 60 is Excel's non-existent 1900-02-29).
  EXPECT_EQ(*ExcelSerialToIsoDate(45292), "2024-01-01");
  EXPECT_EQ(*ExcelSerialToIsoDate(45292.75), "2024-01-01");
  EXPECT_EQ(*ExcelSerialToIsoDate(1), "1900-01-01");
  EXPECT_EQ(*ExcelSerialToIsoDate(59), "1900-02-28");
  EXPECT_EQ(*ExcelSerialToIsoDate(61), "1900-03-01");
  EXPECT_FALSE(ExcelSerialToIsoDate(60).ok());
  EXPECT_FALSE(ExcelSerialToIsoDate(0).ok());
}

}  // namespace
}  // namespace chemsafe::tabular
