// `chemsafe serve`, `chemsafe user add`, `chemsafe audit verify` (issue 4): the platform's server and its
// operator commands. Thin: parse, call the api/service layer, print.
#include <csignal>
#include <fstream>
#include <iostream>
#include <pthread.h>

#include <fmt/format.h>

#include "chemsafe/api/platform.h"
#include "chemsafe/api/server.h"
#include "chemsafe/audit/chain.h"
#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/service/auth_service.h"
#include "chemsafe/store/platform_store.h"

#ifndef CHEMSAFE_DEFAULT_WEB_DIR
#define CHEMSAFE_DEFAULT_WEB_DIR ""
#endif

namespace chemsafe::cli {
namespace {

struct ServeArgs {
  StoreOptions store;
  std::string listen = "127.0.0.1:8080";
  std::string web;
  std::size_t workers = 4;
  std::size_t max_body_mib = 32;
};

Result<std::pair<std::string, std::uint16_t>> ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return InvalidArgument("--listen: ADDRESS:PORT, e.g. 127.0.0.1:8080");
  int port = -1;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
  }
  if (port < 0 || port > 65535) return InvalidArgument("--listen: the port must be 0 to 65535");
  return std::pair{listen.substr(0, colon), static_cast<std::uint16_t>(port)};
}

std::string WebDir(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("CHEMSAFE_WEB_DIR"); env != nullptr && *env != '\0') return env;
  return CHEMSAFE_DEFAULT_WEB_DIR;
}

int Serve(const ServeArgs& args) {
  auto listen = ParseListen(args.listen);
  if (!listen.ok()) return Fail(listen.status());
  api::PlatformOptions po;
  po.db_path = args.store.db_path;
  po.pg_url = args.store.pg_url;
  po.data_dir = reference::DataDir();
  po.workers = args.workers;
  po.version = CHEMSAFE_VERSION;
  auto platform = api::Platform::Open(po);
  if (!platform.ok()) return Fail(platform.status());
  // SIGTERM and SIGINT are taken by this thread (sigwait below), not by the server's threads.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  api::ServerOptions so;
  so.address = listen->first;
  so.port = listen->second;
  so.workers = args.workers;
  so.max_body_bytes = args.max_body_mib << 20;
  so.web_root = WebDir(args.web);
  std::error_code ec;
  if (!so.web_root.empty() && !std::filesystem::is_directory(so.web_root, ec)) {
    std::cerr << "chemsafe: no built web front end at " << so.web_root << " (npm run build in web/): serving the API only\n";
    so.web_root.clear();
  }
  auto server = api::Server::Start(**platform, so);
  if (!server.ok()) return Fail(server.status());
  const std::string url = fmt::format("http://{}:{}/", so.address, (*server)->port());
  std::cout << "chemsafe: serving " << url << " (API " << url << "api/v1/, OpenAPI " << url
            << "api/v1/openapi.json)" << std::endl;
  auto token = (*platform)->SetupToken();
  if (!token.ok()) return Fail(token.status());
  if (token->has_value()) {
    std::cout << "chemsafe: no account yet. Create the system administrator once with this setup token:\n"
              << "  " << **token << "\n"
              << "  POST " << url << "api/v1/setup {\"setup_token\", \"username\", \"name\", \"password\"}\n"
              << "  or: chemsafe user add --db PATH --role admin --name NAME --password-file FILE" << std::endl;
  }
  int sig = 0;
  sigwait(&signals, &sig);
  std::cout << "chemsafe: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT") << ": finishing the requests in flight" << std::endl;
  (*server)->Stop();
  std::cout << "chemsafe: stopped" << std::endl;
  return 0;
}

struct UserAddArgs {
  StoreOptions store;
  std::string role;
  std::string division, department, enterprise;
  std::string name, display_name;
  std::string password_file;
};

