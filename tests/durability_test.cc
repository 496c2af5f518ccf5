// Durability of the platform under kill -9 (issue 4 acceptance): "Under a write load, kill -9 the server
// repeatedly; every write that received a 2xx is present after restart, and the audit chain verifies."
//
// The built `chemsafe serve` runs as a child process on a temp SQLite database with a tiny demo province.
// Each round, client threads log in and log out (each log-in writes a session and an audit record; each
// log-out deletes a session and appends an audit record) and note every write answered 2xx; once enough
// are acknowledged and requests are in flight, the server gets SIGKILL. A request cut off by the kill has
// an unknown outcome and is not checked. After the last round the server starts once more, and then:
// every acknowledged log-in's session still works (GET /api/v1/auth/me → 200) unless its log-out was
// acknowledged (then 401); every acknowledged write has its audit record (by the request id the server
// answered with); `chemsafe audit verify` exits 0; and SIGTERM stops the server with exit status 0.
//
// Synchronisation without sleeps: the server's port comes from its first line on stdout (read through a
// pipe, with a deadline), the kill waits on a condition variable, exits are waited for with waitpid.
#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/api/testing/http_client.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using chemsafe::api::testing::HttpClient;
using chemsafe::api::testing::HttpResult;
using Clock = std::chrono::steady_clock;

constexpr int kRounds = 5;
constexpr int kWriters = 4;  // client threads, as many as the server's request workers
constexpr const char* kPassword = "Durable#2017x";
// Acknowledged writes before the kill in round r: 12, 16, 20, … (the kill lands at a different point of
// the load each round).
int AckedBeforeKill(int round) { return 12 + 4 * round; }
constexpr auto kStartLimit = std::chrono::seconds(60);   // until the server says where it listens
constexpr auto kRoundLimit = std::chrono::seconds(120);  // until a round's writes are acknowledged
constexpr auto kExitLimit = std::chrono::seconds(60);    // until a killed or stopped server is reaped

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "chemsafe-durability-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A child process of the chemsafe binary: its stdout through a pipe, its stderr into a file.
struct Child {
  pid_t pid = -1;
  int out_fd = -1;
};

Child Spawn(const std::vector<std::string>& args, const fs::path& stderr_file) {
  Child c;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return c;
  std::vector<std::string> argv_s = {CHEMSAFE_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  // The server as in production: default signal dispositions and an empty mask, whatever the test has.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return c;
  }
  c.pid = pid;
  c.out_fd = fds[0];
  return c;
}

// Reads from `fd` until `done(text so far)` holds, EOF, or the deadline. Returns what was read and
// whether it ended by `done`.
template <typename Done>
std::pair<std::string, bool> ReadUntil(int fd, Clock::time_point deadline, Done done) {
  std::string text;
  char buf[4096];
  for (;;) {
    if (done(text)) return {text, true};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return {text, false};
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return {text, false};
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {text, done(text)};
    text.append(buf, static_cast<std::size_t>(n));
  }
}

// Waits for the child's exit (waitpid on a helper thread, bounded by a condition variable); after
// `limit`, kills it with SIGKILL and reports nothing. Returns the wait status.
std::optional<int> WaitExit(pid_t pid, std::chrono::seconds limit) {
  std::mutex mu;
  std::condition_variable cv;
  bool exited = false;
  int status = 0;
  std::thread waiter([&] {
    int st = 0;
    pid_t r;
    do {
      r = waitpid(pid, &st, 0);
    } while (r < 0 && errno == EINTR);
    std::lock_guard lock(mu);
    exited = true;
    status = st;
    cv.notify_all();
  });
  bool in_time;
  {
    std::unique_lock lock(mu);
    in_time = cv.wait_for(lock, limit, [&] { return exited; });
  }
  if (!in_time) kill(pid, SIGKILL);
  waiter.join();
  if (!in_time) return std::nullopt;
  return status;
}

struct CommandRun {
  int exit_code = -1;
  std::string out;
};

// Runs the binary to completion, bounded in time.
CommandRun RunChemsafe(const std::vector<std::string>& args, const fs::path& stderr_file) {
  CommandRun r;
  Child c = Spawn(args, stderr_file);
  if (c.pid < 0) return r;
  const auto deadline = Clock::now() + kExitLimit;
  r.out = ReadUntil(c.out_fd, deadline, [](const std::string&) { return false; }).first;
  close(c.out_fd);
  auto status = WaitExit(c.pid, kExitLimit);
  if (status && WIFEXITED(*status)) r.exit_code = WEXITSTATUS(*status);
  return r;
}

