// The SM3 audit chain: a sealed trail verifies, and each kind of tampering is reported at the record where
// it happened. The golden hash of one record was computed independently of CanonicalText: its canonical
// text written out by hand (Python) and hashed with `openssl dgst -sm3`.
#include "chemsafe/audit/chain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "chemsafe/audit/sm3.h"

namespace chemsafe::audit {
namespace {

using ::testing::HasSubstr;

// Every field of AuditRecord that CanonicalText covers, as text, with its name.
const std::vector<std::pair<const char*, std::string AuditRecord::*>>& TextFields() {
  static const std::vector<std::pair<const char*, std::string AuditRecord::*>> fields = {
      {"at", &AuditRecord::at},           {"user", &AuditRecord::user},
      {"role", &AuditRecord::role},       {"scope", &AuditRecord::scope},
      {"client", &AuditRecord::client},   {"action", &AuditRecord::action},
      {"object", &AuditRecord::object},   {"outcome", &AuditRecord::outcome},
      {"request_id", &AuditRecord::request_id}, {"prev_hash", &AuditRecord::prev_hash}};
  return fields;
}

AuditRecord Event(std::int64_t seq) {
  const std::string n = std::to_string(seq);
  AuditRecord r;
  r.seq = seq;
  r.at = "2024-05-01T08:" + std::to_string(10 + seq % 50) + ":00Z";
  r.user = seq % 3 == 0 ? "张三" : "li.si";
  r.role = seq % 2 == 0 ? "enforcer" : "enterprise";
  r.scope = "320100";
  r.client = "10.0.0." + n;
  r.action = seq % 5 == 0 ? "login" : "holding.update";
  r.object = "holding/" + n;
  r.outcome = seq % 7 == 0 ? "denied" : "ok";
  r.request_id = "req-" + n;
  return r;
}

std::vector<AuditRecord> Trail(int n) {
  std::vector<AuditRecord> records;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    AuditRecord r = Event(i);
    Seal(r, prev);
    prev = r.hash;
    records.push_back(std::move(r));
  }
  return records;
}

TEST(CanonicalText, IsLengthPrefixedFieldsInOrder) {
  AuditRecord r = Event(1);
  r.user = "张三";
  r.object = "holding/91320100000000000X";
  r.client = "10.0.0.7";
  r.at = "2024-05-01T08:30:00Z";
  r.role = "enforcer";
  r.action = "holding.update";
  r.outcome = "ok";
  r.request_id = "req-0001";
  Seal(r, kGenesisHash);
  EXPECT_EQ(CanonicalText(r),
            "1:1\n20:2024-05-01T08:30:00Z\n6:张三\n8:enforcer\n6:320100\n8:10.0.0.7\n14:holding.update\n"
            "26:holding/91320100000000000X\n2:ok\n8:req-0001\n"
            "64:0000000000000000000000000000000000000000000000000000000000000000\n");
  // `openssl dgst -sm3` of the text above (see the file comment).
  EXPECT_EQ(r.hash, "304949eeef65796b73b9ed2fedf95e0227e63276854bf5fbe228f44c0a64cd3a");
  EXPECT_EQ(r.hash, Sm3Hex(CanonicalText(r)));
}

TEST(CanonicalText, IsUnambiguous) {
  // Moving bytes between neighbouring fields, or hiding a field separator inside a field, changes the text.
  AuditRecord a = Event(1), b = Event(1), c = Event(1);
  a.user = "ab", a.role = "c";
  b.user = "a", b.role = "bc";
  c.user = "ab\n1:c", c.role = "";
  EXPECT_NE(CanonicalText(a), CanonicalText(b));
  EXPECT_NE(CanonicalText(a), CanonicalText(c));
  EXPECT_NE(CanonicalText(b), CanonicalText(c));
  EXPECT_NE(RecordHash(a), RecordHash(b));
}

TEST(RecordHash, DiffersWhenAnySingleFieldDiffers) {
  AuditRecord base = Event(42);
  Seal(base, kGenesisHash);
  std::set<std::string> hashes = {RecordHash(base)};
  AuditRecord other_seq = base;
  other_seq.seq = 43;
  hashes.insert(RecordHash(other_seq));
  for (const auto& [name, field] : TextFields()) {
    AuditRecord changed = base;
    (changed.*field)[0] = static_cast<char>((changed.*field)[0] ^ 0x01);
    const std::string hash = RecordHash(changed);
    EXPECT_NE(hash, RecordHash(base)) << name;
    hashes.insert(hash);
  }
  EXPECT_EQ(hashes.size(), 2 + TextFields().size());
  // The hash field itself is not hashed.
  AuditRecord rehashed = base;
  rehashed.hash = "x";
  EXPECT_EQ(RecordHash(rehashed), RecordHash(base));
}

TEST(Seal, ChainsToThePreviousHash) {
  const std::vector<AuditRecord> trail = Trail(3);
  EXPECT_EQ(trail[0].prev_hash, kGenesisHash);
  EXPECT_EQ(trail[1].prev_hash, trail[0].hash);
  EXPECT_EQ(trail[2].prev_hash, trail[1].hash);
  for (const AuditRecord& r : trail) {
    EXPECT_EQ(r.hash.size(), 64u);
    EXPECT_EQ(r.hash, RecordHash(r));
  }
}

TEST(VerifyChain, AnIntactTrailOf100Passes) {
  const std::vector<AuditRecord> trail = Trail(100);
  const std::optional<ChainProblem> problem = VerifyChain(trail);
  EXPECT_FALSE(problem.has_value()) << problem->seq << ": " << problem->reason;
}

TEST(VerifyChain, AnEmptyTrailPasses) { EXPECT_FALSE(VerifyChain({}).has_value()); }

TEST(VerifyChain, OneChangedByteInAnyFieldIsFoundAtThatRecord) {
  const std::vector<AuditRecord> trail = Trail(100);
  for (std::int64_t k : {1, 2, 37, 99, 100}) {
    for (const auto& [name, field] : TextFields()) {
      std::vector<AuditRecord> tampered = trail;
      std::string& text = tampered[static_cast<std::size_t>(k - 1)].*field;
      text[text.size() / 2] = static_cast<char>(text[text.size() / 2] ^ 0x01);
      const std::optional<ChainProblem> problem = VerifyChain(tampered);
      ASSERT_TRUE(problem.has_value()) << name << " of record " << k;
      EXPECT_EQ(problem->seq, k) << name;
      EXPECT_EQ(problem->reason, std::string(name) == "prev_hash"
                                     ? (k == 1 ? "record 1 does not start from the genesis hash"
                                               : "record " + std::to_string(k) + " does not follow record " +
                                                     std::to_string(k - 1) + " (prev_hash differs from its hash)")
                                     : "record " + std::to_string(k) + " was changed")
          << name;
    }
    // The stored hash itself.
    std::vector<AuditRecord> tampered = trail;
    std::string& hash = tampered[static_cast<std::size_t>(k - 1)].hash;
    hash[10] = hash[10] == '0' ? '1' : '0';
    const std::optional<ChainProblem> problem = VerifyChain(tampered);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->seq, k);
    EXPECT_EQ(problem->reason, "record " + std::to_string(k) + " was changed");
    // seq: flipping its lowest bit makes k one more (even k) or one less (odd k).
    tampered = trail;
    tampered[static_cast<std::size_t>(k - 1)].seq ^= 1;
    const std::optional<ChainProblem> seq_problem = VerifyChain(tampered);
    ASSERT_TRUE(seq_problem.has_value());
    EXPECT_EQ(seq_problem->seq, k) << seq_problem->reason;
  }
}