Result<std::unique_ptr<store::PlatformStore>> OpenPlatform(const StoreOptions& s) {
  if (!s.pg_url.empty()) return store::OpenPostgresPlatformStore(s.pg_url);
  return store::OpenSqlitePlatformStore(s.db_path);
}

int UserAdd(const UserAddArgs& args) {
  auto role = service::ParseRole(args.role);
  if (!role) return Fail(InvalidArgument("--role: one of province, department, city, county, grid, enterprise, auditor, admin, security"));
  std::ifstream in(args.password_file, std::ios::binary);
  if (!in) return Fail(NotFound("--password-file: cannot open " + args.password_file));
  std::string password;
  std::getline(in, password);  // the first line; its line break is not part of the password
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto platform = OpenPlatform(args.store);
  if (!platform.ok()) return Fail(platform.status());
  service::AuthService auth(**platform);
  service::Actor actor;
  actor.principal.username = "cli";
  actor.principal.role = service::Role::kAdmin;
  actor.client = "cli";
  service::NewUser u{args.name, args.display_name.empty() ? args.name : args.display_name, *role, args.division,
                     args.department, args.enterprise};
  auto made = auth.AddUser(u, password, actor);
  if (!made.ok()) return Fail(made.status());
  std::cout << "chemsafe: user " << made->username << " (" << args.role << ") added\n";
  return 0;
}

struct AssignGridArgs {
  StoreOptions store;
  std::string name;  // the grid officer's log-in name
  std::vector<std::string> enterprises;  // USCCs
};

// Assigns enterprises to a grid officer (网格员), each with its audit record: their scope and their inspection plan.
int AssignGrid(const AssignGridArgs& args) {
  auto platform = OpenPlatform(args.store);
  if (!platform.ok()) return Fail(platform.status());
  auto registry = OpenStore(args.store);
  if (!registry.ok()) return Fail(registry.status());
  auto user = (*platform)->FindUser(args.name);
  if (!user.ok()) return Fail(user.status());
  if (!*user) return Fail(NotFound(fmt::format("--name: no user {}", args.name)));
  if ((*user)->role != static_cast<int>(service::Role::kGrid)) {
    return Fail(InvalidArgument(fmt::format("--name: {} is not a grid officer (网格员)", args.name)));
  }
  int assigned = 0;
  for (const auto& uscc : args.enterprises) {
    auto e = (*registry)->FindEnterprise(uscc);
    if (!e.ok()) return Fail(e.status());
    if (!*e) return Fail(NotFound(fmt::format("--enterprise: {} is not in the registry ({} assigned before it)", uscc, assigned)));
    auto record = service::AuditOf(CliActor(), UtcText(std::chrono::system_clock::now()), "grid.assign",
                                   fmt::format("{}:{}", args.name, uscc), "ok");
    if (auto st = (*platform)->AssignGrid((*user)->id, (*e)->id, record); !st.ok()) return Fail(st);
    ++assigned;
  }
  std::cout << fmt::format("chemsafe: {} enterprise(s) assigned to grid officer {}\n", assigned, args.name);
  return 0;
}

