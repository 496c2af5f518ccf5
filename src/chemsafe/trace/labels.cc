// Label rendering with libqrencode (the QR matrix), cairo (PDF and PNG surfaces), librsvg (the GHS
// pictograms) and pango (Chinese text). Every library handle lives in a RAII holder of
// chemsafe/drawing/drawing.h, which also draws the QR code; no library type leaves this file.
#include "chemsafe/trace/labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "chemsafe/drawing/drawing.h"

namespace chemsafe::trace {
namespace {

using drawing::CairoOk;
using drawing::EscapeMarkup;
using drawing::kPtPerMm;

// Geometry, in millimetres unless named otherwise.
// GB 15258-2009 5.4.1 [U, labels-sds.md §3]: a black border at least 1 mm wide with at least 3 mm of
// blank margin outside it.
constexpr double kOuterMarginMm = 3.0;
constexpr double kFrameMm = 1.0;
constexpr double kPaddingMm = 2.0;   // between the frame and the content
constexpr double kGapMm = 2.5;       // between the QR code and the text, and above the pictogram strip
constexpr double kPictogramGapMm = 1.0;
constexpr double kStripShare = 0.3;  // the pictogram strip takes at most this share of the content height
constexpr double kStripMaxMm = 22.0;
// The brief of issue 6: at least 0.5 mm per module at the default size, for phone cameras at arm's length.
constexpr double kMinModuleMm = 0.5;
constexpr double kBaseFontPt = 9.0;
constexpr double kMinFontPt = 5.0;
constexpr double kFontStepPt = 0.5;
constexpr double kMaxSizeMm = 300.0;  // the largest GB 15258-2009 5.3 label is 200 × 300 mm
constexpr double kMaxDpi = 1200.0;
constexpr const char* kTextFont = "Noto Sans CJK SC";
constexpr const char* kRed = "#d00000";

constexpr std::array<std::string_view, 9> kPictogramCodes = {"GHS01", "GHS02", "GHS03", "GHS04", "GHS05",
                                                             "GHS06", "GHS07", "GHS08", "GHS09"};

int PictogramIndex(std::string_view code) {
  for (std::size_t i = 0; i < kPictogramCodes.size(); ++i) {
    if (kPictogramCodes[i] == code) return static_cast<int>(i);
  }
  return -1;
}


Status CheckPayload(std::string_view payload) {
  if (payload.empty()) return InvalidArgument("payload: empty; the QR code needs the identifier's URL");
  return drawing::CheckPrintableAscii(
      "payload", payload, "; a GS1 Digital Link URL is printable ASCII (percent-encode anything else)");
}

Status CheckText(std::string_view field, std::string_view text) {
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return InvalidArgument(fmt::format("{}: not valid UTF-8", field));
  }
  return Status::Ok();
}

Status CheckSpec(const LabelSpec& s) {
  CHEMSAFE_RETURN_IF_ERROR(CheckPayload(s.payload));
  const std::pair<std::string_view, const std::string*> texts[] = {
      {"identifier_text", &s.identifier_text}, {"chemical_name_zh", &s.chemical_name_zh},
      {"cas", &s.cas}, {"un_number", &s.un_number}, {"quantity_text", &s.quantity_text},
      {"holder.name", &s.holder.name}, {"holder.uscc", &s.holder.uscc}, {"lot", &s.lot}, {"date", &s.date}};
  for (const auto& [field, text] : texts) CHEMSAFE_RETURN_IF_ERROR(CheckText(field, *text));
  for (const auto& m : s.markings) CHEMSAFE_RETURN_IF_ERROR(CheckText("markings", m));
  std::set<std::string_view> seen;
  for (const auto& p : s.pictograms) {
    if (PictogramIndex(p) < 0) {
      return InvalidArgument(fmt::format("pictograms: unknown code '{}' (GHS01 … GHS09)", p));
    }
    if (!seen.insert(p).second) return InvalidArgument(fmt::format("pictograms: '{}' given twice", p));
  }
  const bool size_ok = std::isfinite(s.width_mm) && std::isfinite(s.height_mm) && s.width_mm > 0 &&
                       s.height_mm > 0 && s.width_mm <= kMaxSizeMm && s.height_mm <= kMaxSizeMm;
  if (!size_ok) {
    return InvalidArgument(fmt::format("size: {} × {} mm is not a label size (0 < side ≤ {} mm)", s.width_mm,
                                       s.height_mm, kMaxSizeMm));
  }
  if (s.format == LabelFormat::kPng && !(s.png_dpi > 0 && s.png_dpi <= kMaxDpi)) {
    return InvalidArgument(fmt::format("png_dpi: {} is not a resolution (0 < dpi ≤ {})", s.png_dpi, kMaxDpi));
  }
  return Status::Ok();
}

// The text block as pango markup at base size `pt`.
std::string TextMarkup(const LabelSpec& s, double pt) {
  auto size = [](double p) { return static_cast<int>(std::lround(p * PANGO_SCALE)); };
  std::string m;
  auto line = [&m](const std::string& l) {
    if (!m.empty()) m += '\n';
    m += l;
  };
  if (!s.markings.empty()) {
    std::string joined;
    for (const auto& k : s.markings) joined += (joined.empty() ? "" : "  ") + EscapeMarkup(k);
    line(fmt::format("<span foreground=\"{}\" weight=\"bold\" size=\"{}\">{}</span>", kRed, size(pt * 1.1), joined));
  }
  line(fmt::format("<span weight=\"bold\" size=\"{}\">{}</span>", size(pt * 1.6), EscapeMarkup(s.chemical_name_zh)));
  std::string ids;
  if (!s.cas.empty()) ids += "CAS " + EscapeMarkup(s.cas);
  if (!s.un_number.empty()) ids += (ids.empty() ? "" : "    ") + std::string("UN ") + EscapeMarkup(s.un_number);
  if (!ids.empty()) line(fmt::format("<span weight=\"bold\" size=\"{}\">{}</span>", size(pt * 1.1), ids));
  if (!s.quantity_text.empty()) line("数量 " + EscapeMarkup(s.quantity_text));
  if (!s.lot.empty()) line("批号 " + EscapeMarkup(s.lot));
  if (!s.date.empty()) line("日期 " + EscapeMarkup(s.date));
  if (!s.holder.name.empty()) line(EscapeMarkup(s.holder.name));
  if (!s.holder.uscc.empty()) line("统一社会信用代码 " + EscapeMarkup(s.holder.uscc));
  if (!s.identifier_text.empty()) {
    line(fmt::format("<span font_family=\"DejaVu Sans Mono\" size=\"{}\">{}</span>", size(pt * 0.9),
                     EscapeMarkup(s.identifier_text)));
  }
  return fmt::format("<span font_family=\"{}\" size=\"{}\">{}</span>", kTextFont, size(pt), m);
}

// Draws the whole label on `cr`, whose user space is in points with the origin at the label's top
// left corner. `device_per_pt` is the device pixels per point (1 for PDF): the QR modules are snapped to
// whole pixels on raster output so that every module is sharp.
Status Draw(cairo_t* cr, const LabelSpec& s, const LabelAssets& assets, const QRcode& qr, double device_per_pt) {
  const double w = s.width_mm * kPtPerMm, h = s.height_mm * kPtPerMm;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);