TEST(VerifyChain, AChangeResealedIsFoundAtTheNextRecord) {
  std::vector<AuditRecord> trail = Trail(100);
  trail[49].outcome = "ok (edited)";
  Seal(trail[49], trail[48].hash);
  const std::optional<ChainProblem> problem = VerifyChain(trail);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->seq, 51);
  EXPECT_THAT(problem->reason, HasSubstr("does not follow record 50"));
}

TEST(VerifyChain, ARemovedRecordIsReportedMissingAtItsSeq) {
  // The seq check runs before the hash checks, so the gap is named at the removed record k, not at k+1 (whose
  // prev_hash no longer matches either).
  const std::vector<AuditRecord> trail = Trail(100);
  for (std::int64_t k = 1; k < 100; ++k) {
    std::vector<AuditRecord> removed = trail;
    removed.erase(removed.begin() + (k - 1));
    const std::optional<ChainProblem> problem = VerifyChain(removed);
    ASSERT_TRUE(problem.has_value()) << k;
    EXPECT_EQ(problem->seq, k);
    EXPECT_EQ(problem->reason, "record " + std::to_string(k) + " is missing");
  }
}

TEST(VerifyChain, ARemovedRecordWithTheRestRenumberedIsFound) {
  std::vector<AuditRecord> trail = Trail(100);
  trail.erase(trail.begin() + 29);  // record 30
  for (std::size_t i = 29; i < trail.size(); ++i) trail[i].seq -= 1;
  const std::optional<ChainProblem> problem = VerifyChain(trail);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->seq, 30);
  EXPECT_THAT(problem->reason, HasSubstr("does not follow record 29"));
}

