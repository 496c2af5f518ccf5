// Labels are read back the way a person and a scanner read them: the PDF's text with pdftotext, the QR
// code with zbarimg from a 300 dpi raster (pdftoppm) and from the PNG output, the pictograms by their red
// frames in the PNG. The tools come from poppler-utils and zbar-tools (scripts/install-deps.sh); a test
// that needs one fails when it is missing.
#include "chemsafe/trace/labels.h"

#include <cairo.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/drawing/testing/pdf_check.h"

namespace chemsafe::trace {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using drawing_testing::HaveTool;
using drawing_testing::PdfInfo;
using drawing_testing::PdfText;
using drawing_testing::PdfToPng;
using drawing_testing::ScanQr;
using drawing_testing::TempDir;
using drawing_testing::ToolRun;
using drawing_testing::WriteFile;

constexpr const char* kPayload = "https://id.gs1.org/01/09521234543213/21/12345";

// Sodium cyanide (labels-sds.md §7.3: GHS06, GHS08, GHS09, 危险, 剧毒).
LabelSpec SodiumCyanide() {
  LabelSpec s;
  s.payload = kPayload;
  s.identifier_text = "(01)09521234543213(21)12345";
  s.chemical_name_zh = "氰化钠";
  s.cas = "143-33-9";
  s.un_number = "1689";
  s.quantity_text = "25 kg";
  s.holder = {"广州示例化工有限公司", "91440101MA5D1234X5"};
  s.lot = "L20261129-07";
  s.date = "2026-11-29";
  s.signal_word = SignalWord::kDanger;
  s.pictograms = {"GHS06", "GHS08", "GHS09"};
  s.markings = {"剧毒化学品"};
  return s;
}

// Releases the font caches at the end, for the leak checker (and sets its suppression for cairo).
const auto* const kReleaseFontCaches = drawing_testing::ReleaseFontCachesAtExit();

class TraceLabels : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = LabelAssets::Load(CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    assets_ = new LabelAssets(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete assets_;
    assets_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(assets_, nullptr);
    ASSERT_FALSE(dir_.path().empty()) << "no temp dir";
  }

  std::string Render(const LabelSpec& s) {
    auto bytes = RenderLabel(s, *assets_);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    return bytes.ok() ? *bytes : std::string();
  }
  // Decodes the QR code(s) of a PNG file; zbarimg prints one line per symbol.
  static ToolRun Scan(const fs::path& png) { return ScanQr(png); }

  static LabelAssets* assets_;
  TempDir dir_{"chemsafe-labels"};
};
LabelAssets* TraceLabels::assets_ = nullptr;

// An RGB image read from PNG bytes with cairo.
struct Image {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;  // 0x00RRGGBB
  static bool IsRed(std::uint32_t p) {
    const auto r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
    return r > 200 && g < 90 && b < 90;
  }
};

std::optional<Image> DecodePng(const std::string& png) {
  struct Reader {
    const std::string* bytes;
    std::size_t at = 0;
  } reader{&png};
  auto read = [](void* closure, unsigned char* data, unsigned int length) -> cairo_status_t {
    auto* r = static_cast<Reader*>(closure);
    if (r->bytes->size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
    std::copy_n(r->bytes->data() + r->at, length, data);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
  };
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read, &reader);
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(s, &cairo_surface_destroy);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) return std::nullopt;
  Image img;
  img.width = cairo_image_surface_get_width(s);
  img.height = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  for (int y = 0; y < img.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < img.width; ++x) img.pixels.push_back(row[x] & 0xffffffu);
  }
  return img;
}

// The red pixels, and the most separate red runs any one row crosses. Each GHS pictogram is a red
// square-on-a-point frame around a white field: a row through it crosses the frame twice, so the
// maximum over rows is twice the number of pictograms side by side.
struct RedCount {
  long pixels = 0;
  int max_runs_in_a_row = 0;
};
RedCount CountRed(const Image& img) {
  RedCount c;
  for (int y = 0; y < img.height; ++y) {
    int runs = 0;
    bool in = false;
    for (int x = 0; x < img.width; ++x) {
      const bool red = Image::IsRed(img.pixels[static_cast<std::size_t>(y * img.width + x)]);
      c.pixels += red ? 1 : 0;
      if (red && !in) ++runs;
      in = red;
    }
    c.max_runs_in_a_row = std::max(c.max_runs_in_a_row, runs);
  }
  return c;
}

