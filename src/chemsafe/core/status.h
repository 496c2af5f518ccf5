// Status: the outcome of an operation that can fail, as a value (STYLE.md §2).
// A Status is either OK or carries a canonical code and a message that names the place of the problem
// (file:row:column, JSON path or field). Immutable after construction; safe to copy between threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace chemsafe {

// Persisted and mapped to HTTP by one function in api/: append-only.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument = 1,
  kNotFound = 2,
  kAlreadyExists = 3,
  kFailedPrecondition = 4,
  kPermissionDenied = 5,
  kUnavailable = 6,
  kInternal = 7,
  kUnauthenticated = 8,
  kResourceExhausted = 9,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid_argument: message" — for logs and the CLI.
  std::string ToString() const;

  // Returns a copy whose message is "prefix: message" (adds context such as a file name or a field).
  Status WithContext(std::string_view prefix) const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }

}  // namespace chemsafe

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define CHEMSAFE_RETURN_IF_ERROR(expr)              \
  do {                                              \
    ::chemsafe::Status chemsafe_status_ = (expr);   \
    if (!chemsafe_status_.ok()) return chemsafe_status_; \
  } while (0)
