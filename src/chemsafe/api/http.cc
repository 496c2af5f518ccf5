#include "chemsafe/api/http.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

namespace chemsafe::api {

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kHead: return "HEAD";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

std::string_view ApiRequest::Header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

std::string ApiRequest::Cookie(std::string_view name) const {
  std::string_view all = Header("cookie");
  while (!all.empty()) {
    const std::size_t semi = all.find(';');
    std::string_view pair = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view() : all.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

ApiResponse JsonResponse(int status, std::string json_body) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(json_body);
  return r;
}

ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message, std::string_view request_id,
                          std::string_view extra) {
  std::string body = fmt::format(R"({{"error":{{"code":{},"message":{},"request_id":{})",
                                 nlohmann::json(code).dump(), nlohmann::json(message).dump(-1, ' ', false,
                                     nlohmann::json::error_handler_t::replace),
                                 nlohmann::json(request_id).dump());
  if (!extra.empty()) {
    body += ',';
    body += extra;
  }
  body += "}}";
  return JsonResponse(status, std::move(body));
}

HttpError HttpErrorOf(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return {200, "ok"};
    case StatusCode::kInvalidArgument: return {400, "bad_request"};
    case StatusCode::kNotFound: return {404, "not_found"};
    case StatusCode::kPermissionDenied: return {403, "forbidden"};
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAlreadyExists: return {409, "conflict"};
    case StatusCode::kUnauthenticated: return {401, "unauthenticated"};
    case StatusCode::kResourceExhausted: return {429, "too_many_requests"};
    case StatusCode::kUnavailable: return {503, "overloaded"};
    default: return {500, "internal"};
  }
}

ApiResponse ErrorResponse(const Status& s, std::string_view request_id) {
  const HttpError e = HttpErrorOf(s);
  // Internal errors may carry SQL or paths: they go to the log with the request id, not to the client.
  const std::string message = e.status == 500 ? "internal error; quote the request id to the operator" : s.message();
  return ErrorResponse(e.status, e.code, message, request_id);
}

std::string Gzip(std::string_view text, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper instead of zlib's (zlib manual, deflateInit2).
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

bool AcceptsGzip(const ApiRequest& r) {
  const std::string_view a = r.Header("accept-encoding");
  const auto at = a.find("gzip");
  if (at == std::string_view::npos) return false;
  const std::string_view rest = a.substr(at + 4, a.find(',', at) - at - 4);
  return rest.find("q=0") == std::string_view::npos || rest.find("q=0.") != std::string_view::npos;
}

void SetBody(ApiResponse& out, const ApiRequest& r, const std::string& plain, const std::string& gzipped) {
  out.headers.emplace_back("Vary", "Accept-Encoding");
  if (!gzipped.empty() && AcceptsGzip(r)) {
    out.body = gzipped;
    out.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    out.body = plain;
  }
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int h = hex(text[i + 1]), l = hex(text[i + 2]);
      if (h < 0 || l < 0) return std::nullopt;
      out += static_cast<char>(h * 16 + l);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool ParseQuery(std::string_view query, std::map<std::string, std::string>& out) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name || !value) return false;
    out[*name] = *value;
  }
  return true;
}

}  // namespace chemsafe::api