int AuditVerify(const StoreOptions& s) {
  auto platform = OpenPlatform(s);
  if (!platform.ok()) return Fail(platform.status());
  // Verified as the records stream by, keeping only the previous one.
  std::optional<audit::AuditRecord> prev;
  std::optional<audit::ChainProblem> problem;
  std::int64_t n = 0;
  Status st = (*platform)->ForEachAudit([&](const audit::AuditRecord& a) {
    if (!prev && a.seq != 1) {
      problem = audit::ChainProblem{1, "record 1 is missing"};
      return Internal("stop");
    }
    if (prev) {
      // Streamed, so checked link by link with the rules of audit::VerifyChain.
      if (a.seq != prev->seq + 1) {
        problem = audit::ChainProblem{prev->seq + 1, a.seq > prev->seq + 1
                                                         ? fmt::format("record {} is missing", prev->seq + 1)
                                                         : fmt::format("reordered: record {} comes after record {}", a.seq, prev->seq)};
        return Internal("stop");
      }
      if (a.prev_hash != prev->hash) {
        problem = audit::ChainProblem{a.seq, fmt::format("record {} does not follow record {}", a.seq, prev->seq)};
        return Internal("stop");
      }
    } else if (a.prev_hash != audit::kGenesisHash) {
      problem = audit::ChainProblem{a.seq, "record 1 does not start from the genesis hash"};
      return Internal("stop");
    }
    if (audit::RecordHash(a) != a.hash) {
      problem = audit::ChainProblem{a.seq, fmt::format("record {} was changed", a.seq)};
      return Internal("stop");
    }
    prev = a;
    ++n;
    return Status::Ok();
  });
  if (problem) {
    std::cout << "chemsafe: audit trail BROKEN at record " << problem->seq << ": " << problem->reason << "\n";
    return 1;
  }
  if (!st.ok()) return Fail(st);
  std::cout << "chemsafe: audit trail intact: " << n << " records, last "
            << (prev ? prev->hash.substr(0, 16) : std::string("-")) << "\n";
  return 0;
}

}  // namespace

void AddPlatformCommands(CLI::App& app, CommandContext& ctx) {
  auto* serve = app.add_subcommand("serve", "Serve the platform: the JSON API under /api/v1 and the web front end");
  auto sargs = std::make_shared<ServeArgs>();
  AddStoreOptions(*serve, sargs->store);
  serve->add_option("--listen", sargs->listen, "ADDRESS:PORT to listen on (port 0: a free one)")->capture_default_str();
  serve->add_option("--web", sargs->web, "the built web front end (web/dist)");
  serve->add_option("--workers", sargs->workers, "request workers")->capture_default_str()->check(CLI::Range(1, 64));
  serve->add_option("--max-body-mib", sargs->max_body_mib, "largest request body, MiB")->capture_default_str()->check(CLI::Range(1, 1024));
  serve->callback([&ctx, sargs] { ctx.exit_code = Serve(*sargs); });

  auto* user = app.add_subcommand("user", "Platform accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Create an account");
  auto uargs = std::make_shared<UserAddArgs>();
  AddStoreOptions(*add, uargs->store);
  add->add_option("--role", uargs->role, "province, department, city, county, grid, enterprise, auditor, admin, security")->required();
  add->add_option("--division", uargs->division, "division code (city and county officers)");
  add->add_option("--department", uargs->department, "department (department officers)");
  add->add_option("--enterprise", uargs->enterprise, "统一社会信用代码 (enterprise users)");
  add->add_option("--name", uargs->name, "log-in name")->required();
  add->add_option("--display-name", uargs->display_name, "the person's name (default: the log-in name)");
  add->add_option("--password-file", uargs->password_file, "file whose first line is the password")->required();
  add->callback([&ctx, uargs] { ctx.exit_code = UserAdd(*uargs); });
  auto* assign = user->add_subcommand("assign-grid", "Assign enterprises to a grid officer (网格员; audited)");
  auto gargs = std::make_shared<AssignGridArgs>();
  AddStoreOptions(*assign, gargs->store);
  assign->add_option("--name", gargs->name, "the grid officer's log-in name")->required();
  assign->add_option("--enterprise", gargs->enterprises, "统一社会信用代码 (repeatable)")->required();
  assign->callback([&ctx, gargs] { ctx.exit_code = AssignGrid(*gargs); });

  auto* audit_cmd = app.add_subcommand("audit", "The audit trail");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand("verify", "Check the SM3 chain of the audit trail");
  auto vargs = std::make_shared<StoreOptions>();
  AddStoreOptions(*verify, *vargs);
  verify->callback([&ctx, vargs] { ctx.exit_code = AuditVerify(*vargs); });
}

}  // namespace chemsafe::cli
