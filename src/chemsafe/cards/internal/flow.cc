// The cards' page engine with libqrencode (the QR matrix), cairo (the PDF surface), librsvg (the GHS
// pictograms) and pango (Chinese text). Every library handle lives in a RAII holder of
// chemsafe/drawing/drawing.h, shared with trace/labels.cc; no library type leaves this file.
#include "chemsafe/cards/internal/flow.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "chemsafe/drawing/drawing.h"

namespace chemsafe::cards::internal {
namespace {

using drawing::EscapeMarkup;
using drawing::kPtPerMm;
using drawing::LayoutHeightPt;
using drawing::LayoutPtr;

// The brief of issue 7: text is set smaller down to 7 pt, then continues on further pages.
constexpr double kMinPt = 7.0;
constexpr double kStepPt = 0.5;
constexpr double kFooterPt = 7.0;
constexpr double kGapMm = 3.0;  // between the band, the header, the body and the footer
constexpr double kPictogramGapMm = 1.0;
constexpr int kPictogramsPerRow = 4;
constexpr double kBarPt = 3.0;  // the coloured bar of a block
// As for the trace labels (issue 6): at least 0.5 mm per module, for phone cameras at arm's length.
constexpr double kMinModuleMm = 0.5;
// A guard against runaway input, not a layout rule: a card is a few pages at most.
constexpr std::size_t kMaxPages = 50;
constexpr const char* kTextFont = "Noto Sans CJK SC";

// `markup` inside a span of the card font at `pt`.
Result<LayoutPtr> MakeTextLayout(cairo_t* cr, double width_pt, double pt, const std::string& markup) {
  CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr layout, drawing::MakeWrappingLayout(cr, width_pt));
  CHEMSAFE_RETURN_IF_ERROR(drawing::SetMarkup(
      layout.get(),
      fmt::format("<span font_family=\"{}\" size=\"{}\">{}</span>", kTextFont, std::lround(pt * PANGO_SCALE), markup)));
  return layout;
}


// What pagination moves: one line of a text block, or a whole block with pictograms (line < 0).
struct Unit {
  std::size_t block = 0;
  int line = -1;
  double gap = 0;         // space before, dropped at the top of a page
  double pad_top = 0;     // inside the block's box, first unit only
  double pad_bottom = 0;  // inside the block's box, last unit only
  double height = 0;
  double line_y = 0;  // the line's top within its layout
  bool keep_with_next = false;
  double Span() const { return pad_top + height + pad_bottom; }
};

struct Placed {
  std::size_t unit = 0;
  double top = 0;  // of the unit's span (its box edge for a first unit)
};

// The body measured at one size.
struct Body {
  std::vector<LayoutPtr> layouts;  // one per block
  std::vector<LayoutPtr> labels;   // one per block; null without a label
  std::vector<Unit> units;
  LayoutPtr info;
};

struct BlockGeometry {
  double text_x = 0;  // from the content's left edge
  double inner_x = 0;
  double pad = 0;
};

BlockGeometry GeometryOf(const Block& b, double pt) {
  BlockGeometry g;
  const bool box = b.bar.has_value() || b.fill.has_value();
  g.pad = box ? 0.4 * pt : 0.0;
  g.inner_x = (b.bar ? kBarPt : 0.0) + g.pad;
  g.text_x = g.inner_x + b.indent_pt + b.label_width_pt;
  return g;
}

double PictogramsHeight(const Block& b) {
  if (b.pictograms.empty()) return 0;
  const auto rows = static_cast<double>((b.pictograms.size() + kPictogramsPerRow - 1) / kPictogramsPerRow);
  return rows * b.pictogram_side_pt + (rows - 1) * kPictogramGapMm * kPtPerMm;
}

Result<Body> Measure(cairo_t* cr, const Content& content, double pt, double content_w, double info_w) {
  Body body;
  CHEMSAFE_ASSIGN_OR_RETURN(body.info, MakeTextLayout(cr, info_w, pt, content.info_markup));
  for (std::size_t bi = 0; bi < content.blocks.size(); ++bi) {
    const Block& b = content.blocks[bi];
    const BlockGeometry g = GeometryOf(b, pt);
    const double text_w = content_w - g.text_x - g.pad;
    if (text_w < 10 * kPtPerMm) return Internal("cards: a block leaves under 10 mm for its text");
    CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr layout, MakeTextLayout(cr, text_w, pt, b.markup));
    LayoutPtr label;
    if (!b.label.empty()) {
      CHEMSAFE_ASSIGN_OR_RETURN(label, MakeTextLayout(cr, b.label_width_pt, pt, b.label));
      pango_layout_set_width(label.get(), -1);  // one line; the builder sized the column
    }
    body.labels.push_back(std::move(label));
    const std::size_t first = body.units.size();
    if (!b.pictograms.empty()) {
      Unit u;
      u.block = bi;
      u.height = std::max(LayoutHeightPt(layout.get()), PictogramsHeight(b));
      body.units.push_back(u);
    } else {
      drawing::LayoutIterPtr it(pango_layout_get_iter(layout.get()));
      int line = 0;
      do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it.get(), nullptr, &logical);
        Unit u;
        u.block = bi;
        u.line = line++;
        u.line_y = static_cast<double>(logical.y) / PANGO_SCALE;
        u.height = static_cast<double>(logical.height) / PANGO_SCALE;
        body.units.push_back(u);
      } while (pango_layout_iter_next_line(it.get()));
    }
    body.units[first].gap = b.space_before_pt;
    body.units[first].pad_top = g.pad;
    body.units[first].keep_with_next = b.keep_with_next;
    body.units.back().pad_bottom = g.pad;
    body.layouts.push_back(std::move(layout));
  }
  return body;
}