  // The frame.
  const double frame = kFrameMm * kPtPerMm, outer = kOuterMarginMm * kPtPerMm;
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, frame);
  cairo_rectangle(cr, outer + frame / 2, outer + frame / 2, w - 2 * outer - frame, h - 2 * outer - frame);
  cairo_stroke(cr);

  const double inset = outer + frame + kPaddingMm * kPtPerMm;
  const double cx = inset, cy = inset, cw = w - 2 * inset, ch = h - 2 * inset;
  if (cw <= 0 || ch <= 0) {
    return InvalidArgument(fmt::format("size: {} × {} mm leaves no room inside the frame", s.width_mm, s.height_mm));
  }
  const double gap = kGapMm * kPtPerMm;
  const bool has_strip = !s.pictograms.empty() || s.signal_word != SignalWord::kNone;
  const double strip_h = has_strip ? std::min(ch * kStripShare, kStripMaxMm * kPtPerMm) : 0.0;
  const double top_h = ch - strip_h - (has_strip ? gap : 0.0);

  // The QR code, at most half the width.
  const int modules = drawing::QrModulesWithQuietZone(qr);
  double side = std::min(top_h, cw / 2);
  double module = side / modules;
  double qx = cx, qy = cy;
  if (device_per_pt != 1.0) {
    const double module_px = std::floor(module * device_per_pt);
    module = module_px / device_per_pt;
    qx = std::round(qx * device_per_pt) / device_per_pt;
    qy = std::round(qy * device_per_pt) / device_per_pt;
  }
  const double module_mm = module / kPtPerMm;
  if (module_mm < kMinModuleMm - 1e-9) {  // tolerance: rounding of the mm ↔ pt conversion
    return InvalidArgument(fmt::format(
        "size: on a {} × {} mm label{} the QR code of this payload ({} bytes, version {}, {} modules with the "
        "quiet zone) has {:.2f} mm modules, under the {} mm minimum; use a larger label or a shorter payload",
        s.width_mm, s.height_mm,
        s.format == LabelFormat::kPng ? fmt::format(" at {} dpi", s.png_dpi) : std::string(), s.payload.size(),
        qr.version, modules, module_mm, kMinModuleMm));
  }
  side = module * modules;
  drawing::DrawQr(cr, qr, qx, qy, module);

  // The text, right of the QR code; set smaller until it fits.
  const double tx = qx + side + gap, tw = cx + cw - tx;
  if (tw <= 0) return InvalidArgument("size: no room for the text beside the QR code");
  CHEMSAFE_ASSIGN_OR_RETURN(drawing::LayoutPtr text, drawing::MakeWrappingLayout(cr, tw));
  double pt = kBaseFontPt;
  for (;; pt -= kFontStepPt) {
    if (pt < kMinFontPt - 1e-9) {
      return InvalidArgument(fmt::format(
          "size: the text does not fit a {} × {} mm label at {} pt; shorten it or use a larger label", s.width_mm,
          s.height_mm, kMinFontPt));
    }
    CHEMSAFE_RETURN_IF_ERROR(drawing::SetMarkup(text.get(), TextMarkup(s, pt)));
    if (drawing::LayoutHeightPt(text.get()) <= top_h) break;
  }
  cairo_move_to(cr, tx, cy);
  pango_cairo_show_layout(cr, text.get());

  if (!has_strip) return Status::Ok();
  // The pictograms along the bottom, then the signal word.
  const double sy = cy + ch - strip_h;
  double signal_w = 0;
  drawing::LayoutPtr signal;
  if (s.signal_word != SignalWord::kNone) {
    CHEMSAFE_ASSIGN_OR_RETURN(signal, drawing::MakeLayout(cr));
    const double signal_pt = std::max(kMinFontPt, strip_h * 0.45);
    CHEMSAFE_RETURN_IF_ERROR(drawing::SetMarkup(
        signal.get(), fmt::format("<span font_family=\"{}\" weight=\"bold\" size=\"{}\">{}</span>", kTextFont,
                                  std::lround(signal_pt * PANGO_SCALE), SignalWordZh(s.signal_word))));
    signal_w = drawing::LayoutWidthPt(signal.get());
  }
  const double pgap = kPictogramGapMm * kPtPerMm;
  const auto n = static_cast<double>(s.pictograms.size());
  double px = cx;
  if (n > 0) {
    const double room = cw - (signal ? signal_w + gap : 0.0);
    const double pside = std::min(strip_h, (room - (n - 1) * pgap) / n);
    if (pside <= 0) return InvalidArgument("size: no room for the pictograms");
    for (const auto& code : s.pictograms) {
      const std::string* svg = assets.Pictogram(code);
      if (svg == nullptr) return InvalidArgument(fmt::format("pictograms: unknown code '{}'", code));
      CHEMSAFE_ASSIGN_OR_RETURN(drawing::RsvgPtr handle, drawing::ParseSvg(*svg));
      CHEMSAFE_RETURN_IF_ERROR(drawing::DrawSvg(cr, handle.get(), px, sy + (strip_h - pside) / 2, pside, code));
      px += pside + pgap;
    }
    px += gap - pgap;
  }
  if (signal) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, px, sy + (strip_h - drawing::LayoutHeightPt(signal.get())) / 2);
    pango_cairo_show_layout(cr, signal.get());
  }
  return Status::Ok();
}

}  // namespace

