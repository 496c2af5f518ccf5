// What the renderers of printed documents share (the trace labels, trace/labels.h; the safety cards,
// cards/cards.h): RAII holders for the handles of cairo, pango, librsvg and libqrencode, pango layouts
// set in points and unhinted, pango markup escaping, the printable-ASCII check of a QR payload, and the
// QR code (ISO/IEC 18004: level M, 8-bit byte mode) drawn with its quiet zone.
//
// This is an adapter library: the third-party types appear in this header on purpose, and only the
// rendering .cc files include it; no domain header does (STYLE.md §12).
//
// Thread-safety: every function is safe to call concurrently on distinct cairo contexts and layouts;
// a context or layout itself is not shared between threads (cairo's and pango's own rule).
#pragma once

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <memory>
#include <string>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe::drawing {

// 1 pt = 1/72 in = 25.4/72 mm (the PostScript point, cairo's PDF user unit).
inline constexpr double kPtPerMm = 72.0 / 25.4;
// ISO/IEC 18004:2015 §9.1: the quiet zone is 4 modules wide on every side.
inline constexpr int kQrQuietZoneModules = 4;

struct GErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};
struct GObjectUnref {
  void operator()(void* o) const { g_object_unref(o); }
};
struct CairoSurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};
struct LayoutIterFree {
  void operator()(PangoLayoutIter* i) const { pango_layout_iter_free(i); }
};
using GErrorPtr = std::unique_ptr<GError, GErrorFree>;
using RsvgPtr = std::unique_ptr<RsvgHandle, GObjectUnref>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;
using QrPtr = std::unique_ptr<QRcode, QrFree>;
using LayoutIterPtr = std::unique_ptr<PangoLayoutIter, LayoutIterFree>;

// A cairo write function (cairo_write_func_t) appending to the std::string that `closure` points to.
// Never fails.
cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length);

// Ok for CAIRO_STATUS_SUCCESS, else Internal "cairo (<what>): <cairo's message>".
Status CairoOk(cairo_status_t st, std::string_view what);

// A PDF surface of `width_pt` × `height_pt` writing into `*out` (which must outlive it), with the
// document title `title` and the creator "chemsafe". Internal if cairo cannot create it.
Result<SurfacePtr> NewPdfSurface(std::string* out, double width_pt, double height_pt, const std::string& title);

// A pango layout whose sizes are in points of the cairo user space (the context's resolution 72 dpi),
// unhinted so that PDF and PNG set the text alike. Internal if pango cannot create it.
Result<LayoutPtr> MakeLayout(cairo_t* cr);
// The same, wrapping at `width_pt` between words, or inside a word where a word is wider than a line.
Result<LayoutPtr> MakeWrappingLayout(cairo_t* cr, double width_pt);

// Sets `markup` on `layout` after checking that pango parses it. Internal "pango markup: …" otherwise:
// markup is built by the caller, so a parse failure is a bug, not bad input. A character whose glyph the PDF
// would show blank (如 of Noto Sans CJK SC Regular, cairo 1.16) is set in a face that draws it.
Status SetMarkup(PangoLayout* layout, const std::string& markup);

// The layout's logical extent in points.
double LayoutHeightPt(PangoLayout* layout);
double LayoutWidthPt(PangoLayout* layout);

// Plain text as pango markup: & < > " ' become entities, every other byte is kept.
std::string EscapeMarkup(std::string_view text);

// Ok when every byte of `text` is printable ASCII (0x20–0x7E; the empty text too: the caller says
// whether empty is allowed). Else InvalidArgument "<field>: byte <i> is 0x<XX>, not printable ASCII"
// followed by `hint`, for the first such byte (i from 0).
Status CheckPrintableAscii(std::string_view field, std::string_view text, std::string_view hint = {});

// `svg` parsed by librsvg. InvalidArgument "not an SVG: <librsvg's message>" otherwise.
Result<RsvgPtr> ParseSvg(std::string_view svg);
// Draws the parsed SVG into the square of side `side_pt` with its top left corner at (x_pt, y_pt).
// Internal "librsvg: <name>: <message>" if librsvg fails.
Status DrawSvg(cairo_t* cr, RsvgHandle* svg, double x_pt, double y_pt, double side_pt, std::string_view name);

// The QR code of `payload` in 8-bit (byte) mode at error correction level M, in the smallest version
// that holds it. InvalidArgument "<field>: <n> bytes do not fit a QR code at level M" when no version
// does (over 2331 bytes, ISO/IEC 18004:2015 Table 7); Internal if libqrencode fails otherwise.
Result<QrPtr> EncodeQr(std::string_view field, std::string_view payload);

// The side of the symbol in modules, quiet zone included.
int QrModulesWithQuietZone(const QRcode& qr);

// Draws the symbol with its quiet zone (white) with the zone's top left corner at (x_pt, y_pt), each
// module `module_pt` square, dark modules black. Modules are drawn without anti-aliasing, each row's
// dark runs as one path so that a rasteriser leaves no seams.
void DrawQr(cairo_t* cr, const QRcode& qr, double x_pt, double y_pt, double module_pt);

}  // namespace chemsafe::drawing
