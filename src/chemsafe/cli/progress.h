// A progress bar on stderr for long imports and generation: drawn only when stderr is a terminal,
// silent when piped or redirected (issue 2 §7). Not thread-safe; one per operation.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace chemsafe::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Redraws at most a few times a second; `total` may be 0 when unknown.
  void Update(std::int64_t done, std::int64_t total);
  void Finish();

 private:
  std::string label_;
  bool enabled_ = false;
  bool finished_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace chemsafe::cli