std::string_view SignalWordZh(SignalWord w) {
  switch (w) {
    case SignalWord::kDanger: return "危险";
    case SignalWord::kWarning: return "警告";
    case SignalWord::kNone: break;
  }
  return "";
}

Result<LabelAssets> LabelAssets::Load(std::string_view data_dir) {
  LabelAssets assets;
  for (std::size_t i = 0; i < kPictogramCodes.size(); ++i) {
    const std::string path = fmt::format("{}/ghs/pictograms/{}.svg", data_dir, kPictogramCodes[i]);
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound(fmt::format("{}: cannot read the GHS pictogram", path));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    assets.svgs_[i] = std::move(bytes).str();
    auto parsed = drawing::ParseSvg(assets.svgs_[i]);
    if (!parsed.ok()) return parsed.status().WithContext(path);
  }
  return assets;
}

const std::string* LabelAssets::Pictogram(std::string_view code) const {
  const int i = PictogramIndex(code);
  return i < 0 ? nullptr : &svgs_[static_cast<std::size_t>(i)];
}

Result<std::string> RenderLabel(const LabelSpec& spec, const LabelAssets& assets) {
  CHEMSAFE_RETURN_IF_ERROR(CheckSpec(spec));
  for (const auto& code : spec.pictograms) {
    if (assets.Pictogram(code) == nullptr || assets.Pictogram(code)->empty()) {
      return FailedPrecondition(fmt::format("pictograms: no artwork loaded for '{}'", code));
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(drawing::QrPtr qr, drawing::EncodeQr("payload", spec.payload));

  const double w_pt = spec.width_mm * kPtPerMm, h_pt = spec.height_mm * kPtPerMm;
  std::string out;
  if (spec.format == LabelFormat::kPdf) {
    CHEMSAFE_ASSIGN_OR_RETURN(
        drawing::SurfacePtr surface,
        drawing::NewPdfSurface(&out, w_pt, h_pt, spec.identifier_text.empty() ? spec.payload : spec.identifier_text));
    {
      drawing::CairoPtr cr(cairo_create(surface.get()));
      CHEMSAFE_RETURN_IF_ERROR(Draw(cr.get(), spec, assets, *qr, 1.0));
      cairo_show_page(cr.get());
      CHEMSAFE_RETURN_IF_ERROR(CairoOk(cairo_status(cr.get()), "drawing"));
    }
    cairo_surface_finish(surface.get());
    CHEMSAFE_RETURN_IF_ERROR(CairoOk(cairo_surface_status(surface.get()), "PDF output"));
    return out;
  }

  const double device_per_pt = spec.png_dpi / 72.0;
  const int w_px = static_cast<int>(std::lround(w_pt * device_per_pt));
  const int h_px = static_cast<int>(std::lround(h_pt * device_per_pt));
  drawing::SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w_px, h_px));
  CHEMSAFE_RETURN_IF_ERROR(CairoOk(cairo_surface_status(surface.get()), "image surface"));
  {
    drawing::CairoPtr cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), device_per_pt, device_per_pt);
    CHEMSAFE_RETURN_IF_ERROR(Draw(cr.get(), spec, assets, *qr, device_per_pt));
    CHEMSAFE_RETURN_IF_ERROR(CairoOk(cairo_status(cr.get()), "drawing"));
  }
  cairo_surface_flush(surface.get());
  CHEMSAFE_RETURN_IF_ERROR(
      CairoOk(cairo_surface_write_to_png_stream(surface.get(), drawing::AppendToString, &out), "PNG output"));
  return out;
}

