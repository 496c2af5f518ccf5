// Result<T>: a value or the Status that explains why there is none (STYLE.md §2).
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "chemsafe/core/status.h"

namespace chemsafe {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}                  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {            // NOLINT: implicit by design
    assert(!status_.ok() && "Result needs a value or a non-OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace chemsafe

#define CHEMSAFE_CONCAT_INNER_(a, b) a##b
#define CHEMSAFE_CONCAT_(a, b) CHEMSAFE_CONCAT_INNER_(a, b)

// CHEMSAFE_ASSIGN_OR_RETURN(auto x, Compute()); returns the Status when Compute() failed.
#define CHEMSAFE_ASSIGN_OR_RETURN(lhs, expr) \
  CHEMSAFE_ASSIGN_OR_RETURN_IMPL_(CHEMSAFE_CONCAT_(chemsafe_result_, __LINE__), lhs, expr)
#define CHEMSAFE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()
