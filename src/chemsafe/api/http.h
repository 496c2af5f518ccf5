// The platform's HTTP face (issue 4), independent of the HTTP library: a request as the handlers see it
// and the response they give. The server (server.h) adapts RESTinio to these; tests call the router
// with them directly.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::api {

enum class Method { kGet, kPost, kPut, kPatch, kDelete, kHead, kOptions, kOther };
std::string_view MethodName(Method m);  // "GET", …

struct ApiRequest {
  Method method = Method::kGet;
  std::string path;                          // decoded path without the query
  std::map<std::string, std::string> query;  // decoded query parameters (the last value of a repeated name)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string client;      // the peer's address, "127.0.0.1:52000"
  std::string request_id;  // set by the server for every request
  std::map<std::string, std::string> params;  // route parameters ("id" of /enterprises/{id})

  // A header by its lower-case name, or empty.
  std::string_view Header(std::string_view lower_name) const;
  // The value of cookie `name`, or empty.
  std::string Cookie(std::string_view name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, Retry-After…)
};

// A JSON response of `status` with `json_body`.
ApiResponse JsonResponse(int status, std::string json_body);

// The error body every status ≥ 400 carries: {"error": {"code", "message", "request_id"}}; `extra` (a
// JSON object's members, without braces, e.g. "\"problems\":[…]") is added inside "error" when given.
ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message, std::string_view request_id,
                          std::string_view extra = {});

// The HTTP status and error code of a Status (the one mapping of the platform): InvalidArgument 400
// bad_request, NotFound 404 not_found, PermissionDenied 403 forbidden, FailedPrecondition and
// AlreadyExists 409 conflict, Unauthenticated 401 unauthenticated, ResourceExhausted 429
// too_many_requests, Unavailable 503 overloaded, others 500 internal (whose message is not shown: it may
// hold internals).
struct HttpError {
  int status = 500;
  std::string_view code = "internal";
};
HttpError HttpErrorOf(const Status& s);
ApiResponse ErrorResponse(const Status& s, std::string_view request_id);

// `text` compressed as gzip (RFC 1952) at the best ratio, for bodies that are sent many times (the web
// front end's files, the map's boundaries): compressed once, at start.
// `level` as zlib's (1 fastest … 9 smallest).
std::string Gzip(std::string_view text, int level = 9);
// Whether the request accepts gzip (Accept-Encoding names it, without q=0).
bool AcceptsGzip(const ApiRequest& r);
// `plain` or, when the client accepts it, `gzipped` with Content-Encoding: gzip; either way with
// Vary: Accept-Encoding.
void SetBody(ApiResponse& out, const ApiRequest& r, const std::string& plain, const std::string& gzipped);

// Percent-decoding of a URL component ('+' as a space in a query); nullopt when malformed.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);
// Parses "a=1&b=x%20y" into `out`; false when a component is malformed.
bool ParseQuery(std::string_view query, std::map<std::string, std::string>& out);

}  // namespace chemsafe::api
