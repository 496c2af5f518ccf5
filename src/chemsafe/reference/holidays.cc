#include "chemsafe/reference/holidays.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace chemsafe::reference {
namespace {

bool IsYearFileName(const std::string& name) {
  return name.size() == 9 && name.substr(4) == ".json" &&
         std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

Status LoadYear(const std::filesystem::path& path, WorkingCalendar& calendar) {
  const std::string p = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open", p));
  std::stringstream buf;
  buf << in.rdbuf();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(buf.str());
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidArgument(fmt::format("{}: not valid JSON at byte {}: {}", p, e.byte, e.what()));
  }
  if (!doc.is_object() || !doc.contains("year") || !doc["year"].is_number_integer()) {
    return InvalidArgument(fmt::format("{}: $.year must be an integer", p));
  }
  const int year = doc["year"].get<int>();
  const std::string stem = path.stem().string();
  if (stem != std::to_string(year)) {
    return InvalidArgument(fmt::format("{}: $.year is {} but the file is named for {}", p, year, stem));
  }
  if (!doc.contains("days") || !doc["days"].is_array()) {
    return InvalidArgument(fmt::format("{}: $.days must be an array", p));
  }
  const auto& days = doc["days"];
  for (size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    const std::string at = fmt::format("{}: $.days[{}]", p, i);
    if (!d.is_object()) return InvalidArgument(at + " must be an object");
    if (!d.contains("date") || !d["date"].is_string()) return InvalidArgument(at + ".date must be a string");
    if (!d.contains("isOffDay") || !d["isOffDay"].is_boolean()) {
      return InvalidArgument(at + ".isOffDay must be true or false");
    }
    auto date = Date::Parse(d["date"].get<std::string>());
    if (!date.ok()) return InvalidArgument(fmt::format("{}.date: {}", at, date.status().message()));
    std::string name = d.contains("name") && d["name"].is_string() ? d["name"].get<std::string>() : "";
    calendar.Set(*date, d["isOffDay"].get<bool>() ? DayKind::kDayOff : DayKind::kAdjustedWorkingDay,
                 std::move(name));
  }
  calendar.MarkYearLoaded(year);
  return Status::Ok();
}

}  // namespace

Result<WorkingCalendar> LoadWorkingCalendar(const std::string& data_dir) {
  const std::filesystem::path dir = std::filesystem::path(data_dir) / "holidays_cn";
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && IsYearFileName(entry.path().filename().string())) files.push_back(entry.path());
  }
  if (ec) return NotFound(fmt::format("{}: cannot list holiday files: {}", dir.string(), ec.message()));
  if (files.empty()) return NotFound(fmt::format("{}: no <year>.json holiday files", dir.string()));
  // In year order, so that a later notice's listing of a date wins over an earlier one's.
  std::sort(files.begin(), files.end());
  WorkingCalendar calendar;
  for (const auto& f : files) CHEMSAFE_RETURN_IF_ERROR(LoadYear(f, calendar));
  return calendar;
}

}  // namespace chemsafe::reference
