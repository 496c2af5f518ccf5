// The server over real sockets on a free loopback port, with an application made for the test: request
// decoding, the body limit, static files, overload (503 with Retry-After) and the drain at stop. The
// blocking cases synchronise on latches the handler waits for, never on sleeps.
#include "chemsafe/api/server.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

#include "chemsafe/api/testing/http_client.h"

namespace chemsafe::api {
namespace {

using testing::HttpClient;

// Echoes the request as JSON; "/api/block" waits until released.
class EchoApp : public Application {
 public:
  ApiResponse Handle(ApiRequest& r, std::size_t) override {
    if (r.path == "/api/block") {
      std::unique_lock lock(mu_);
      ++entered_;
      cv_.notify_all();
      cv_.wait(lock, [&] { return released_; });
    }
    nlohmann::json j;
    j["method"] = std::string(MethodName(r.method));
    j["path"] = r.path;
    j["query"] = r.query;
    j["body_bytes"] = r.body.size();
    j["content_type"] = std::string(r.Header("content-type"));
    j["request_id"] = r.request_id;
    j["client"] = r.client;
    return JsonResponse(200, j.dump());
  }
  void WaitEntered(int n) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return entered_ >= n; });
  }
  void Release() {
    std::lock_guard lock(mu_);
    released_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int entered_ = 0;
  bool released_ = false;
};

ServerOptions Loopback() {
  ServerOptions o;
  o.port = 0;
  o.workers = 2;
  return o;
}

TEST(Server, DecodesTheRequestAndAnswersWithItsId) {
  EchoApp app;
  auto server = Server::Start(app, Loopback());
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  HttpClient client("http://127.0.0.1:" + std::to_string((*server)->port()));
  auto r = client.Request("POST", "/api/v1/x%20y?q=%E5%B9%BF%E5%B7%9E&page=2", "{}", {"Content-Type: application/json"});
  ASSERT_EQ(r.status, 200) << r.error;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["path"], "/api/v1/x y");
  EXPECT_EQ(j["query"]["q"], "广州");
  EXPECT_EQ(j["body_bytes"], 2);
  EXPECT_EQ(j["content_type"], "application/json");
  EXPECT_EQ(r.headers["x-request-id"], j["request_id"].get<std::string>());
  EXPECT_EQ(j["client"].get<std::string>().rfind("127.0.0.1:", 0), 0u);
  auto bad = client.Get("/api/v1/x?q=%zz");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(nlohmann::json::parse(bad.body)["error"]["code"], "bad_request");
}

TEST(Server, BodiesOverTheLimitGet413) {
  EchoApp app;
  ServerOptions o = Loopback();
  o.max_body_bytes = 1000;
  auto server = Server::Start(app, o);
  ASSERT_TRUE(server.ok());
  HttpClient client("http://127.0.0.1:" + std::to_string((*server)->port()));
  EXPECT_EQ(client.Request("POST", "/api/x", std::string(1000, 'a')).status, 200);
  auto r = client.Request("POST", "/api/x", std::string(1001, 'a'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "payload_too_large");
}

TEST(Server, OverloadGets503WithRetryAfter) {
  EchoApp app;
  ServerOptions o = Loopback();
  o.workers = 1;
  o.queue_limit = 0;  // nothing waits: a second request while one runs is refused
  auto server = Server::Start(app, o);
  ASSERT_TRUE(server.ok());
  const std::string base = "http://127.0.0.1:" + std::to_string((*server)->port());
  auto blocked = std::async(std::launch::async, [&] { return HttpClient(base).Get("/api/block"); });
  app.WaitEntered(1);
  HttpClient client(base);
  auto r = client.Get("/api/other");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.headers["retry-after"], "1");
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "overloaded");
  app.Release();
  EXPECT_EQ(blocked.get().status, 200);
}

TEST(Server, StopAnswersTheRequestsInFlightFirst) {
  EchoApp app;
  auto server = Server::Start(app, Loopback());
  ASSERT_TRUE(server.ok());
  const std::string base = "http://127.0.0.1:" + std::to_string((*server)->port());
  auto blocked = std::async(std::launch::async, [&] { return HttpClient(base).Get("/api/block"); });
  app.WaitEntered(1);
  auto stopping = std::async(std::launch::async, [&] { (*server)->Stop(); });
  app.Release();
  stopping.get();
  EXPECT_EQ(blocked.get().status, 200);
  // Stopped: nothing listens any more.
  EXPECT_EQ(HttpClient(base).Get("/api/x").status, 0);
}

TEST(Server, ServesTheFrontEndWithItsRoutes) {
  const auto root = std::filesystem::temp_directory_path() / ("chemsafe-web-" + std::to_string(getpid()));
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><title>chemsafe</title>";
  std::ofstream(root / "assets" / "app-1a2b.js") << "console.log(1)";
  std::string big;
  for (int i = 0; i < 500; ++i) big += "export const x" + std::to_string(i) + " = 1;\n";
  std::ofstream(root / "assets" / "big-3c4d.js") << big;
  EchoApp app;
  ServerOptions o = Loopback();
  o.web_root = root.string();
  auto server = Server::Start(app, o);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  HttpClient client("http://127.0.0.1:" + std::to_string((*server)->port()));
  auto index = client.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  EXPECT_EQ(client.Get("/enterprises/12").body, index.body);  // a front-end route
  auto js = client.Get("/assets/app-1a2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(client.Get("/missing.png").status, 404);
  // Larger text files go gzipped to clients that accept it, as they are to the others.
  auto gz = client.Request("GET", "/assets/big-3c4d.js", "", {"Accept-Encoding: gzip"});
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_EQ(gz.body.substr(0, 2), "\x1f\x8b");
  EXPECT_LT(gz.body.size(), big.size() / 4);
  auto plain = client.Get("/assets/big-3c4d.js");
  EXPECT_EQ(plain.body, big);
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  // Only the files read at start are served: never one outside the root.
  EXPECT_EQ(client.Request("GET", "/%2e%2e/%2e%2e/etc/passwd").body.find("root:"), std::string::npos);
  (*server)->Stop();
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace chemsafe::api
