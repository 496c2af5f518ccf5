#include "chemsafe/api/server.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

namespace chemsafe::api {
namespace {

Method MethodOf(const restinio::http_method_id_t& m) {
  if (m == restinio::http_method_get()) return Method::kGet;
  if (m == restinio::http_method_post()) return Method::kPost;
  if (m == restinio::http_method_put()) return Method::kPut;
  if (m == restinio::http_method_patch()) return Method::kPatch;
  if (m == restinio::http_method_delete()) return Method::kDelete;
  if (m == restinio::http_method_head()) return Method::kHead;
  if (m == restinio::http_method_options()) return Method::kOptions;
  return Method::kOther;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

std::string_view ContentTypeOf(const std::filesystem::path& p) {
  static const std::unordered_map<std::string, std::string_view> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".ico", "image/x-icon"}, {".woff", "font/woff"}, {".woff2", "font/woff2"},
      {".ttf", "font/ttf"}, {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzipped;  // empty when not worth it (images, small files)
  bool immutable = false;  // hashed asset names (Vite's assets/): cached for a year
};

// Traits: the default express-free request handler, a null logger (the platform logs itself).
using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

class RestinioServer final : public Server {
 public:
  RestinioServer(Application& app, const ServerOptions& options) : app_(app), options_(options) {}
  ~RestinioServer() override { Stop(); }

  Status Init() {
    if (!options_.web_root.empty()) CHEMSAFE_RETURN_IF_ERROR(LoadStatic(options_.web_root));
    port_ = options_.port;
    if (port_ == 0) {
      // A free port: bind one, note it, release it for RESTinio (the window in between is short, and a
      // clash fails the start below with a clear error rather than serving on another port).
      try {
        asio::io_context io;
        asio::ip::tcp::acceptor probe(io, asio::ip::tcp::endpoint(asio::ip::make_address(options_.address), 0));
        port_ = probe.local_endpoint().port();
      } catch (const std::exception& e) {
        return Unavailable(fmt::format("cannot bind {}: {}", options_.address, e.what()));
      }
    }
    for (std::size_t i = 0; i < options_.workers; ++i) workers_.emplace_back([this, i] { Work(i); });
    try {
      server_ = restinio::run_async(
          restinio::own_io_context(),
          restinio::server_settings_t<Traits>{}
              .address(options_.address)
              .port(port_)
              .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(
                  static_cast<std::uint64_t>(options_.max_body_bytes) + (1u << 20)))
              .handle_request_timeout(std::chrono::minutes(5))
              .request_handler([this](restinio::request_handle_t req) { return Accept(std::move(req)); }),
          options_.io_threads);
    } catch (const std::exception& e) {
      StopWorkers();
      return Unavailable(fmt::format("cannot listen on {}:{}: {}", options_.address, port_, e.what()));
    }
    return Status::Ok();
  }

  std::uint16_t port() const override { return port_; }

  void Stop() override {
    {
      std::unique_lock lock(mu_);
      if (stopped_) return;
      draining_ = true;
      idle_.wait(lock, [&] { return queue_.empty() && running_ == 0; });
      stopped_ = true;
    }
    if (server_) {
      server_->stop();
      server_->wait();
      server_.reset();
    }
    StopWorkers();
  }

 private:
  struct Job {
    restinio::request_handle_t handle;
    ApiRequest request;
  };

  Status LoadStatic(const std::string& root) {
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) return NotFound("web front end not found: " + root);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      StaticFile f;
      f.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      f.content_type = std::string(ContentTypeOf(entry.path()));
      const std::string rel = "/" + std::filesystem::relative(entry.path(), root).generic_string();
      f.immutable = rel.rfind("/assets/", 0) == 0;
      const bool text = f.content_type.rfind("text/", 0) == 0 || f.content_type.rfind("application/json", 0) == 0 ||
                        f.content_type == "image/svg+xml";
      if (text && f.body.size() > 1024) f.gzipped = Gzip(f.body);
      static_[rel] = std::move(f);
    }
    if (ec) return Unavailable("cannot read " + root + ": " + ec.message());
    return Status::Ok();
  }