// GB 30000.2~29-2013 (GHS Rev.4 Annex 1) allocation of pictograms by class and category, as transcribed in
// shared/data/ghs/ghs_label_allocation.csv (PROVENANCE §9.3); precedence per GHS 1.4.10.5.3 (labels-sds.md §3).
std::vector<std::string> PictogramsForClassifications(const std::vector<catalogue::Classification>& classifications) {
  using catalogue::HazardClass;
  std::array<bool, 9> on{};
  // Why GHS07 is there: it survives precedence if any reason is not suppressed.
  bool exclam_irritation = false, exclam_skin_sens = false, exclam_other = false;
  bool resp_sens = false;
  auto set = [&on](int n) { on[static_cast<std::size_t>(n - 1)] = true; };
  for (const auto& c : classifications) {
    const std::string& k = c.category;
    switch (c.hazard_class) {
      case HazardClass::kExplosives:
        if (k != "1.5" && k != "1.6") set(1);
        break;
      case HazardClass::kFlammableGases:
        if (k == "1") set(2);
        break;
      case HazardClass::kAerosols:
      case HazardClass::kFlammableSolids:
      case HazardClass::kPyrophoricLiquids:
      case HazardClass::kPyrophoricSolids:
      case HazardClass::kSelfHeating:
      case HazardClass::kWaterReactiveFlammableGas:
        set(2);
        break;
      case HazardClass::kFlammableLiquids:
        if (k != "4") set(2);
        break;
      case HazardClass::kSelfReactive:
      case HazardClass::kOrganicPeroxides:
        if (k == "A" || k == "B") set(1);
        if (k != "A" && k != "G") set(2);
        break;
      case HazardClass::kOxidizingGases:
      case HazardClass::kOxidizingLiquids:
      case HazardClass::kOxidizingSolids:
        set(3);
        break;
      case HazardClass::kGasesUnderPressure:
        set(4);
        break;
      case HazardClass::kCorrosiveToMetals:
        set(5);
        break;
      case HazardClass::kAcuteToxicity:
        if (k == "1" || k == "2" || k == "3") set(6);
        if (k == "4") exclam_other = true;
        break;
      case HazardClass::kSkinCorrosionIrritation:
        if (k.starts_with("1")) set(5);
        if (k == "2") exclam_irritation = true;
        break;
      case HazardClass::kSeriousEyeDamageIrritation:
        if (k == "1") set(5);
        if (k == "2" || k == "2A") exclam_irritation = true;
        break;
      case HazardClass::kRespiratorySensitizer:
        set(8);
        resp_sens = true;
        break;
      case HazardClass::kSkinSensitizer:
        exclam_skin_sens = true;
        break;
      case HazardClass::kGermCellMutagenicity:
      case HazardClass::kCarcinogenicity:
      case HazardClass::kStotRepeatedExposure:
      case HazardClass::kAspirationHazard:
        set(8);
        break;
      case HazardClass::kReproductiveToxicity:
        if (k != "lactation") set(8);
        break;
      case HazardClass::kStotSingleExposure:
        if (k == "3") {
          exclam_other = true;
        } else {
          set(8);
        }
        break;
      case HazardClass::kAquaticAcute:
        if (k == "1") set(9);
        break;
      case HazardClass::kAquaticChronic:
        if (k == "1" || k == "2") set(9);
        break;
      case HazardClass::kOzoneLayer:
        exclam_other = true;
        break;
      case HazardClass::kChemicallyUnstableGases:
        break;
    }
  }
  // GHS 1.4.10.5.3.1: skull and crossbones → no exclamation mark; corrosion → none for skin or eye
  // irritation; health hazard for respiratory sensitisation → none for skin sensitisation or skin or eye
  // irritation.
  if (on[4]) exclam_irritation = false;
  if (resp_sens) exclam_irritation = exclam_skin_sens = false;
  on[6] = !on[5] && (exclam_irritation || exclam_skin_sens || exclam_other);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < on.size(); ++i) {
    if (on[i]) out.emplace_back(kPictogramCodes[i]);
  }
  return out;
}

