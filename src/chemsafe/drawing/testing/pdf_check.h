// Test support for rendered documents (the trace labels, the safety cards): reading PDF and PNG output
// back the way a person and a scanner read it, with poppler-utils (pdftotext, pdftoppm, pdfinfo) and
// zbar-tools (zbarimg) from scripts/install-deps.sh. For tests only: it runs shell commands built from
// its arguments, which must be trusted (paths the test made).
//
// Thread-safety: the functions may be called concurrently, except ReleaseFontCachesAtExit; a TempDir
// belongs to one thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace chemsafe::drawing_testing {

// A fresh directory under the system's temp dir named "<prefix>-XXXXXX", removed with everything in it
// at destruction. path() is empty when it could not be made.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Whether `name` is a command on PATH.
bool HaveTool(const std::string& name);

struct ToolRun {
  int exit_code = -1;  // -1: could not be run, or did not exit normally
  std::string out;     // stdout
};

// Runs `command` with /bin/sh and captures its stdout.
ToolRun RunTool(const std::string& command);

// Writes `bytes` to `file`, replacing it. False when it cannot.
bool WriteFile(const std::filesystem::path& file, const std::string& bytes);

// `pdftotext -enc UTF-8 [options] <pdf> -`: the text of the PDF; `options` e.g. "-f 2 -l 2" or "-bbox".
ToolRun PdfText(const std::filesystem::path& pdf, std::string_view options = {});

// `pdfinfo <pdf>`.
ToolRun PdfInfo(const std::filesystem::path& pdf);

// `pdftoppm -r <dpi> -png [options] <pdf> <stem>`: one PNG a page, "<stem>-<n>.png" (or "<stem>.png" with
// the option -singlefile).
ToolRun PdfToPng(const std::filesystem::path& pdf, const std::filesystem::path& stem, int dpi,
                 std::string_view options = {});

// `zbarimg --raw -q <png>`: one line per symbol decoded.
ToolRun ScanQr(const std::filesystem::path& png);

// Registers a GoogleTest environment whose TearDown, after the last test, releases the font and surface
// caches that pango, cairo and fontconfig keep for the life of the process, so that a leak checker sees
// only what rendering leaves behind. Call once, at namespace scope:
//   const auto* const kReleaseFontCaches = drawing_testing::ReleaseFontCachesAtExit();
// Under the sanitizers (CHEMSAFE_SANITIZE, the debug preset) the program that calls it also gets the
// leak checker's suppression for cairo (font_caches.cc says why).
const void* ReleaseFontCachesAtExit();

}  // namespace chemsafe::drawing_testing
