// The platform application (issue 4; plan tasks T34, T35): the API routes of chemsafe over the
// registry, the MHI database, accounts and the audit trail. Handlers are thin: parse → validate → call a
// service (service/platform_views.h, service/auth_service.h) → encode. Each thread slot (request worker
// or I/O thread) has its own store connections (opened on first use), so requests run in parallel without
// sharing a connection. Reads of one object by key are answered on the I/O threads (TryQuick), and
// checked sessions and computed answers are kept until the database's generations move (decision 0006).
//
// Every route except health, readiness, log-in, setup and the OpenAPI description needs a session
// (cookie chemsafe_session); every state-changing request needs the session's CSRF token in the
// X-CSRF-Token header; JSON bodies must say Content-Type application/json and hold only known fields.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "chemsafe/api/router.h"
#include "chemsafe/api/server.h"
#include "chemsafe/service/auth_service.h"

namespace chemsafe::api {

struct PlatformOptions {
  std::string db_path;  // SQLite file…
  std::string pg_url;   // …or PostgreSQL URL (wins when set)
  std::string data_dir;  // reference data (data/)
  std::size_t workers = 4;  // as ServerOptions::workers
  service::AuthOptions auth;
  std::string version;
  // Default: the session cookie is sent over plain HTTP too (the server listens on loopback or behind
  // a TLS-terminating proxy); true adds "Secure".
  bool secure_cookies = false;
};

class Platform : public Application {
 public:
  static Result<std::unique_ptr<Platform>> Open(const PlatformOptions& options);
  ~Platform() override;

  ApiResponse Handle(ApiRequest& request, std::size_t slot) override;
  std::optional<ApiResponse> TryQuick(ApiRequest& request, std::size_t slot) override;
  const Router& router() const;
  // A one-time setup token when the platform has no account yet (to be printed at the first start).
  Result<std::optional<std::string>> SetupToken();

  // Defined in api/internal/platform_impl.h, shared by the files of the domains' routes.
  struct Impl;

 private:
  explicit Platform(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chemsafe::api
