// Container and lot labels of the trace module (issue 6; plan tasks T3, T35): the tracking identifier
// as a QR code, the human-readable text, and the chemical's GHS pictograms, rendered to PDF or PNG.
//
// What a label carries is decided by the caller: the QR payload (a GS1 Digital Link URL such as
// "https://id.gs1.org/01/09521234543213/21/12345", issued by the trace module's identifiers), the texts,
// and the pictogram set after the GB 15258-2009 / GHS 1.4.10.5.3 precedence rules (labels-sds.md §3).
// This file renders; the label elements are the caller's. For a chemical of the catalogue,
// LabelSpecForChemical derives them from the catalogue's classifications (the catalogue keeps GHS
// classifications, not pictograms: catalogue/ghs.h).
//
// Layout (default 100 × 70 mm, landscape): a 1 mm black frame inside a 3 mm blank margin (GB 15258-2009
// 5.4.1 asks this of safety labels; kept here so the label can sit beside one); inside it the QR code
// on the left, the text on the right, and along the bottom the pictograms (the red-framed diamonds of
// the GHS artwork, unchanged) followed by the signal word. Text that does not fit is set smaller, down
// to 5 pt, and is an error below that.
//
// The QR code (ISO/IEC 18004): error correction level M, 8-bit (byte) mode, a quiet zone of 4 modules,
// and at least 0.5 mm per module (an error otherwise: a longer payload needs a larger label).
//
// Pure apart from the fonts the system's fontconfig provides (Noto Sans CJK SC for Chinese, from the
// Debian package fonts-noto-cjk). Thread-safety: RenderLabel may be called concurrently with the same
// LabelAssets (they are immutable); LabelAssets::Load reads files.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/catalogue/ghs.h"
#include "chemsafe/core/result.h"

namespace chemsafe::trace {

// The output file format.
enum class LabelFormat {
  kPdf = 1,  // vector; page size = the label size
  kPng = 2,  // raster at LabelSpec::png_dpi, white background
};

// GB 30000-2013 signal words (信号词).
enum class SignalWord {
  kNone = 0,
  kDanger = 1,   // 危险
  kWarning = 2,  // 警告
};
std::string_view SignalWordZh(SignalWord w);  // "危险", "警告", ""

// The enterprise holding the container or lot.
struct LabelHolder {
  std::string name;   // enterprise name (Chinese)
  std::string uscc;   // 统一社会信用代码, printed as given
};

struct LabelSpec {
  std::string payload;          // the QR code's text: printable ASCII only (0x20–0x7E), non-empty
  std::string identifier_text;  // the identifier as printed under the name, e.g. "(01)09521234543213(21)12345"
  std::string chemical_name_zh;
  std::string cas;              // "67-56-1"; empty: not printed
  std::string un_number;        // "1230" (printed "UN 1230"); empty: not printed
  std::string quantity_text;    // "25 kg"
  LabelHolder holder;
  std::string lot;              // empty: not printed
  std::string date;             // production or packing date as printed ("2026-11-29"); empty: not printed
  SignalWord signal_word = SignalWord::kNone;
  // GHS pictogram codes "GHS01" … "GHS09", printed in this order; each at most once.
  std::vector<std::string> pictograms;
  // Regulatory markings printed in red above the name, e.g. "剧毒化学品", "易制爆".
  std::vector<std::string> markings;
  double width_mm = 100.0;   // Default: 100 mm
  double height_mm = 70.0;   // Default: 70 mm
  LabelFormat format = LabelFormat::kPdf;
  double png_dpi = 300.0;    // Default: 300 dots per inch; PNG only
};

// The artwork a label needs, read once: the nine GHS pictograms (public-domain Wikimedia Commons
// artwork, data/ghs/PROVENANCE.md). Immutable; cheap to share between threads by const reference.
class LabelAssets {
 public:
  // Reads <data_dir>/ghs/pictograms/GHS01.svg … GHS09.svg and checks that each parses as SVG.
  // NotFound or InvalidArgument naming the file.
  static Result<LabelAssets> Load(std::string_view data_dir);

  // The SVG text of a pictogram by code ("GHS06"); nullptr for an unknown code.
  const std::string* Pictogram(std::string_view code) const;

 private:
  std::array<std::string, 9> svgs_;  // GHS01 … GHS09
};

// Renders the label and returns the file's bytes (PDF or PNG as spec.format says).
// InvalidArgument naming the field for: a payload that is empty or not printable ASCII; a text that is
// not UTF-8; an unknown or repeated pictogram code; a label size that leaves the QR code under 0.5 mm per
// module or the text under 5 pt; a size or resolution out of range. FailedPrecondition when `assets`
// lack a pictogram (not loaded with Load). Internal if a library fails.
Result<std::string> RenderLabel(const LabelSpec& spec, const LabelAssets& assets);

// Label elements from the catalogue's GHS classifications, by the allocation of GB 30000.2~29-2013
// (= GHS Rev.4 Annex 1), as transcribed in shared/data/ghs/ghs_label_allocation.csv (labels-sds.md §6).
// The catalogue's `*` (minimum classification) is taken as printed: a stricter category found by the
// producer is the caller's to pass.
//
// The pictograms, with the precedence of GHS 1.4.10.5.3 / GB 15258-2009 applied (GHS06 removes GHS07;
// GHS05 removes GHS07 from skin and eye irritation; GHS08 for respiratory sensitisation removes GHS07
// from skin sensitisation and skin and eye irritation), in code order ("GHS02", "GHS06", "GHS08").
// Classifications without a pictogram (flammable liquids 4, explosives 1.5/1.6, …) add none.
std::vector<std::string> PictogramsForClassifications(const std::vector<catalogue::Classification>& classifications);
// 危险 if any classification's signal word is 危险, else 警告 if any is 警告, else none (labels-sds.md §6.3).
SignalWord SignalWordForClassifications(const std::vector<catalogue::Classification>& classifications);

// A label spec with the chemical's part filled from the catalogue: name, first CAS and UN number, the
// pictograms and signal word above, and the markings "剧毒化学品" (highly_toxic) and "易制爆危险化学品"
// (explosive_precursor). The caller adds payload, identifier_text, quantity_text, holder, lot, date,
// and may change anything.
LabelSpec LabelSpecForChemical(const catalogue::Chemical& chemical);

}  // namespace chemsafe::trace
