// The shared rendering pieces of drawing.h over cairo, pango, librsvg and libqrencode.
#include "chemsafe/drawing/drawing.h"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <cerrno>
#include <string_view>

namespace chemsafe::drawing {

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Status CairoOk(cairo_status_t st, std::string_view what) {
  if (st == CAIRO_STATUS_SUCCESS) return Status::Ok();
  return Internal(fmt::format("cairo ({}): {}", what, cairo_status_to_string(st)));
}

Result<SurfacePtr> NewPdfSurface(std::string* out, double width_pt, double height_pt, const std::string& title) {
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(AppendToString, out, width_pt, height_pt));
  CHEMSAFE_RETURN_IF_ERROR(CairoOk(cairo_surface_status(surface.get()), "PDF surface"));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "chemsafe");
  return surface;
}

Result<LayoutPtr> MakeLayout(cairo_t* cr) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  if (!layout) return Internal("pango: cannot create a layout");
  PangoContext* ctx = pango_layout_get_context(layout.get());
  pango_cairo_context_set_resolution(ctx, 72.0);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx, options);
  cairo_font_options_destroy(options);
  pango_layout_context_changed(layout.get());
  return layout;
}

Result<LayoutPtr> MakeWrappingLayout(cairo_t* cr, double width_pt) {
  CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr layout, MakeLayout(cr));
  pango_layout_set_width(layout.get(), static_cast<int>(width_pt * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  return layout;
}

namespace {

// 如 (U+5982) of Noto Sans CJK SC Regular is blank in the PDFs cairo 1.16 writes (the subset it makes of that
// CID-keyed CFF glyph draws nothing in poppler, either renderer; every other of the 6,763 GB 2312 characters
// draws, in both weights: decision 0011). It is set in the TC face of the same family, whose 如 has the same
// form and draws.
constexpr std::string_view kBlankInPdf = "\xE5\xA6\x82";  // U+5982 如 in UTF-8
constexpr const char* kBlankInPdfFace = "Noto Sans CJK TC";

void SetFaceOfBlankGlyphs(PangoLayout* layout) {
  const std::string_view text(pango_layout_get_text(layout));
  std::size_t at = text.find(kBlankInPdf);
  if (at == std::string_view::npos) return;
  PangoAttrList* own = pango_layout_get_attributes(layout);
  PangoAttrList* attrs = own != nullptr ? pango_attr_list_copy(own) : pango_attr_list_new();
  for (; at != std::string_view::npos; at = text.find(kBlankInPdf, at + kBlankInPdf.size())) {
    PangoAttribute* face = pango_attr_family_new(kBlankInPdfFace);
    face->start_index = static_cast<guint>(at);
    face->end_index = static_cast<guint>(at + kBlankInPdf.size());
    pango_attr_list_insert(attrs, face);  // after the markup's own: it wins for those bytes
  }
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
}

}  // namespace

Status SetMarkup(PangoLayout* layout, const std::string& markup) {
  GError* raw = nullptr;
  if (!pango_parse_markup(markup.data(), static_cast<int>(markup.size()), 0, nullptr, nullptr, nullptr, &raw)) {
    GErrorPtr error(raw);
    return Internal(fmt::format("pango markup: {}", error ? error->message : "unknown error"));
  }
  pango_layout_set_markup(layout, markup.data(), static_cast<int>(markup.size()));
  SetFaceOfBlankGlyphs(layout);
  return Status::Ok();
}

double LayoutHeightPt(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double LayoutWidthPt(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

Status CheckPrintableAscii(std::string_view field, std::string_view text, std::string_view hint) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b > 0x7e) {
      return InvalidArgument(fmt::format("{}: byte {} is 0x{:02X}, not printable ASCII{}", field, i, b, hint));
    }
  }
  return Status::Ok();
}

Result<RsvgPtr> ParseSvg(std::string_view svg) {
  GError* raw = nullptr;
  RsvgHandle* h = rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &raw);
  GErrorPtr error(raw);
  if (h == nullptr) return InvalidArgument(fmt::format("not an SVG: {}", error ? error->message : "unknown error"));
  return RsvgPtr(h);
}

Status DrawSvg(cairo_t* cr, RsvgHandle* svg, double x_pt, double y_pt, double side_pt, std::string_view name) {
  const RsvgRectangle viewport{x_pt, y_pt, side_pt, side_pt};
  GError* raw = nullptr;
  if (!rsvg_handle_render_document(svg, cr, &viewport, &raw)) {
    GErrorPtr error(raw);
    return Internal(fmt::format("librsvg: {}: {}", name, error ? error->message : "unknown error"));
  }
  return Status::Ok();
}

Result<QrPtr> EncodeQr(std::string_view field, std::string_view payload) {
  // 8-bit (byte) mode, level M, the smallest version that holds it (version 0 = automatic).
  errno = 0;
  QrPtr qr(QRcode_encodeData(static_cast<int>(payload.size()), reinterpret_cast<const unsigned char*>(payload.data()),
                             0, QR_ECLEVEL_M));
  if (!qr) {
    if (errno == ERANGE) {
      return InvalidArgument(fmt::format("{}: {} bytes do not fit a QR code at level M", field, payload.size()));
    }
    return Internal(fmt::format("libqrencode: cannot encode {} (errno {})", field, errno));
  }
  return qr;
}

int QrModulesWithQuietZone(const QRcode& qr) { return qr.width + 2 * kQrQuietZoneModules; }

void DrawQr(cairo_t* cr, const QRcode& qr, double x_pt, double y_pt, double module_pt) {
  cairo_save(cr);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb(cr, 1, 1, 1);
  const int modules = QrModulesWithQuietZone(qr);
  cairo_rectangle(cr, x_pt, y_pt, modules * module_pt, modules * module_pt);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < qr.width; ++row) {
    int col = 0;
    while (col < qr.width) {
      // Bit 0 of each byte is the module's colour (1 = dark), libqrencode's QRcode contract.
      if ((qr.data[row * qr.width + col] & 1) == 0) {
        ++col;
        continue;
      }
      int run = col;
      while (run < qr.width && (qr.data[row * qr.width + run] & 1) != 0) ++run;
      cairo_rectangle(cr, x_pt + (col + kQrQuietZoneModules) * module_pt,
                      y_pt + (row + kQrQuietZoneModules) * module_pt, (run - col) * module_pt, module_pt);
      col = run;
    }
  }
  cairo_fill(cr);  // one path: no seams between modules where a rasteriser anti-aliases
  cairo_restore(cr);
}

}  // namespace chemsafe::drawing
