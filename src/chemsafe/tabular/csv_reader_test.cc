#include <iconv.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "chemsafe/tabular/internal/csv_reader.h"
#include "chemsafe/tabular/table_reader.h"
#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::tabular {
namespace {

class CsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chemsafe_csv_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  static std::vector<Row> ReadAll(const std::string& path) {
    auto reader = OpenTable(path);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    std::vector<Row> rows;
    Row row;
    while (true) {
      auto more = (*reader)->Next(row);
      EXPECT_TRUE(more.ok()) << more.status().ToString();
      if (!more.ok() || !*more) break;
      rows.push_back(row);
    }
    return rows;
  }

  // Converts UTF-8 to `charset` with iconv, as Excel in a Chinese locale would save the text.
  static std::string Encode(const std::string& utf8, const char* charset) {
    iconv_t cd = iconv_open(charset, "UTF-8");
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 4, '\0');
    char* in = const_cast<char*>(utf8.data());
    size_t in_left = utf8.size();
    char* o = out.data();
    size_t out_left = out.size();
    EXPECT_NE(iconv(cd, &in, &in_left, &o, &out_left), static_cast<size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
  }

  std::filesystem::path dir_;
};

TEST_F(CsvTest, QuotedNewlinesAndBlankLinesKeepTheLineNumbersUsersSee) {
  std::string path = Write("a.csv",
                           "名称,备注\r\n"
                           "氯气,\"two\r\nlines\"\r\n"
                           "\r\n"
                           "\"a \"\"quoted\"\" word\",x\r\n"
                           "last,no newline");
  auto rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"名称", "备注"}));
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_EQ(rows[1].cells[1], "two\r\nlines");
  EXPECT_EQ(rows[2].number, 5);  // line 3 continues the quoted cell, line 4 is blank
  EXPECT_EQ(rows[2].cells[0], "a \"quoted\" word");
  EXPECT_EQ(rows[3].number, 6);
  EXPECT_EQ(rows[3].cells, (std::vector<std::string>{"last", "no newline"}));
}

TEST_F(CsvTest, LfOnlyLineEndsAndEmptyCells) {
  auto rows = ReadAll(Write("b.csv", "a,,c\n\n\n,,\nx\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ(rows[1].number, 4);
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(rows[2].number, 5);
}

TEST_F(CsvTest, ByteOrderMarkIsStripped) {
  auto rows = ReadAll(Write("bom.csv", "\xEF\xBB\xBF统一社会信用代码,企业名称\n91350100M000100Y43,甲\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells[0], "统一社会信用代码");
}

TEST_F(CsvTest, GbkFileFromExcelIsConverted) {
  std::string utf8 = "企业名称,地址\n广州某化工有限公司,\"广州市黄埔区, 东区\"\n深圳燃气,南山区\n";
  std::string gbk = Encode(utf8, "GBK");
  ASSERT_NE(gbk, utf8);
  auto reader = OpenTable(Write("gbk.csv", gbk));
  ASSERT_TRUE(reader.ok());
  Row row;
  std::vector<Row> rows;
  while (*(*reader)->Next(row)) rows.push_back(row);
  EXPECT_EQ((*reader)->SourceEncoding(), "GB18030");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"广州某化工有限公司", "广州市黄埔区, 东区"}));
  EXPECT_EQ(rows[2].cells[0], "深圳燃气");
}

TEST_F(CsvTest, UndecodableBytesAreRefusedNamingTheLine) {
  // GBK text, then on line 3 a byte sequence that is valid in neither GB 18030 nor UTF-8 (0x80 is not
  // a GB 18030 lead byte, GB 18030-2005 §5.1).
  std::string bytes = Encode("名称\n甲醇\n", "GBK") + "\x80\x80\n";
  auto reader = OpenTable(Write("bad.csv", bytes));
  ASSERT_TRUE(reader.ok());
  Row row;
  Result<bool> r = true;
  while (r.ok() && *r) r = (*reader)->Next(row);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad.csv:3: the text is neither UTF-8 nor GB 18030"), std::string::npos)
      << r.status().message();
}

TEST_F(CsvTest, UnterminatedQuoteIsAnErrorAtTheRecordStart) {
  auto reader = OpenTable(Write("q.csv", "a,b\nc,\"open\nmore\n"));
  ASSERT_TRUE(reader.ok());
  Row row;
  Result<bool> r = true;
  while (r.ok() && *r) r = (*reader)->Next(row);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("q.csv:2:"), std::string::npos) << r.status().message();
}

