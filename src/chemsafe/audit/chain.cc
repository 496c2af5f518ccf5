#include "chemsafe/audit/chain.h"

#include <array>

#include "chemsafe/audit/sm3.h"

namespace chemsafe::audit {
namespace {

void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '\n';
}

std::string Seq(std::int64_t seq) { return std::to_string(seq); }

ChainProblem Problem(std::int64_t seq, std::string reason) { return ChainProblem{seq, std::move(reason)}; }

}  // namespace

std::string CanonicalText(const AuditRecord& r) {
  const std::string seq = Seq(r.seq);
  const std::array<std::string_view, 11> fields = {seq,      r.at,     r.user,    r.role,       r.scope,
                                                   r.client, r.action, r.object, r.outcome, r.request_id,
                                                   r.prev_hash};
  std::size_t size = 0;
  for (std::string_view field : fields) size += field.size() + 22;  // digits of a 64-bit length, ':', '\n'
  std::string out;
  out.reserve(size);
  for (std::string_view field : fields) AppendField(out, field);
  return out;
}

std::string RecordHash(const AuditRecord& r) { return Sm3Hex(CanonicalText(r)); }

void Seal(AuditRecord& r, std::string_view prev_hash) {
  r.prev_hash = std::string(prev_hash);
  r.hash = RecordHash(r);
}

std::optional<ChainProblem> VerifyChain(std::span<const AuditRecord> records) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const AuditRecord& r = records[i];
    // Every record before i passed, so the seq due here is i + 1.
    const auto due = static_cast<std::int64_t>(i) + 1;
    if (r.seq > due) {
      for (std::size_t j = i + 1; j < records.size(); ++j) {
        if (records[j].seq == due) {
          return Problem(due, "reordered: record " + Seq(due) + " comes after record " + Seq(r.seq));
        }
      }
      return Problem(due, "record " + Seq(due) + " is missing");
    }
    if (i > 0 && r.seq == records[i - 1].seq) {
      return Problem(due, "record " + Seq(r.seq) + " appears twice");
    }
    if (r.seq < due) {
      return Problem(due, i == 0 ? "reordered: the trail starts at record " + Seq(r.seq) + ", not 1"
                                 : "reordered: record " + Seq(r.seq) + " comes after record " + Seq(due - 1));
    }
    const std::string_view expected_prev = i == 0 ? kGenesisHash : std::string_view(records[i - 1].hash);
    if (r.prev_hash != expected_prev) {
      return Problem(due, i == 0 ? "record 1 does not start from the genesis hash"
                                 : "record " + Seq(due) + " does not follow record " + Seq(due - 1) +
                                       " (prev_hash differs from its hash)");
    }
    if (r.hash != RecordHash(r)) return Problem(due, "record " + Seq(due) + " was changed");
  }
  return std::nullopt;
}

}  // namespace chemsafe::audit
