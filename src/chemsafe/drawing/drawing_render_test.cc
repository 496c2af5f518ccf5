// What drawing.h's text puts on a PDF page, read back with poppler (pdftoppm): every character of a line
// draws ink, 如 (U+5982) of Noto Sans CJK SC Regular included, which cairo 1.16 writes blank unless set in
// another face (drawing.cc SetFaceOfBlankGlyphs). Needs poppler-utils and fonts-noto-cjk
// (scripts/install-deps.sh).
#include <gtest/gtest.h>

#include <cairo.h>

#include <filesystem>
#include <string>
#include <unistd.h>

#include "chemsafe/drawing/drawing.h"
#include "chemsafe/drawing/testing/pdf_check.h"

namespace chemsafe::drawing {
namespace {

namespace fs = std::filesystem;

const auto* const kReleaseFontCaches = drawing_testing::ReleaseFontCachesAtExit();

// Dark pixels of a PNG in columns [x0, x1).
int InkIn(const fs::path& png, int x0, int x1) {
  cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
  EXPECT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS) << png;
  cairo_surface_flush(image);
  const int w = cairo_image_surface_get_width(image), h = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  int ink = 0;
  for (int y = 0; data != nullptr && y < h; ++y) {
    for (int x = std::max(0, x0); x < std::min(w, x1); ++x) {
      const unsigned char* p = data + y * stride + x * 4;  // ARGB32 or RGB24, little-endian B G R A
      if (p[0] < 128 && p[1] < 128 && p[2] < 128) ++ink;
    }
  }
  cairo_surface_destroy(image);
  return ink;
}

// Four glyphs of 40 pt in the regular and the bold weight: each 40 pt cell at 72 dpi draws ink.
TEST(DrawingPdf, EveryGlyphOfALineDrawsInkInTheRegularAndTheBoldWeight) {
  ASSERT_TRUE(drawing_testing::HaveTool("pdftoppm"));
  const fs::path dir = fs::temp_directory_path() / ("chemsafe-drawing-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* weight : {"normal", "bold"}) {
    std::string pdf;
    {
      auto surface = NewPdfSurface(&pdf, 240, 60, "glyphs");
      ASSERT_TRUE(surface.ok()) << surface.status().ToString();
      cairo_t* cr = cairo_create(surface->get());
      auto layout = MakeLayout(cr);
      ASSERT_TRUE(layout.ok());
      ASSERT_TRUE(SetMarkup(layout->get(), std::string("<span font_family=\"Noto Sans CJK SC\" size=\"40pt\" weight=\"") +
                                               weight + "\">通报如下</span>")
                      .ok());
      cairo_move_to(cr, 0, 0);
      pango_cairo_show_layout(cr, layout->get());
      cairo_destroy(cr);
      cairo_surface_finish(surface->get());
    }
    ASSERT_TRUE(drawing_testing::WriteFile(dir / "g.pdf", pdf));
    ASSERT_EQ(drawing_testing::PdfToPng(dir / "g.pdf", dir / "g", 72, "-singlefile").exit_code, 0);
    for (int cell = 0; cell < 4; ++cell) {
      EXPECT_GT(InkIn(dir / "g.png", cell * 40 + 2, cell * 40 + 38), 20) << weight << " glyph " << cell + 1 << " of 通报如下";
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace chemsafe::drawing