TEST_F(CsvTest, RowNumbersStayRightAcrossBlocks) {
  // More than one 1 MiB block, with a multi-line record and Chinese text crossing block boundaries.
  std::string text = "编号,名称\n";
  const int kRows = 60000;
  for (int i = 1; i <= kRows; ++i) {
    text += std::to_string(i);
    text += (i % 1000 == 0) ? ",\"多行\n名称\"\n" : ",液化石油气储罐区\n";
  }
  auto reader = OpenTable(Write("big.csv", text));
  ASSERT_TRUE(reader.ok());
  Row row;
  int expected_line = 2, seen = 0;
  ASSERT_TRUE(*(*reader)->Next(row));
  while (true) {
    auto more = (*reader)->Next(row);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ++seen;
    ASSERT_EQ(row.number, expected_line) << "record " << row.cells[0];
    ASSERT_EQ(row.cells[0], std::to_string(seen));
    expected_line += (seen % 1000 == 0) ? 2 : 1;
  }
  EXPECT_EQ(seen, kRows);
  EXPECT_EQ((*reader)->BytesRead(), text.size());
  EXPECT_EQ((*reader)->BytesTotal(), text.size());
}

TEST_F(CsvTest, MissingFileIsNotFoundAndUnknownExtensionRefused) {
  EXPECT_EQ(OpenTable((dir_ / "none.csv").string()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(OpenTable(Write("x.xls", "x")).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenTable(Write("x.ods", "x")).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CsvTest, WriterRoundTripsAwkwardCellsWithBom) {
  std::string path = (dir_ / "w.csv").string();
  {
    auto w = CreateCsvWriter(path, {.byte_order_mark = true});
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->WriteHeader({"名称", "数量"}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Text("a, \"b\"\nc"), Cell::Number(1200)}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Text(" padded "), Cell::Number(0.1)}).ok());
    ASSERT_TRUE((*w)->WriteRow({Cell::Empty(), Cell::Number(1e-7)}).ok());
    ASSERT_TRUE((*w)->Close().ok());
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes.find("\"a, \"\"b\"\"\nc\",1200\r\n"), std::string::npos) << bytes;
  auto rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].cells[0], "名称");
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"a, \"b\"\nc", "1200"}));
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{" padded ", "0.1"}));
  EXPECT_EQ(rows[3].cells, (std::vector<std::string>{"", "1e-07"}));
  EXPECT_EQ(rows[3].number, 5);
}

// Lines without quotes are split by the reader itself, others by libcsv: both must read every
// file alike, wherever the blocks end. Random files over the characters that matter (comma, quote,
// space, tab, CR, LF, a 3-byte character) are read with libcsv alone and with the quick path at
// several block sizes; rows, line numbers, cells and errors must be the same.
TEST_F(CsvTest, PlainLinesSplitAsLibcsvSplitsThem) {
  const std::vector<std::string> pieces = {"a", "bc", ",", ",", " ", "\t", "\"", "\r", "\n", "\n", "中", "1.5"};
  std::mt19937 rng(20240501);
  auto read = [](const std::string& path, const internal::CsvReaderOptions& options) {
    std::string out;
    auto reader = internal::OpenCsv(path, options);
    if (!reader.ok()) return "open: " + reader.status().ToString();
    Row row;
    while (true) {
      auto more = (*reader)->Next(row);
      if (!more.ok()) return out + "error: " + more.status().ToString();
      if (!*more) return out;
      out += std::to_string(row.number) + ":";
      for (const auto& c : row.cells) out += "[" + c + "]";
      out += "\n";
    }
  };
  int quick_lines = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    if (text.find('"') == std::string::npos && text.find('\n') != std::string::npos) ++quick_lines;
    const std::string path = Write("random.csv", text);
    const std::string expected = read(path, {.block_bytes = 1 << 20, .split_plain_lines = false});
    for (std::size_t block : {1u, 2u, 3u, 7u, 1u << 20}) {
      ASSERT_EQ(read(path, {.block_bytes = block, .split_plain_lines = true}), expected)
          << "block " << block << ", file \"" << text << "\"";
    }
  }
  EXPECT_GT(quick_lines, 100);
}

}  // namespace
}  // namespace chemsafe::tabular
