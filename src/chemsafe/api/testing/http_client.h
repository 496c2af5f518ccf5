// A small HTTP client for the API's tests (libcurl): one request at a time, cookies kept per client.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chemsafe::api::testing {

struct HttpResult {
  int status = 0;  // 0: no answer (connection refused, reset…)
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; the last of repeated ones
  std::string error;                           // libcurl's message when status is 0
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);  // "http://127.0.0.1:8080"
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult Request(const std::string& method, const std::string& path, const std::string& body = {},
                     const std::vector<std::string>& headers = {});
  HttpResult Get(const std::string& path) { return Request("GET", path); }
  // JSON body with Content-Type application/json and, when set, X-CSRF-Token.
  HttpResult PostJson(const std::string& path, const std::string& json);

  std::string csrf_token;  // sent with PostJson when not empty

 private:
  std::string base_;
  void* curl_ = nullptr;  // CURL*, with its cookie engine on
};

}  // namespace chemsafe::api::testing