TEST_F(TraceLabels, PdfCarriesTheTextAtTheLabelSize) {
  ASSERT_TRUE(HaveTool("pdftotext")) << "pdftotext (poppler-utils) is missing: run scripts/install-deps.sh";
  ASSERT_TRUE(HaveTool("pdfinfo")) << "pdfinfo (poppler-utils) is missing: run scripts/install-deps.sh";
  const std::string pdf = Render(SodiumCyanide());
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  const fs::path file = dir_.path() / "label.pdf";
  WriteFile(file, pdf);
  const ToolRun text = PdfText(file);
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("氰化钠"));
  EXPECT_THAT(text.out, HasSubstr("143-33-9"));
  EXPECT_THAT(text.out, HasSubstr("UN 1689"));
  EXPECT_THAT(text.out, HasSubstr("(01)09521234543213(21)12345"));
  EXPECT_THAT(text.out, HasSubstr("剧毒化学品"));
  EXPECT_THAT(text.out, HasSubstr("危险"));
  EXPECT_THAT(text.out, HasSubstr("91440101MA5D1234X5"));
  EXPECT_THAT(text.out, HasSubstr("L20261129-07"));
  // 100 × 70 mm = 283.465 × 198.425 pt (1 pt = 25.4/72 mm).
  const ToolRun info = PdfInfo(file);
  ASSERT_EQ(info.exit_code, 0);
  EXPECT_THAT(info.out, ::testing::ContainsRegex("Pages: +1\n"));
  EXPECT_THAT(info.out, ::testing::ContainsRegex("Page size: +283\\.465 x 198\\.425 pts"));
}

TEST_F(TraceLabels, PdfQrCodeDecodesToThePayloadAt300Dpi) {
  ASSERT_TRUE(HaveTool("pdftoppm")) << "pdftoppm (poppler-utils) is missing: run scripts/install-deps.sh";
  ASSERT_TRUE(HaveTool("zbarimg")) << "zbarimg (zbar-tools) is missing: run scripts/install-deps.sh";
  const fs::path pdf = dir_.path() / "label.pdf";
  WriteFile(pdf, Render(SodiumCyanide()));
  const fs::path stem = dir_.path() / "page";
  ASSERT_EQ(PdfToPng(pdf, stem, 300, "-singlefile").exit_code, 0);
  const ToolRun scan = Scan(dir_.path() / "page.png");
  EXPECT_EQ(scan.exit_code, 0);
  EXPECT_EQ(scan.out, std::string(kPayload) + "\n");  // exactly one symbol, exactly the payload
}

TEST_F(TraceLabels, PngQrCodeDecodesToThePayload) {
  ASSERT_TRUE(HaveTool("zbarimg")) << "zbarimg (zbar-tools) is missing: run scripts/install-deps.sh";
  LabelSpec spec = SodiumCyanide();
  spec.format = LabelFormat::kPng;
  const std::string png = Render(spec);
  const auto img = DecodePng(png);
  ASSERT_TRUE(img.has_value());
  // 100 × 70 mm at 300 dpi: 1181 × 827 px (mm / 25.4 × 300, rounded).
  EXPECT_EQ(img->width, 1181);
  EXPECT_EQ(img->height, 827);
  const fs::path file = dir_.path() / "label.png";
  WriteFile(file, png);
  const ToolRun scan = Scan(file);
  EXPECT_EQ(scan.exit_code, 0);
  EXPECT_EQ(scan.out, std::string(kPayload) + "\n");
}

TEST_F(TraceLabels, LongerPayloadsStillDecodeAndTooLongOnesAreRefused) {
  ASSERT_TRUE(HaveTool("zbarimg")) << "zbarimg (zbar-tools) is missing: run scripts/install-deps.sh";
  // A Digital Link URL with a long serial and query: 200 bytes, QR version 10 at level M.
  LabelSpec spec = SodiumCyanide();
  spec.format = LabelFormat::kPng;
  spec.payload = std::string(kPayload) + "?linkType=gs1:traceability&x=" + std::string(200 - 74, 'A');
  ASSERT_EQ(spec.payload.size(), 200u);
  const fs::path file = dir_.path() / "long.png";
  WriteFile(file, Render(spec));
  EXPECT_EQ(Scan(file).out, spec.payload + "\n");

  // 600 bytes need version 17 (85 modules + 8 of quiet zone): under 0.5 mm per module on 100 × 70 mm …
  spec.payload = std::string(kPayload) + "?x=" + std::string(600 - 48, 'A');
  auto refused = RenderLabel(spec, *assets_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("0.5 mm"));
  // … and fine on 200 × 140 mm.
  spec.width_mm = 200;
  spec.height_mm = 140;
  spec.png_dpi = 150;
  WriteFile(file, Render(spec));
  EXPECT_EQ(Scan(file).out, spec.payload + "\n");
}

