// Reading a JSON object member by member for the services' JSON codecs (risk points, inspections,
// findings): every error names the JSON path of the member ("measures[1].category: missing",
// "plan.deadline: \"2026-13-01\" is not a date YYYY-MM-DD"). Module-private.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/core/calendar.h"
#include "chemsafe/core/result.h"

namespace chemsafe::service::internal {

class JsonReader {
 public:
  JsonReader(const nlohmann::json& j, std::string path) : j_(j), path_(std::move(path)) {}

  std::string Path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  bool Has(std::string_view key) const {
    return j_.is_object() && j_.contains(key) && !j_.at(std::string(key)).is_null();
  }
  const nlohmann::json& At(std::string_view key) const { return j_.at(std::string(key)); }

  Result<std::string> Text(std::string_view key, bool required) const {
    if (!Has(key)) {
      if (required) return InvalidArgument(fmt::format("{}: missing", Path(key)));
      return std::string();
    }
    if (!At(key).is_string()) return InvalidArgument(fmt::format("{}: not a string", Path(key)));
    return At(key).get<std::string>();
  }
  Result<double> Number(std::string_view key) const {
    if (!Has(key)) return InvalidArgument(fmt::format("{}: missing", Path(key)));
    if (!At(key).is_number()) return InvalidArgument(fmt::format("{}: not a number", Path(key)));
    return At(key).get<double>();
  }
  Result<std::optional<int>> Int(std::string_view key) const {
    if (!Has(key)) return std::optional<int>();
    if (!At(key).is_number_integer()) return InvalidArgument(fmt::format("{}: not an integer", Path(key)));
    return std::optional<int>(At(key).get<int>());
  }
  Result<std::vector<std::string>> Texts(std::string_view key) const {
    std::vector<std::string> out;
    if (!Has(key)) return out;
    if (!At(key).is_array()) return InvalidArgument(fmt::format("{}: not an array", Path(key)));
    for (std::size_t k = 0; k < At(key).size(); ++k) {
      if (!At(key)[k].is_string()) return InvalidArgument(fmt::format("{}[{}]: not a string", Path(key), k));
      out.push_back(At(key)[k].get<std::string>());
    }
    return out;
  }
  Result<Date> Day(std::string_view key) const {
    CHEMSAFE_ASSIGN_OR_RETURN(std::string text, Text(key, true));
    auto d = Date::Parse(text);
    if (!d.ok()) return InvalidArgument(fmt::format("{}: \"{}\" is not a date YYYY-MM-DD", Path(key), text));
    return *d;
  }
  // An optional date: the default Date when absent.
  Result<Date> DayOr(std::string_view key) const {
    if (!Has(key)) return Date{};
    return Day(key);
  }
  template <typename E>
  Result<E> Code(std::string_view key, std::optional<E> (*parse)(std::string_view), std::string_view allowed) const {
    CHEMSAFE_ASSIGN_OR_RETURN(std::string text, Text(key, true));
    auto v = parse(text);
    if (!v) return InvalidArgument(fmt::format("{}: \"{}\" is not one of {}", Path(key), text, allowed));
    return *v;
  }
  // Each element of the array `key` read by `fn(element reader)`; absent: none.
  template <typename T, typename Fn>
  Result<std::vector<T>> Each(std::string_view key, Fn fn) const {
    std::vector<T> out;
    if (!Has(key)) return out;
    if (!At(key).is_array()) return InvalidArgument(fmt::format("{}: not an array", Path(key)));
    for (std::size_t k = 0; k < At(key).size(); ++k) {
      const JsonReader e(At(key)[k], fmt::format("{}[{}]", Path(key), k));
      if (!At(key)[k].is_object()) return InvalidArgument(fmt::format("{}[{}]: not an object", Path(key), k));
      CHEMSAFE_ASSIGN_OR_RETURN(T v, fn(e));
      out.push_back(std::move(v));
    }
    return out;
  }
  JsonReader Sub(std::string_view key) const { return JsonReader(At(key), Path(key)); }
  Status RequireObject(std::string_view key) const {
    if (!At(key).is_object()) return InvalidArgument(fmt::format("{}: not an object", Path(key)));
    return Status::Ok();
  }

 private:
  const nlohmann::json& j_;
  std::string path_;
};

}  // namespace chemsafe::service::internal
