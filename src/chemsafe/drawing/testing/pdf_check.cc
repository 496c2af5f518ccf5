// Test support of pdf_check.h: popen(3) over the command-line tools.
#include "chemsafe/drawing/testing/pdf_check.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <system_error>

namespace chemsafe::drawing_testing {
namespace {

std::string Quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

std::string WithOptions(std::string_view options) {
  return options.empty() ? std::string(" ") : " " + std::string(options) + " ";
}

}  // namespace

TempDir::TempDir(std::string_view prefix) {
  std::string templ = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  if (mkdtemp(templ.data()) != nullptr) path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

bool HaveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

ToolRun RunTool(const std::string& command) {
  ToolRun r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool WriteFile(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
  return static_cast<bool>(out);
}

ToolRun PdfText(const std::filesystem::path& pdf, std::string_view options) {
  return RunTool("pdftotext -enc UTF-8" + WithOptions(options) + Quoted(pdf) + " -");
}

ToolRun PdfInfo(const std::filesystem::path& pdf) { return RunTool("pdfinfo " + Quoted(pdf)); }

ToolRun PdfToPng(const std::filesystem::path& pdf, const std::filesystem::path& stem, int dpi,
                 std::string_view options) {
  return RunTool("pdftoppm -r " + std::to_string(dpi) + " -png" + WithOptions(options) + Quoted(pdf) + " " +
                 Quoted(stem));
}

ToolRun ScanQr(const std::filesystem::path& png) { return RunTool("zbarimg --raw -q " + Quoted(png) + " 2>/dev/null"); }

}  // namespace chemsafe::drawing_testing
