// Answers of the API kept in memory while the data they were computed from is unchanged: each entry is
// stored with the data generation read before it was computed (store::Generations::data) and is used
// only while that is still the current one. Bounded by the bytes it holds: when a new entry would pass
// the bound, it starts again empty (the answers in use are recomputed once each).
//
// Thread-safety: all members may be called concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "chemsafe/api/http.h"
#include "chemsafe/service/access.h"

namespace chemsafe::api {

class AnswerCache {
 public:
  struct Entry {
    std::int64_t generation = 0;
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzipped;  // may be null
  };

  explicit AnswerCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The entry under `key` when it was stored at `generation`.
  std::optional<Entry> Find(const std::string& key, std::int64_t generation) const;
  // Stores (or replaces) the entry; one larger than the bound is not kept.
  void Put(const std::string& key, Entry entry);
  std::size_t bytes() const;

 private:
  static std::size_t SizeOf(const std::string& key, const Entry& e);

  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;
  std::size_t max_bytes_;
};

// The key of an answer that depends on the request's path and query and the caller's scope alone: the
// role, the scope text and a grid officer's enterprises.
std::string AnswerKey(const ApiRequest& r, const service::Principal& who);

}  // namespace chemsafe::api