TEST_F(TraceLabels, EachPictogramIsOneRedDiamondAlongTheBottom) {
  LabelSpec spec = SodiumCyanide();
  spec.format = LabelFormat::kPng;
  spec.markings.clear();  // red text would count as red
  std::vector<RedCount> counts;
  const std::vector<std::vector<std::string>> sets = {{}, {"GHS06"}, {"GHS06", "GHS08", "GHS09"}};
  for (const auto& set : sets) {
    spec.pictograms = set;
    const auto img = DecodePng(Render(spec));
    ASSERT_TRUE(img.has_value());
    counts.push_back(CountRed(*img));
  }
  EXPECT_EQ(counts[0].pixels, 0);
  EXPECT_EQ(counts[0].max_runs_in_a_row, 0);
  EXPECT_EQ(counts[1].max_runs_in_a_row, 2);
  EXPECT_EQ(counts[2].max_runs_in_a_row, 6);
  // Three diamonds of the same size hold three times the red of one (the nine artworks share the
  // frame's geometry; 2 % allows for anti-aliased edges).
  EXPECT_NEAR(static_cast<double>(counts[2].pixels) / static_cast<double>(counts[1].pixels), 3.0, 0.06);
  // The red frame is about 0.14 of its square (GHS06.svg: outer half-diagonal 360, inner 302.8, of 735
  // units: 2·(360² − 302.8²) / 735² = 0.140); the square is 17.4 mm (30 % of the 58 mm content height) at
  // 300 dpi. At least 0.1 of it shows the artwork was drawn at that size, not shrunk to a speck.
  const double square_px = std::pow(17.4 / 25.4 * 300, 2);
  EXPECT_GT(static_cast<double>(counts[1].pixels), 0.1 * square_px);
}

TEST_F(TraceLabels, NonAsciiPayloadIsRefusedNamingTheField) {
  for (const std::string& payload : {std::string("https://id.gs1.org/01/09521234543213/21/批次"),
                                    std::string("https://id.gs1.org/01/09521234543213/21/1\n"), std::string()}) {
    LabelSpec spec = SodiumCyanide();
    spec.payload = payload;
    auto r = RenderLabel(spec, *assets_);
    ASSERT_FALSE(r.ok()) << payload;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr("payload"));
  }
  LabelSpec spec = SodiumCyanide();
  spec.payload = "https://id.gs1.org/01/09521234543213/21/\xe6\x89\xb9";
  EXPECT_THAT(RenderLabel(spec, *assets_).status().message(), HasSubstr("byte 40 is 0xE6, not printable ASCII"));
}

TEST_F(TraceLabels, BadSpecsAreRefusedNamingTheField) {
  LabelSpec spec = SodiumCyanide();
  spec.pictograms = {"GHS06", "GHS10"};
  EXPECT_THAT(RenderLabel(spec, *assets_).status().message(), HasSubstr("pictograms: unknown code 'GHS10'"));
  spec.pictograms = {"GHS06", "GHS06"};
  EXPECT_THAT(RenderLabel(spec, *assets_).status().message(), HasSubstr("'GHS06' given twice"));
  spec = SodiumCyanide();
  spec.chemical_name_zh = "\xff\xfe";
  EXPECT_THAT(RenderLabel(spec, *assets_).status().message(), HasSubstr("chemical_name_zh: not valid UTF-8"));
  spec = SodiumCyanide();
  spec.width_mm = 0;
  EXPECT_THAT(RenderLabel(spec, *assets_).status().message(), HasSubstr("size"));
  spec = SodiumCyanide();
  spec.holder.name = std::string(3000, 'X');
  EXPECT_THAT(RenderLabel(spec, *assets_).status().message(), HasSubstr("text does not fit"));
  // Markup characters in the text are text, not markup.
  spec = SodiumCyanide();
  spec.holder.name = "A&B <Chem> \"Ltd\"";
  EXPECT_TRUE(RenderLabel(spec, *assets_).ok());
}

TEST_F(TraceLabels, TextIsSetSmallerUntilItFits) {
  ASSERT_TRUE(HaveTool("pdftotext")) << "pdftotext (poppler-utils) is missing: run scripts/install-deps.sh";
  LabelSpec spec = SodiumCyanide();
  spec.holder.name = "广东省某某市某某区某某街道危险化学品仓储与物流有限责任公司第二分公司（危险化学品经营许可证持证单位）";
  const fs::path file = dir_.path() / "long.pdf";
  WriteFile(file, Render(spec));
  const ToolRun text = PdfText(file);
  EXPECT_THAT(text.out, HasSubstr("143-33-9"));
  EXPECT_THAT(text.out, HasSubstr("(01)09521234543213(21)12345"));
}

