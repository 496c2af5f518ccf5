#include "chemsafe/api/answer_cache.h"

#include <fmt/format.h>

namespace chemsafe::api {

std::optional<AnswerCache::Entry> AnswerCache::Find(const std::string& key, std::int64_t generation) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return std::nullopt;
  return it->second;
}

void AnswerCache::Put(const std::string& key, Entry entry) {
  const std::size_t size = SizeOf(key, entry);
  std::lock_guard lock(mu_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= SizeOf(it->first, it->second);
    entries_.erase(it);
  }
  if (size > max_bytes_) return;
  if (bytes_ + size > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  entries_.emplace(key, std::move(entry));
  bytes_ += size;
}

std::size_t AnswerCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

std::size_t AnswerCache::SizeOf(const std::string& key, const Entry& e) {
  return key.size() + (e.body ? e.body->size() : 0) + (e.gzipped ? e.gzipped->size() : 0);
}

std::string AnswerKey(const ApiRequest& r, const service::Principal& who) {
  std::string key = fmt::format("{}|{}|{}", service::RoleCode(who.role), who.ScopeText(), r.path);
  for (std::int64_t id : who.grid_enterprises) fmt::format_to(std::back_inserter(key), ",{}", id);
  for (const auto& [name, value] : r.query) fmt::format_to(std::back_inserter(key), "|{}={}", name, value);
  return key;
}

}  // namespace chemsafe::api
