// The audit trail of issue 4: append-only records of who did what, each sealed with the SM3 hash
// (GB/T 32905-2016) of its contents and of the previous record's hash, so that changing, removing, inserting
// or reordering a stored record breaks the chain at that record. GB/T 22239-2019 §8.1.4.3 (level 3,
// 安全审计) asks that audit records hold the date and time, user, event type, outcome and other relevant
// information, and be protected against unexpected deletion, modification or overwriting; the chain makes
// such changes evident (it cannot prevent them: that is the store's and the operating system's part).
//
// Limits of a hash chain on its own: someone able to rewrite the store can re-seal every record after the
// one changed, and removing the newest records leaves a shorter chain that still verifies. Both are found
// only against a copy of the latest record's hash and seq kept elsewhere (e.g. in the operator's log or a
// daily signed export); VerifyChain checks the records it is given.
//
// Pure: no files, no clock (the caller stamps `at`). Safe to call concurrently on different records, and
// on the same records as long as no thread writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace chemsafe::audit {

// One audit event. Every field but `hash` is covered by the hash; the text fields are opaque bytes (UTF-8 by
// convention) and are not validated here.
struct AuditRecord {
  std::int64_t seq = 0;    // 1 for the first record of a trail, then +1 per record
  std::string at;          // when, UTC ISO-8601, e.g. "2024-05-01T08:30:00Z"
  std::string user;        // account name
  std::string role;        // the role the user acted in
  std::string scope;       // the data scope of that role (division code, enterprise)
  std::string client;      // client address or agent
  std::string action;      // event type, e.g. "login", "holding.update"
  std::string object;      // what was acted on
  std::string outcome;     // e.g. "ok", "denied", "failed"
  std::string request_id;  // ties the record to the server log
  std::string prev_hash;   // hex of the previous record's hash; kGenesisHash for the first
  std::string hash;        // RecordHash of this record, 64 lower-case hex digits
};

// The prev_hash of the first record: 64 '0's.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The bytes that are hashed: the fields seq, at, user, role, scope, client, action, object, outcome,
// request_id, prev_hash, in that order, each written as
//     <byte length in decimal> ':' <bytes> '\n'
// with seq as its decimal text (e.g. "3:100\n" for seq 100, "0:\n" for an empty field). The length prefix
// makes the text unambiguous whatever bytes the fields hold, newlines and colons included. Stored hashes
// depend on it: never change this format; a new one needs a new function and a version in the store.
std::string CanonicalText(const AuditRecord& r);

// Sm3Hex(CanonicalText(r)); as CanonicalText includes prev_hash, each hash covers the whole chain before it.
std::string RecordHash(const AuditRecord& r);

// Sets r.prev_hash to `prev_hash` (the previous record's hash, or kGenesisHash) and r.hash to RecordHash(r).
// The caller sets r.seq.
void Seal(AuditRecord& r, std::string_view prev_hash);

// The first place where a chain is broken: the seq at which it breaks and why.
struct ChainProblem {
  std::int64_t seq = 0;
  std::string reason;
};

// Checks records[i], from the first, for:
//   1. seq: the first is 1 and each next is the previous + 1. When a record with a larger seq comes where
//      seq N was due, the chain is "reordered" at N if a record N comes later in the span, else "record N is
//      missing"; a seq equal to its predecessor's "appears twice"; a smaller one is "reordered".
//   2. prev_hash: kGenesisHash for the first record, else the previous record's hash.
//   3. hash: equals RecordHash (else "record N was changed").
// Returns the first problem found (ChainProblem::seq is the seq that was due at that position), nullopt
// when all records pass; an empty span passes. Removing record k < last is reported at k as missing, since
// the seq check comes first; removing the last record is not seen (see the header comment).
std::optional<ChainProblem> VerifyChain(std::span<const AuditRecord> records);

}  // namespace chemsafe::audit
