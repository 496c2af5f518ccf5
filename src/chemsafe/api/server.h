// The HTTP server of the platform (issue 4): RESTinio over standalone Asio parses HTTP/1.1 on its I/O
// threads; each API request is queued to a fixed pool of workers that call the Application (database
// work blocks, so it never runs on an I/O thread), except the requests the Application calls quick:
// short reads of bounded size by key, answered on the I/O thread that parsed them (the hand-off to a
// worker costs more than such a read; decision 0006). The queue is bounded: when it is full, a request gets
// 503 with Retry-After at once (overload never grows memory or crashes). Static files of the web front
// end are read into memory at start and answered on the I/O threads, with index.html for unknown
// non-API paths (the front end's history-mode routes).
//
// Thread-safety: Start, Drain and Stop from one controlling thread; the Application is called from the
// worker and I/O threads concurrently (a slot index given, for per-thread resources such as store
// connections: workers have 0 … workers-1, I/O threads workers … workers+io_threads-1).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "chemsafe/api/http.h"
#include "chemsafe/core/result.h"

namespace chemsafe::api {

struct ServerOptions {
  std::string address = "127.0.0.1";  // Default: loopback only
  std::uint16_t port = 8080;          // 0: a free port, chosen at start (port() tells which)
  std::size_t io_threads = 2;         // Default: the project's machines have 2 cores
  std::size_t workers = 4;            // Default: 4 request workers (database work)
  std::size_t queue_limit = 512;      // Default: 512 requests waiting for a busy worker; more get 503
  std::size_t max_body_bytes = std::size_t{32} << 20;  // Default: 32 MiB (imports); more gets 413
  std::string web_root;               // built front end (web/dist); empty: none
  int retry_after_s = 1;              // Retry-After of a 503
};

// What the server serves under /api/: implemented by the platform (platform.h) and by tests.
class Application {
 public:
  virtual ~Application() = default;
  // Called on thread slot `slot` with the request's id already set.
  virtual ApiResponse Handle(ApiRequest& request, std::size_t slot) = 0;
  // Called on the I/O thread that parsed the request (slot as for Handle): the answer when the request is
  // a quick one, a read of bounded work by key that writes nothing; nullopt hands it to a worker (Handle)
  // unchanged. Default: every request goes to a worker.
  virtual std::optional<ApiResponse> TryQuick(ApiRequest&, std::size_t /*slot*/) { return std::nullopt; }
};

class Server {
 public:
  // Starts listening and serving; Unavailable when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(Application& app, const ServerOptions& options);
  virtual ~Server() = default;

  virtual std::uint16_t port() const = 0;
  // Stops taking new API requests (they get 503), waits until every request in flight has been
  // answered, then closes the listener and the connections. Idempotent.
  virtual void Stop() = 0;
};

// A new request id: 16 hex digits, random.
std::string NewRequestId();

}  // namespace chemsafe::api