TEST(TraceLabelAssets, MissingOrBrokenPictogramIsAnErrorNamingTheFile) {
  TempDir dir("chemsafe-labels");
  ASSERT_FALSE(dir.path().empty());
  const fs::path pictograms = dir.path() / "ghs" / "pictograms";
  fs::create_directories(pictograms);
  for (int i = 1; i <= 9; ++i) {
    if (i == 5) continue;
    const std::string name = "GHS0" + std::to_string(i) + ".svg";
    fs::copy_file(fs::path(CHEMSAFE_TEST_DATA_DIR) / "ghs" / "pictograms" / name, pictograms / name);
  }
  auto missing = LabelAssets::Load(dir.path().string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr((pictograms / "GHS05.svg").string()));

  WriteFile(pictograms / "GHS05.svg", "<svg this is not");
  auto broken = LabelAssets::Load(dir.path().string());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(broken.status().message(), HasSubstr((pictograms / "GHS05.svg").string()));

  fs::copy_file(fs::path(CHEMSAFE_TEST_DATA_DIR) / "ghs" / "pictograms" / "GHS05.svg", pictograms / "GHS05.svg",
                fs::copy_options::overwrite_existing);
  auto fixed = LabelAssets::Load(dir.path().string());
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_NE(fixed->Pictogram("GHS05"), nullptr);
  EXPECT_EQ(fixed->Pictogram("GHS10"), nullptr);
}

std::vector<catalogue::Classification> Parsed(const std::vector<std::string>& texts) {
  std::vector<catalogue::Classification> cs;
  for (const auto& t : texts) {
    auto c = catalogue::ParseClassification(t);
    EXPECT_TRUE(c.ok()) << t << ": " << c.status().ToString();
    if (c.ok()) cs.push_back(*c);
  }
  return cs;
}

std::vector<std::string> PictogramsFor(const std::vector<std::string>& texts) {
  return PictogramsForClassifications(Parsed(texts));
}

// The worked examples of labels-sds.md §7 (shared/data/ghs/label_test_cases.json): the catalogue's
// classification items → pictograms after precedence.
TEST(TraceLabelPictograms, WorkedExamplesOfTheLabelNotes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(PictogramsFor({"易燃液体,类别2", "急性毒性-经口,类别3*", "急性毒性-经皮,类别3*", "急性毒性-吸入,类别3*",
                          "特异性靶器官毒性-一次接触,类别1"}),
            (V{"GHS02", "GHS06", "GHS08"}));  // §7.1 甲醇
  EXPECT_EQ(PictogramsFor({"加压气体", "急性毒性-吸入,类别2", "皮肤腐蚀/刺激,类别2", "严重眼损伤/眼刺激,类别2",
                          "特异性靶器官毒性-一次接触,类别3（呼吸道刺激）", "危害水生环境-急性危害,类别1"}),
            (V{"GHS04", "GHS06", "GHS09"}));  // §7.2 氯: GHS07 suppressed by GHS06
  EXPECT_EQ(PictogramsFor({"急性毒性-经口,类别2", "急性毒性-经皮,类别1", "严重眼损伤/眼刺激,类别2", "生殖毒性,类别2",
                          "特异性靶器官毒性-反复接触,类别1", "危害水生环境-急性危害,类别1",
                          "危害水生环境-长期危害,类别1"}),
            (V{"GHS06", "GHS08", "GHS09"}));  // §7.3 氰化钠
}

// GHS 1.4.10.5.3.1 precedence, each rule on its own.
TEST(TraceLabelPictograms, PrecedenceRemovesOnlyTheExclamationMarksItCovers) {
  using V = std::vector<std::string>;
  EXPECT_EQ(PictogramsFor({"皮肤腐蚀/刺激,类别2"}), (V{"GHS07"}));
  // Corrosion covers skin and eye irritation …
  EXPECT_EQ(PictogramsFor({"严重眼损伤/眼刺激,类别1", "皮肤腐蚀/刺激,类别2"}), (V{"GHS05"}));
  // … but not acute toxicity category 4.
  EXPECT_EQ(PictogramsFor({"皮肤腐蚀/刺激,类别1B", "急性毒性-经口,类别4"}), (V{"GHS05", "GHS07"}));
  // The health hazard for respiratory sensitisation covers skin sensitisation and irritation …
  EXPECT_EQ(PictogramsFor({"呼吸道致敏物,类别1", "皮肤致敏物,类别1", "严重眼损伤/眼刺激,类别2"}), (V{"GHS08"}));
  // … but not narcotic effects, and another health hazard covers nothing.
  EXPECT_EQ(PictogramsFor({"呼吸道致敏物,类别1", "特异性靶器官毒性-一次接触,类别3（麻醉效应）"}), (V{"GHS07", "GHS08"}));
  EXPECT_EQ(PictogramsFor({"致癌性,类别2", "皮肤致敏物,类别1"}), (V{"GHS07", "GHS08"}));
  // No pictogram for flammable liquids 4 or explosives 1.5; two for organic peroxides type B.
  EXPECT_EQ(PictogramsFor({"易燃液体,类别4"}), V{});
  EXPECT_EQ(PictogramsFor({"有机过氧化物,B型"}), (V{"GHS01", "GHS02"}));
  EXPECT_EQ(PictogramsFor({"爆炸物,1.5项"}), V{});
}