std::string FileText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A running `chemsafe serve`.
struct Server {
  Child child;
  std::string base_url;  // http://127.0.0.1:PORT
};

// Starts the server on a free loopback port; its first line on stdout names the port.
std::optional<Server> StartServer(const fs::path& db, const fs::path& stderr_file, std::string* why) {
  Server s;
  s.child = Spawn({"serve", "--db", db.string(), "--listen", "127.0.0.1:0", "--workers", std::to_string(kWriters)},
                  stderr_file);
  if (s.child.pid < 0) {
    *why = "cannot spawn " CHEMSAFE_BINARY;
    return std::nullopt;
  }
  static const std::regex kServing(R"(serving http://127\.0\.0\.1:([0-9]+)/)");
  std::smatch m;
  auto [text, found] = ReadUntil(s.child.out_fd, Clock::now() + kStartLimit, [&](const std::string& t) {
    return t.find('\n') != std::string::npos && std::regex_search(t, m, kServing);
  });
  if (!found || !std::regex_search(text, m, kServing)) {
    kill(s.child.pid, SIGKILL);
    (void)WaitExit(s.child.pid, kExitLimit);
    close(s.child.out_fd);
    *why = "the server did not say where it listens; stdout: " + text + "; stderr: " + FileText(stderr_file);
    return std::nullopt;
  }
  s.base_url = "http://127.0.0.1:" + m[1].str();
  return s;
}

enum class SessionState { kAlive, kLoggedOut, kUnknown };

struct SessionRecord {
  std::string token;
  std::string csrf;
  std::string login_request_id;
  std::string logout_request_id;
  SessionState state = SessionState::kAlive;
  int round = 0;
};

// One client thread's account and what it knows of its sessions (touched by that thread only while
// a round runs, and by the test's thread in between).
struct Writer {
  std::string username;
  std::vector<SessionRecord> sessions;
  std::size_t next_logout = 0;  // sessions before this index are not alive or not known to be
  long iteration = 0;
  std::vector<std::string> problems;  // answers that must not happen
};

// What a round's threads and the test's thread share.
struct RoundControl {
  std::mutex mu;
  std::condition_variable cv;
  int acked = 0;      // writes answered 2xx in this round
  int in_flight = 0;  // requests sent and not yet answered
  int cut_off = 0;    // requests that got no answer (the kill)
  bool stop = false;  // no new requests
};

std::string CookieValue(const std::string& set_cookie) {
  const std::string prefix = "chemsafe_session=";
  if (set_cookie.rfind(prefix, 0) != 0) return {};
  const auto end = set_cookie.find(';');
  return set_cookie.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
}

std::string HeaderOf(const HttpResult& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : it->second;
}

// One write: a log-in, or (every third time, when a session is known to be alive) the log-out of the
// oldest such session, possibly made before an earlier kill; so sessions both end and pile up across
// the kills.
void WriteOnce(const std::string& base_url, Writer& w, int round, RoundControl& ctl) {
  std::size_t logout_index = w.sessions.size();
  if (w.iteration % 3 == 2) {
    while (w.next_logout < w.sessions.size() && w.sessions[w.next_logout].state != SessionState::kAlive) ++w.next_logout;
    logout_index = w.next_logout;
  }
  ++w.iteration;
  HttpClient client(base_url);  // a fresh client: no cookie but the one given
  HttpResult r;
  if (logout_index < w.sessions.size()) {
    SessionRecord& s = w.sessions[logout_index];
    r = client.Request("POST", "/api/v1/auth/logout", "",
                       {"Cookie: chemsafe_session=" + s.token, "X-CSRF-Token: " + s.csrf});
    if (r.status == 204) {
      s.state = SessionState::kLoggedOut;
      s.logout_request_id = HeaderOf(r, "x-request-id");
    } else if (r.status == 0) {
      s.state = SessionState::kUnknown;  // cut off: it may or may not have ended
    } else {
      s.state = SessionState::kUnknown;
      w.problems.push_back("round " + std::to_string(round) + ": log-out of the session of round " +
                           std::to_string(s.round) + " (log-in request " + s.login_request_id + ") answered " +
                           std::to_string(r.status) + ": " + r.body);
    }
  } else {
    const std::string body = nlohmann::json{{"username", w.username}, {"password", kPassword}}.dump();
    r = client.PostJson("/api/v1/auth/login", body);
    if (r.status == 200) {
      SessionRecord s;
      s.token = CookieValue(HeaderOf(r, "set-cookie"));
      const auto j = nlohmann::json::parse(r.body, nullptr, false);
      if (j.is_object() && j.contains("csrf_token") && j["csrf_token"].is_string()) {
        s.csrf = j["csrf_token"].get<std::string>();
      }
      s.login_request_id = HeaderOf(r, "x-request-id");
      s.round = round;
      if (s.token.empty() || s.csrf.empty() || s.login_request_id.empty()) {
        w.problems.push_back("round " + std::to_string(round) + ": a log-in answered 200 without cookie, CSRF token "
                             "or request id: " + r.body);
      } else {
        w.sessions.push_back(std::move(s));
      }
    } else if (r.status != 0) {
      w.problems.push_back("round " + std::to_string(round) + ": log-in answered " + std::to_string(r.status) + ": " +
                           r.body);
    }
  }
  std::lock_guard lock(ctl.mu);
  --ctl.in_flight;
  if (r.status >= 200 && r.status < 300) ++ctl.acked;
  if (r.status == 0) ++ctl.cut_off;
  ctl.cv.notify_all();
}

