// The page engine of the cards: a title band, an identifying block beside the QR code, then blocks of
// pango markup flowed down the page, set smaller until they fit one page and paginated below the
// minimum size. Module-private; cards.cc builds the blocks. No library type appears here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/trace/labels.h"

namespace chemsafe::cards::internal {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

// One block of the body. Text blocks break between lines across pages; a block with pictograms is kept
// whole.
struct Block {
  std::string markup;                   // pango markup, sizes set by the builder
  std::vector<std::string> pictograms;  // GHS codes drawn left of the text, at most 4 a row
  double pictogram_side_pt = 0;
  double indent_pt = 0;         // the text starts this far right of the block's inner left edge
  std::string label;            // markup set left of the first line (a list number), in a column of
  double label_width_pt = 0;    // this width; later lines align under the text, not under the label
  std::optional<Rgb> bar;       // a coloured bar down the left edge
  std::optional<Rgb> fill;      // a background
  double space_before_pt = 0;   // dropped at the top of a page
  bool keep_with_next = false;  // a heading: not the last thing on a page
};

struct Content {
  std::string info_markup;  // the identifying lines beside the QR code on page 1
  std::vector<Block> blocks;
};

struct Document {
  std::string title;         // in the band
  Rgb band;                  // the band's colour
  Rgb band_text;             // the title's colour
  std::string continuation;  // heads pages 2…, e.g. "岗位风险告知卡（续）"
  std::string footer;        // "版本 3 · 2026-11-29"
  std::string url;           // the QR payload, also printed in the footer; printable ASCII (checked by the caller)
  std::string url_field;     // names the URL in errors: "post_card.record.url"
  // Page geometry and sizes (A4 values; cards.cc sets A5's).
  double page_w_mm = 210, page_h_mm = 297;
  double margin_mm = 12;
  double title_pt = 22;    // the title in the band; fixed
  double qr_side_mm = 32;  // with its quiet zone
  double base_pt = 11;     // the body's size when everything fits one page
};

// The body at a given base size: called once per size tried.
using ContentBuilder = std::function<Content(double pt)>;

// Renders the document to PDF bytes.
Result<std::string> RenderFlow(const Document& doc, const ContentBuilder& content, const trace::LabelAssets& assets);

}  // namespace chemsafe::cards::internal