TEST(VerifyChain, RemovingTheNewestRecordsIsNotSeenWithoutAnAnchor) {
  // The limit stated in chain.h: truncation at the end leaves a valid, shorter chain.
  std::vector<AuditRecord> trail = Trail(100);
  trail.resize(90);
  EXPECT_FALSE(VerifyChain(trail).has_value());
}

TEST(VerifyChain, SwappedRecordsAreReportedReorderedAtTheFirst) {
  const std::vector<AuditRecord> trail = Trail(100);
  for (auto [j, k] : {std::pair{1, 2}, std::pair{10, 11}, std::pair{20, 80}, std::pair{1, 100}, std::pair{99, 100}}) {
    std::vector<AuditRecord> swapped = trail;
    std::swap(swapped[static_cast<std::size_t>(j - 1)], swapped[static_cast<std::size_t>(k - 1)]);
    const std::optional<ChainProblem> problem = VerifyChain(swapped);
    ASSERT_TRUE(problem.has_value()) << j << "," << k;
    EXPECT_EQ(problem->seq, j);
    EXPECT_EQ(problem->reason,
              "reordered: record " + std::to_string(j) + " comes after record " + std::to_string(k));
  }
}

TEST(VerifyChain, AnInsertedRecordIsFound) {
  std::vector<AuditRecord> trail = Trail(100);
  AuditRecord forged = Event(60);
  forged.user = "intruder";
  Seal(forged, trail[58].hash);
  trail.insert(trail.begin() + 59, forged);
  const std::optional<ChainProblem> problem = VerifyChain(trail);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->seq, 61);
  EXPECT_EQ(problem->reason, "record 60 appears twice");
}

TEST(VerifyChain, TheTrailStartsAtOneFromTheGenesis) {
  std::vector<AuditRecord> trail = Trail(3);
  std::vector<AuditRecord> from_zero = trail;
  from_zero[0].seq = 0;
  ASSERT_TRUE(VerifyChain(from_zero).has_value());
  EXPECT_EQ(VerifyChain(from_zero)->reason, "reordered: the trail starts at record 0, not 1");
  std::vector<AuditRecord> not_genesis = trail;
  Seal(not_genesis[0], std::string(64, 'f'));
  ASSERT_TRUE(VerifyChain(not_genesis).has_value());
  EXPECT_EQ(VerifyChain(not_genesis)->seq, 1);
  EXPECT_EQ(VerifyChain(not_genesis)->reason, "record 1 does not start from the genesis hash");
}

}  // namespace
}  // namespace chemsafe::audit