// Signal words of ghs_label_allocation.csv (GB 30000-2013 rows); 危险 wins over 警告.
TEST(TraceLabelSignalWord, DangerOverWarningOverNone) {
  EXPECT_EQ(SignalWordForClassifications({}), SignalWord::kNone);
  EXPECT_EQ(SignalWordForClassifications(Parsed({"危害水生环境-长期危害,类别2"})), SignalWord::kNone);  // GHS09, no word
  EXPECT_EQ(SignalWordForClassifications(Parsed({"易燃液体,类别3"})), SignalWord::kWarning);
  EXPECT_EQ(SignalWordForClassifications(Parsed({"加压气体", "危害水生环境-急性危害,类别1"})), SignalWord::kWarning);
  EXPECT_EQ(SignalWordForClassifications(Parsed({"易燃液体,类别3", "急性毒性-吸入,类别3*"})), SignalWord::kDanger);
  EXPECT_EQ(SignalWordForClassifications(Parsed({"急性毒性-经口,类别4", "致癌性,类别1A"})), SignalWord::kDanger);
  EXPECT_EQ(SignalWordForClassifications(Parsed({"有机过氧化物,E型"})), SignalWord::kWarning);
  EXPECT_EQ(SignalWordForClassifications(Parsed({"有机过氧化物,D型"})), SignalWord::kDanger);
  EXPECT_EQ(SignalWordForClassifications(Parsed({"爆炸物,1.4项"})), SignalWord::kWarning);
  EXPECT_EQ(SignalWordForClassifications(Parsed({"爆炸物,1.5项"})), SignalWord::kDanger);
  EXPECT_EQ(SignalWordZh(SignalWord::kDanger), "危险");
  EXPECT_EQ(SignalWordZh(SignalWord::kWarning), "警告");
}

// labels-sds.md §7.2 chlorine as the catalogue keeps it (entry 1381, 剧毒): the chemical's part of the label.
TEST(TraceLabelSpec, ChemicalPartComesFromTheCatalogue) {
  catalogue::Chemical chlorine;
  chlorine.key = "7782-50-5";
  chlorine.entry_no = 1381;
  chlorine.name_zh = "氯";
  chlorine.cas_numbers = {"7782-50-5"};
  chlorine.un_numbers = {"1017"};
  chlorine.highly_toxic = true;
  chlorine.classifications = Parsed({"加压气体", "急性毒性-吸入,类别2", "皮肤腐蚀/刺激,类别2", "严重眼损伤/眼刺激,类别2",
                                     "特异性靶器官毒性-一次接触,类别3（呼吸道刺激）", "危害水生环境-急性危害,类别1"});
  const LabelSpec spec = LabelSpecForChemical(chlorine);
  EXPECT_EQ(spec.chemical_name_zh, "氯");
  EXPECT_EQ(spec.cas, "7782-50-5");
  EXPECT_EQ(spec.un_number, "1017");
  EXPECT_EQ(spec.pictograms, (std::vector<std::string>{"GHS04", "GHS06", "GHS09"}));
  EXPECT_EQ(spec.signal_word, SignalWord::kDanger);
  EXPECT_EQ(spec.markings, std::vector<std::string>{"剧毒化学品"});
  EXPECT_TRUE(spec.payload.empty());  // the caller's

  catalogue::Chemical nitrate;  // 硝酸铵: 易制爆, not 剧毒
  nitrate.name_zh = "硝酸铵";
  nitrate.explosive_precursor = true;
  EXPECT_EQ(LabelSpecForChemical(nitrate).markings, std::vector<std::string>{"易制爆危险化学品"});
  EXPECT_TRUE(LabelSpecForChemical(nitrate).cas.empty());
}

}  // namespace
}  // namespace chemsafe::trace