namespace {

// One classification's signal word (GB 30000.2~29-2013 / GHS Rev.4 Annex 1; ghs_label_allocation.csv).
SignalWord SignalWordOf(const catalogue::Classification& c) {
  using catalogue::HazardClass;
  const std::string& k = c.category;
  const auto danger_if = [](bool danger) { return danger ? SignalWord::kDanger : SignalWord::kWarning; };
  switch (c.hazard_class) {
    case HazardClass::kExplosives:
      if (k == "1.6") return SignalWord::kNone;
      return danger_if(k != "1.4");  // 1.5: 危险 without a pictogram
    case HazardClass::kFlammableGases:
    case HazardClass::kAerosols:
    case HazardClass::kFlammableSolids:
    case HazardClass::kSelfHeating:
      return danger_if(k == "1");
    case HazardClass::kChemicallyUnstableGases:
      return SignalWord::kNone;  // the flammable-gas classification carries it
    case HazardClass::kOxidizingGases:
    case HazardClass::kPyrophoricLiquids:
    case HazardClass::kPyrophoricSolids:
    case HazardClass::kRespiratorySensitizer:
      return SignalWord::kDanger;
    case HazardClass::kGasesUnderPressure:
    case HazardClass::kCorrosiveToMetals:
    case HazardClass::kSkinSensitizer:
    case HazardClass::kOzoneLayer:
      return SignalWord::kWarning;
    case HazardClass::kFlammableLiquids:
    case HazardClass::kWaterReactiveFlammableGas:
    case HazardClass::kOxidizingLiquids:
    case HazardClass::kOxidizingSolids:
      return danger_if(k == "1" || k == "2");
    case HazardClass::kSelfReactive:
    case HazardClass::kOrganicPeroxides:
      if (k == "G") return SignalWord::kNone;
      return danger_if(k != "E" && k != "F");
    case HazardClass::kAcuteToxicity:
      return danger_if(k == "1" || k == "2" || k == "3");
    case HazardClass::kSkinCorrosionIrritation:
    case HazardClass::kSeriousEyeDamageIrritation:
    case HazardClass::kStotSingleExposure:
    case HazardClass::kStotRepeatedExposure:
    case HazardClass::kAspirationHazard:
      return danger_if(k.starts_with("1"));
    case HazardClass::kGermCellMutagenicity:
    case HazardClass::kCarcinogenicity:
    case HazardClass::kReproductiveToxicity:
      if (k == "lactation") return SignalWord::kNone;
      return danger_if(k == "1A" || k == "1B" || k == "1");
    case HazardClass::kAquaticAcute:
    case HazardClass::kAquaticChronic:
      return k == "1" ? SignalWord::kWarning : SignalWord::kNone;
  }
  return SignalWord::kNone;
}

}  // namespace

SignalWord SignalWordForClassifications(const std::vector<catalogue::Classification>& classifications) {
  SignalWord out = SignalWord::kNone;
  for (const auto& c : classifications) {
    const SignalWord w = SignalWordOf(c);
    if (w == SignalWord::kDanger) return w;  // 危险 present → no 警告 (GHS 1.4.10.5.3.2)
    if (w == SignalWord::kWarning) out = w;
  }
  return out;
}

LabelSpec LabelSpecForChemical(const catalogue::Chemical& chemical) {
  LabelSpec s;
  s.chemical_name_zh = chemical.name_zh;
  if (!chemical.cas_numbers.empty()) s.cas = chemical.cas_numbers.front();
  if (!chemical.un_numbers.empty()) s.un_number = chemical.un_numbers.front();
  s.pictograms = PictogramsForClassifications(chemical.classifications);
  s.signal_word = SignalWordForClassifications(chemical.classifications);
  if (chemical.highly_toxic) s.markings.emplace_back("剧毒化学品");
  if (chemical.explosive_precursor) s.markings.emplace_back("易制爆危险化学品");
  return s;
}

}  // namespace chemsafe::trace
