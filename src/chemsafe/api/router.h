// The route table of the API: one entry per method and path, used to dispatch requests, to write the
// OpenAPI description (openapi.h) and to generate the cross-tenant tests, so the three cannot disagree.
// Paths are matched segment by segment: "{name}" matches one non-empty segment and binds it as a
// parameter; a literal segment wins over a parameter ("/enterprises/export.xlsx" before
// "/enterprises/{id}"). Not thread-safe to modify; Find is safe to call concurrently once built.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "chemsafe/api/http.h"

namespace chemsafe::api {

// Who may call a route: anyone, or only with a valid session (401 otherwise). What the session's user
// may see is decided by the services (scope), not here.
enum class Access { kPublic, kSession };

struct RequestContext;  // per request, defined by the application (platform.h)
using Handler = std::function<ApiResponse(const ApiRequest&, RequestContext&)>;

struct Route {
  Method method = Method::kGet;
  std::string pattern;  // "/api/v1/enterprises/{id}"
  Access access = Access::kSession;
  std::string summary;  // for people, in the OpenAPI description
  std::string tag;      // OpenAPI tag: "auth", "registry", …
  std::vector<std::string> query;   // query parameters it reads
  std::string request_body;         // media type of the body it takes ("application/json"), empty: none
  std::string response_type = "application/json";
  // Answered on the I/O thread (Application::TryQuick): a read of one object by its key, bounded work,
  // no writes. Its handler runs with the session checked without writing.
  bool quick = false;
  // Its JSON answer depends on the path, the query, the caller's scope and the data alone: kept in memory
  // (AnswerCache) until the data generation moves.
  bool cached = false;
  Handler handler;
};

class Router {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;  // nullptr: no route
    bool other_method = false;     // the path exists with another method (405)
    std::map<std::string, std::string> params;
  };
  Match Find(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // of each route's pattern
};

// The segments of a path: "/api/v1/x/" → {"api", "v1", "x"}.
std::vector<std::string> PathSegments(std::string_view path);

}  // namespace chemsafe::api