void WriteLoop(const std::string& base_url, Writer& w, int round, RoundControl& ctl) {
  for (;;) {
    {
      std::lock_guard lock(ctl.mu);
      if (ctl.stop) return;
      ++ctl.in_flight;
      ctl.cv.notify_all();
    }
    WriteOnce(base_url, w, round, ctl);
  }
}

// The audit records of a request: "action outcome" each.
std::vector<std::string> AuditOfRequest(sqlite3* db, const std::string& request_id) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT action, outcome FROM audit_log WHERE request_id = ?", -1, &st, nullptr) != SQLITE_OK) {
    return {std::string("prepare failed: ") + sqlite3_errmsg(db)};
  }
  sqlite3_bind_text(st, 1, request_id.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW) {
    out.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + " " +
                  reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  }
  sqlite3_finalize(st);
  return out;
}

TEST(Durability, AcknowledgedWritesSurviveKillNine) {
  const auto started = Clock::now();
  ASSERT_EQ(curl_global_init(CURL_GLOBAL_ALL), CURLE_OK);  // before any client thread
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const fs::path db = dir.path() / "durability.db";
  const fs::path log = dir.path() / "chemsafe.stderr";
  const fs::path password_file = dir.path() / "password";
  {
    std::ofstream(password_file) << kPassword << "\n";
  }
  CommandRun gen = RunChemsafe({"demo", "generate", "--seed", "2017", "--enterprises", "20", "--db", db.string()}, log);
  ASSERT_EQ(gen.exit_code, 0) << gen.out << FileText(log);
  std::vector<Writer> writers(kWriters);
  for (int i = 0; i < kWriters; ++i) {
    writers[i].username = "writer" + std::to_string(i);
    CommandRun add = RunChemsafe({"user", "add", "--db", db.string(), "--role", "province", "--name", writers[i].username,
                          "--password-file", password_file.string()},
                         log);
    ASSERT_EQ(add.exit_code, 0) << add.out << FileText(log);
  }

  int acked_total = 0, cut_off_total = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::string why;
    auto server = StartServer(db, log, &why);
    ASSERT_TRUE(server.has_value()) << "round " << round << ": " << why;
    RoundControl ctl;
    std::vector<std::thread> threads;
    for (auto& w : writers) {
      threads.emplace_back([&, round] { WriteLoop(server->base_url, w, round, ctl); });
    }
    bool reached;
    int acked_at_kill, in_flight_at_kill;
    {
      std::unique_lock lock(ctl.mu);
      reached = ctl.cv.wait_for(lock, kRoundLimit,
                                [&] { return ctl.acked >= AckedBeforeKill(round) && ctl.in_flight > 0; });
      ctl.stop = true;
      acked_at_kill = ctl.acked;
      in_flight_at_kill = ctl.in_flight;
      kill(server->child.pid, SIGKILL);  // while the lock holds the counts still
    }
    for (auto& t : threads) t.join();
    const auto status = WaitExit(server->child.pid, kExitLimit);
    close(server->child.out_fd);
    ASSERT_TRUE(reached) << "round " << round << ": only " << acked_at_kill << " writes acknowledged in "
                         << kRoundLimit.count() << " s; server stderr: " << FileText(log);
    ASSERT_TRUE(status.has_value()) << "round " << round << ": the killed server was not reaped";
    EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL) << "round " << round << ": status " << *status;
    acked_total += ctl.acked;
    cut_off_total += ctl.cut_off;
    std::printf("round %d: %d writes acknowledged (kill after %d, %d in flight), %d cut off by SIGKILL\n", round,
                ctl.acked, acked_at_kill, in_flight_at_kill, ctl.cut_off);
  }
  for (const auto& w : writers) {
    for (const auto& p : w.problems) ADD_FAILURE() << w.username << ": " << p;
  }
  // The kill must have landed on requests in flight at least once, else it tested nothing.
  EXPECT_GT(cut_off_total, 0);

  std::string why;
  auto server = StartServer(db, log, &why);
  ASSERT_TRUE(server.has_value()) << "restart: " << why;
  int alive = 0, ended = 0, unknown = 0;
  for (const auto& w : writers) {
    for (const auto& s : w.sessions) {
      HttpClient client(server->base_url);
      HttpResult me = client.Request("GET", "/api/v1/auth/me", "", {"Cookie: chemsafe_session=" + s.token});
      if (s.state == SessionState::kUnknown) {  // a log-out cut off by the kill: either outcome, nothing else
        ++unknown;
        EXPECT_TRUE(me.status == 200 || me.status == 401) << me.status << " " << me.body;
      } else if (s.state == SessionState::kAlive) {
        ++alive;
        EXPECT_EQ(me.status, 200) << w.username << ": the session of acknowledged log-in " << s.login_request_id
                                  << " (round " << s.round << ") is gone: " << me.body;
        if (me.status == 200) {
          EXPECT_NE(me.body.find("\"username\":\"" + w.username + "\""), std::string::npos) << me.body;
        }
      } else {
        ++ended;
        EXPECT_EQ(me.status, 401) << w.username << ": the session whose log-out " << s.logout_request_id
                                  << " was acknowledged still works";
      }
    }
  }

  // Every acknowledged write has its audit record, found by the request id it was answered with.
  sqlite3* audit_db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &audit_db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_busy_timeout(audit_db, 5000);
  int audited = 0;
  for (const auto& w : writers) {
    for (const auto& s : w.sessions) {
      const auto login = AuditOfRequest(audit_db, s.login_request_id);
      EXPECT_EQ(login, std::vector<std::string>{"login ok"}) << w.username << ": log-in " << s.login_request_id;
      ++audited;
      if (s.state == SessionState::kLoggedOut) {
        const auto logout = AuditOfRequest(audit_db, s.logout_request_id);
        EXPECT_EQ(logout, std::vector<std::string>{"logout ok"}) << w.username << ": log-out " << s.logout_request_id;
        ++audited;
      }
    }
  }
  sqlite3_close(audit_db);

  CommandRun verify = RunChemsafe({"audit", "verify", "--db", db.string()}, log);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << FileText(log);
  EXPECT_NE(verify.out.find("intact"), std::string::npos) << verify.out;

  kill(server->child.pid, SIGTERM);
  // Its last lines ("SIGTERM: finishing…", "stopped") are read to EOF so that it never writes to a
  // closed pipe.
  auto [tail, eof] = ReadUntil(server->child.out_fd, Clock::now() + kExitLimit, [](const std::string&) { return false; });
  close(server->child.out_fd);
  const auto status = WaitExit(server->child.pid, kExitLimit);
  ASSERT_TRUE(status.has_value()) << "the server did not stop on SIGTERM; stdout: " << tail;
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "status " << *status << "; stdout: " << tail
                                                                << "; stderr: " << FileText(log);
  EXPECT_NE(tail.find("stopped"), std::string::npos) << tail;

  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("durability: %d rounds, %d kills, %d writes acknowledged, %d cut off; after restart %d sessions alive, "
              "%d logged out, %d log-outs of unknown outcome; %d audit records matched; %s; %.1f s\n",
              kRounds, kRounds, acked_total, cut_off_total, alive, ended, unknown, audited,
              verify.out.empty() ? "audit verify: no output" : verify.out.substr(0, verify.out.find('\n')).c_str(),
              seconds);
  curl_global_cleanup();
}

}  // namespace