  // `written` runs once the response is on the wire or its connection has gone (RESTinio calls it either way).
  static void Send(const restinio::request_handle_t& handle, const ApiResponse& r, bool head,
                   restinio::write_status_cb_t written = {}) {
    auto resp = handle->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(r.status)},
                                     ReasonPhrase(r.status)});
    resp.append_header(restinio::http_field::content_type, r.content_type);
    resp.append_header("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : r.headers) resp.append_header(name, value);
    // HEAD: the headers of GET without its body (RESTinio then states a length of 0).
    if (!head) resp.set_body(r.body);
    resp.done(std::move(written));
  }

  restinio::request_handling_status_t Accept(restinio::request_handle_t handle) {
    const auto& h = handle->header();
    const Method method = MethodOf(h.method());
    const std::string_view path = h.path();
    if (path.rfind("/api/", 0) != 0) return ServeStatic(handle, method, path);
    ApiRequest req;
    req.request_id = NewRequestId();
    req.method = method;
    auto decoded = PercentDecode(path, false);
    if (!decoded || !ParseQuery(h.query(), req.query)) {
      Send(handle, ErrorResponse(400, "bad_request", "malformed URL encoding", req.request_id), false);
      return restinio::request_accepted();
    }
    req.path = std::move(*decoded);
    h.for_each_field([&](const restinio::http_header_field_t& f) {
      std::string name = f.name();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[std::move(name)] = f.value();
    });
    if (handle->body().size() > options_.max_body_bytes) {
      Send(handle,
           ErrorResponse(413, "payload_too_large",
                         fmt::format("the body is over the limit of {} bytes", options_.max_body_bytes),
                         req.request_id),
           false);
      return restinio::request_accepted();
    }
    req.body = handle->body();
    const auto& peer = handle->remote_endpoint();
    req.client = fmt::format("{}:{}", peer.address().to_string(), peer.port());
    if (AnsweredHere(handle, req)) return restinio::request_accepted();
    bool draining = false;
    {
      std::lock_guard lock(mu_);
      draining = draining_;
      // Taken when a worker is free or fewer than queue_limit requests wait for one.
      if (!draining_ && queue_.size() + running_ < options_.workers + options_.queue_limit) {
        queue_.push_back(Job{std::move(handle), std::move(req)});
        work_.notify_one();
        return restinio::request_accepted();
      }
    }
    ApiResponse busy = ErrorResponse(
        503, "overloaded", draining ? "the server is shutting down" : "too many requests; retry shortly", req.request_id);
    busy.headers.emplace_back("Retry-After", std::to_string(options_.retry_after_s));
    Send(handle, busy, false);
    return restinio::request_accepted();
  }

  // A quick request, answered on this I/O thread (counted as running like a worker's); false when the
  // application hands it to a worker, or while draining (then it gets the worker path's 503).
  bool AnsweredHere(const restinio::request_handle_t& handle, ApiRequest& req) {
    {
      std::lock_guard lock(mu_);
      if (draining_) return false;
      ++running_;
    }
    thread_local const std::size_t slot = options_.workers + next_io_slot_.fetch_add(1);
    std::optional<ApiResponse> r;
    try {
      r = app_.TryQuick(req, slot);
    } catch (const std::exception& e) {
      spdlog::error("request {}: {}", req.request_id, e.what());
      r = ErrorResponse(Internal(e.what()), req.request_id);
    }
    if (!r) {
      Done();
      return false;
    }
    Finish(handle, req, std::move(*r));
    return true;
  }

  restinio::request_handling_status_t ServeStatic(const restinio::request_handle_t& handle, Method method,
                                                  std::string_view path) {
    if (method != Method::kGet && method != Method::kHead) {
      Send(handle, ErrorResponse(405, "method_not_allowed", "only GET and HEAD here", NewRequestId()), false);
      return restinio::request_accepted();
    }
    std::string key(path);
    if (key == "/") key = "/index.html";
    auto it = static_.find(key);
    // A front-end route ("/enterprises/12"): the application page, which routes in the browser.
    if (it == static_.end() && key.find('.') == std::string::npos) it = static_.find("/index.html");
    if (it == static_.end()) {
      Send(handle, ErrorResponse(404, "not_found", "no such file", NewRequestId()), method == Method::kHead);
      return restinio::request_accepted();
    }
    ApiResponse r;
    r.content_type = it->second.content_type;
    ApiRequest probe;  // what SetBody reads of the request: its Accept-Encoding
    probe.headers["accept-encoding"] = std::string(handle->header().get_field_or("Accept-Encoding", ""));
    SetBody(r, probe, it->second.body, it->second.gzipped);
    r.headers.emplace_back("Cache-Control", it->second.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    Send(handle, r, method == Method::kHead);
    return restinio::request_accepted();
  }

  void Work(std::size_t index) {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mu_);
        work_.wait(lock, [&] { return quit_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
      }
      Answer(std::move(job), index);
    }
  }

  // Calls the application and sends its answer.
  void Answer(Job job, std::size_t slot) {
    ApiResponse r;
    try {
      r = app_.Handle(job.request, slot);
    } catch (const std::exception& e) {
      spdlog::error("request {}: {}", job.request.request_id, e.what());
      r = ErrorResponse(Internal(e.what()), job.request.request_id);
    }
    Finish(std::move(job.handle), job.request, std::move(r));
  }

  // Sends a running request's answer. It counts as running until the answer is written (the I/O threads
  // write it after Send returns, and Stop must not close the connections before) and until this thread
  // has let go of the connection (the last reference may destroy it, which needs the I/O context).
  void Finish(restinio::request_handle_t handle, const ApiRequest& req, ApiResponse r) {
    r.headers.emplace_back("X-Request-Id", req.request_id);
    auto pending = std::make_shared<std::atomic<int>>(2);
    Send(handle, r, req.method == Method::kHead, [this, pending](const asio::error_code&) {
      if (pending->fetch_sub(1) == 1) Done();
    });
    handle.reset();
    if (pending->fetch_sub(1) == 1) Done();
  }

  void Done() {
    std::lock_guard lock(mu_);
    --running_;
    if (queue_.empty() && running_ == 0) idle_.notify_all();
  }

  void StopWorkers() {
    {
      std::lock_guard lock(mu_);
      quit_ = true;
    }
    work_.notify_all();
    for (auto& t : workers_) {
      if (t.joinable()) t.join();
    }
    workers_.clear();
  }

  Application& app_;
  ServerOptions options_;
  std::uint16_t port_ = 0;
  std::unordered_map<std::string, StaticFile> static_;
  restinio::running_server_handle_t<Traits> server_;
  std::mutex mu_;
  std::condition_variable work_, idle_;
  std::deque<Job> queue_;
  std::size_t running_ = 0;
  std::atomic<std::size_t> next_io_slot_{0};
  bool draining_ = false, stopped_ = false, quit_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

Result<std::unique_ptr<Server>> Server::Start(Application& app, const ServerOptions& options) {
  auto server = std::make_unique<RestinioServer>(app, options);
  CHEMSAFE_RETURN_IF_ERROR(server->Init());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace chemsafe::api
