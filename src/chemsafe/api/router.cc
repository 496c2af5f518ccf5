#include "chemsafe/api/router.h"

namespace chemsafe::api {

std::vector<std::string> PathSegments(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    if (slash != 0) out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

void Router::Add(Route route) {
  segments_.push_back(PathSegments(route.pattern));
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(Method method, std::string_view path) const {
  const std::vector<std::string> parts = PathSegments(path);
  Match best;
  int best_params = -1;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const auto& pattern = segments_[r];
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        ok = !parts[i].empty();
        params[p.substr(1, p.size() - 2)] = parts[i];
      } else {
        ok = p == parts[i];
      }
    }
    if (!ok) continue;
    if (routes_[r].method != method && !(method == Method::kHead && routes_[r].method == Method::kGet)) {
      best.other_method = true;
      continue;
    }
    const int n = static_cast<int>(params.size());
    if (best.route == nullptr || n < best_params) {
      best.route = &routes_[r];
      best.params = std::move(params);
      best_params = n;
    }
  }
  if (best.route != nullptr) best.other_method = false;
  return best;
}

}  // namespace chemsafe::api