// Lays the units on pages of `first_h` (page 1) and `next_h` points of body height.
Result<std::vector<std::vector<Placed>>> Paginate(const std::vector<Unit>& units, double first_h, double next_h) {
  std::vector<std::vector<Placed>> pages(1);
  double used = 0;
  double avail = first_h;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    auto need_here = [&](bool empty) {
      double need = (empty ? 0.0 : u.gap) + u.Span();
      if (u.keep_with_next && i + 1 < units.size()) need += units[i + 1].gap + units[i + 1].Span();
      return need;
    };
    bool empty = pages.back().empty();
    if (!empty && used + need_here(false) > avail) {
      pages.emplace_back();
      used = 0;
      avail = next_h;
      empty = true;
    }
    if (empty && u.Span() > avail) {
      return InvalidArgument(fmt::format("a block of {:.0f} mm is taller than a page", u.Span() / kPtPerMm));
    }
    const double top = used + (empty ? 0.0 : u.gap);
    pages.back().push_back({i, top});
    used = top + u.Span();
    if (pages.size() > kMaxPages) return InvalidArgument(fmt::format("more than {} pages", kMaxPages));
  }
  return pages;
}

Status DrawPictograms(cairo_t* cr, const Block& b, const trace::LabelAssets& assets, double x, double y) {
  const double gap = kPictogramGapMm * kPtPerMm, side = b.pictogram_side_pt;
  for (std::size_t i = 0; i < b.pictograms.size(); ++i) {
    const std::string* svg = assets.Pictogram(b.pictograms[i]);
    if (svg == nullptr || svg->empty()) {
      return FailedPrecondition(fmt::format("pictograms: no artwork loaded for '{}'", b.pictograms[i]));
    }
    auto handle = drawing::ParseSvg(*svg);
    if (!handle.ok()) return Internal(fmt::format("librsvg: {}: cannot parse", b.pictograms[i]));
    const double col = static_cast<double>(i % kPictogramsPerRow), row = static_cast<double>(i / kPictogramsPerRow);
    CHEMSAFE_RETURN_IF_ERROR(
        drawing::DrawSvg(cr, handle->get(), x + col * (side + gap), y + row * (side + gap), side, b.pictograms[i]));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderFlow(const Document& doc, const ContentBuilder& content, const trace::LabelAssets& assets) {
  CHEMSAFE_ASSIGN_OR_RETURN(drawing::QrPtr qr, drawing::EncodeQr(doc.url_field, doc.url));
  const double qr_side = doc.qr_side_mm * kPtPerMm;
  const double module = qr_side / drawing::QrModulesWithQuietZone(*qr);
  if (module / kPtPerMm < kMinModuleMm - 1e-9) {  // tolerance: rounding of the mm ↔ pt conversion
    return InvalidArgument(fmt::format(
        "{}: {} bytes need a QR code of version {} whose modules would be {:.2f} mm on this card, under the {} mm "
        "minimum; use a shorter URL",
        doc.url_field, doc.url.size(), qr->version, module / kPtPerMm, kMinModuleMm));
  }

  const double w = doc.page_w_mm * kPtPerMm, h = doc.page_h_mm * kPtPerMm, m = doc.margin_mm * kPtPerMm;
  const double cw = w - 2 * m, gap = kGapMm * kPtPerMm;
  std::string out;
  CHEMSAFE_ASSIGN_OR_RETURN(drawing::SurfacePtr surface, drawing::NewPdfSurface(&out, w, h, doc.title));
  {
    drawing::CairoPtr cr_holder(cairo_create(surface.get()));
    cairo_t* cr = cr_holder.get();

    // Fixed parts: the band, the continuation heading, the footer.
    const double band_pad = 0.35 * doc.title_pt;
    CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr title, MakeTextLayout(cr, cw - 2 * band_pad, doc.title_pt,
                                                              fmt::format("<b>{}</b>", EscapeMarkup(doc.title))));
    pango_layout_set_alignment(title.get(), PANGO_ALIGN_CENTER);
    const double band_h = LayoutHeightPt(title.get()) + 2 * band_pad;
    CHEMSAFE_ASSIGN_OR_RETURN(
        LayoutPtr cont, MakeTextLayout(cr, cw, doc.base_pt, fmt::format("<b>{}</b>", EscapeMarkup(doc.continuation))));
    const double cont_h = LayoutHeightPt(cont.get()) + gap;
    CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr footer, MakeTextLayout(cr, cw, kFooterPt, EscapeMarkup(doc.footer)));
    CHEMSAFE_ASSIGN_OR_RETURN(LayoutPtr url, MakeTextLayout(cr, cw, kFooterPt, EscapeMarkup(doc.url)));
    const double footer_h = 1.0 * kPtPerMm + LayoutHeightPt(footer.get()) + LayoutHeightPt(url.get());
    const double footer_top = h - m - footer_h;

    // The largest size at which the body fits one page; else paginated at the smallest.
    const double info_w = cw - qr_side - gap;
    double body_pt = doc.base_pt;
    Content blocks;
    Body body;
    std::vector<std::vector<Placed>> pages;
    double header_h = 0;
    for (double pt = doc.base_pt;; pt -= kStepPt) {
      const bool last = pt - kStepPt < kMinPt - 1e-9;
      blocks = content(pt);
      CHEMSAFE_ASSIGN_OR_RETURN(body, Measure(cr, blocks, pt, cw, info_w));
      header_h = band_h + gap + std::max(LayoutHeightPt(body.info.get()), qr_side) + gap;
      const double first_h = footer_top - gap - (m + header_h);
      const double next_h = footer_top - gap - (m + cont_h);
      if (first_h <= 0) return InvalidArgument("the card's identifying lines do not fit a page");
      CHEMSAFE_ASSIGN_OR_RETURN(pages, Paginate(body.units, first_h, next_h));
      if (pages.size() == 1 || last) {
        body_pt = pt;
        break;
      }
    }

    for (std::size_t p = 0; p < pages.size(); ++p) {
      double body_top = 0;
      if (p == 0) {
        cairo_set_source_rgb(cr, doc.band.r, doc.band.g, doc.band.b);
        cairo_rectangle(cr, m, m, cw, band_h);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, doc.band_text.r, doc.band_text.g, doc.band_text.b);
        cairo_move_to(cr, m + band_pad, m + band_pad);
        pango_cairo_show_layout(cr, title.get());
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, m, m + band_h + gap);
        pango_cairo_show_layout(cr, body.info.get());
        drawing::DrawQr(cr, *qr, m + cw - qr_side, m + band_h + gap, module);
        body_top = m + header_h;
      } else {
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, m, m);
        pango_cairo_show_layout(cr, cont.get());
        body_top = m + cont_h;
      }
      // Boxes first (a block's units on this page share one box), then the text over them.
      const std::vector<Placed>& placed = pages[p];
      for (std::size_t i = 0; i < placed.size();) {
        const Unit& first = body.units[placed[i].unit];
        std::size_t j = i;
        while (j + 1 < placed.size() && body.units[placed[j + 1].unit].block == first.block) ++j;
        const Block& b = blocks.blocks[first.block];
        const double top = body_top + placed[i].top;
        const double bottom = body_top + placed[j].top + body.units[placed[j].unit].Span();
        if (b.fill) {
          cairo_set_source_rgb(cr, b.fill->r, b.fill->g, b.fill->b);
          cairo_rectangle(cr, m, top, cw, bottom - top);
          cairo_fill(cr);
        }
        if (b.bar) {
          cairo_set_source_rgb(cr, b.bar->r, b.bar->g, b.bar->b);
          cairo_rectangle(cr, m, top, kBarPt, bottom - top);
          cairo_fill(cr);
        }
        i = j + 1;
      }
      cairo_set_source_rgb(cr, 0, 0, 0);
      for (const Placed& pl : placed) {
        const Unit& u = body.units[pl.unit];
        const Block& b = blocks.blocks[u.block];
        const BlockGeometry g = GeometryOf(b, body_pt);
        PangoLayout* layout = body.layouts[u.block].get();
        const double y = body_top + pl.top + u.pad_top;
        if (u.line < 0) {
          CHEMSAFE_RETURN_IF_ERROR(DrawPictograms(cr, b, assets, m + g.inner_x, y));
          cairo_set_source_rgb(cr, 0, 0, 0);
          cairo_move_to(cr, m + g.text_x, y);
          pango_cairo_show_layout(cr, layout);
          continue;
        }
        // A line is drawn from its baseline: the layout's baseline of that line, less the line's top.
        drawing::LayoutIterPtr it(pango_layout_get_iter(layout));
        for (int k = 0; k < u.line; ++k) pango_layout_iter_next_line(it.get());
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it.get(), nullptr, &logical);
        const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it.get())) / PANGO_SCALE;
        cairo_move_to(cr, m + g.text_x + static_cast<double>(logical.x) / PANGO_SCALE, y + baseline - u.line_y);
        pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it.get()));
        if (u.line == 0 && body.labels[u.block]) {
          // On the first line's baseline.
          cairo_move_to(cr, m + g.text_x - b.label_width_pt, y + baseline - u.line_y);
          pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(body.labels[u.block].get(), 0));
        }
      }
      // The footer: version and date left, the page right, the URL below.
      cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
      cairo_set_line_width(cr, 0.5);
      cairo_move_to(cr, m, footer_top);
      cairo_line_to(cr, m + cw, footer_top);
      cairo_stroke(cr);
      cairo_set_source_rgb(cr, 0, 0, 0);
      const double fy = footer_top + 1.0 * kPtPerMm;
      cairo_move_to(cr, m, fy);
      pango_cairo_show_layout(cr, footer.get());
      CHEMSAFE_ASSIGN_OR_RETURN(
          LayoutPtr page_no,
          MakeTextLayout(cr, cw, kFooterPt, fmt::format("第 {} 页 / 共 {} 页", p + 1, pages.size())));
      pango_layout_set_width(page_no.get(), -1);
      cairo_move_to(cr, m + cw - drawing::LayoutWidthPt(page_no.get()), fy);
      pango_cairo_show_layout(cr, page_no.get());
      cairo_move_to(cr, m, fy + LayoutHeightPt(footer.get()));
      pango_cairo_show_layout(cr, url.get());
      cairo_show_page(cr);
    }
    CHEMSAFE_RETURN_IF_ERROR(drawing::CairoOk(cairo_status(cr), "drawing"));
  }
  cairo_surface_finish(surface.get());
  CHEMSAFE_RETURN_IF_ERROR(drawing::CairoOk(cairo_surface_status(surface.get()), "PDF output"));
  return out;
}

}  // namespace chemsafe::cards::internal
