// The trace commands end to end (issue 6's CLI contract) on a small synthetic province: `demo trace` injects
// a known number of anomalies of each kind and `trace balance` must find exactly those (every injected one,
// no false one); `trace capture` stores a valid file, refuses a file with an invalid line with its
// file:line and stores nothing of it, and stores a resubmission once; `trace lineage` follows a lot into its
// drums; `trace label` prints a QR code that decodes to the identifier's Digital Link.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "cli_shell.h"

namespace {

using json = nlohmann::json;

using chemsafe::testing::Outcome;
using chemsafe::testing::Shell;

class TraceCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("chemsafe-trace-cli-" + std::to_string(getpid())));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    db_ = new std::string((*dir_ / "t.db").string());
    const Outcome made = Shell(Bin() + " demo generate --seed 7 --enterprises 120 --db " + *db_, *dir_);
    ASSERT_EQ(made.code, 0) << made.err;
    const Outcome trace = Shell(Bin() + " demo trace --db " + *db_ + " --events 3000 --seed 11 --per-kind 2", *dir_);
    ASSERT_EQ(trace.code, 0) << trace.err;
    demo_ = new json(json::parse(trace.out));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete db_;
    delete demo_;
  }
  static std::string Bin() { return CHEMSAFE_BINARY; }
  static json Balance() {
    const Outcome r = Shell(Bin() + " trace balance --db " + *db_ + " --from " + (*demo_)["from"].get<std::string>() +
                            " --to " + (*demo_)["to"].get<std::string>() + " --now 2026-12-31T00:00:00+08:00 --json",
                        *dir_);
    EXPECT_EQ(r.code, 0) << r.err;
    return json::parse(r.out);
  }

  static std::filesystem::path* dir_;
  static std::string* db_;
  static json* demo_;
};

std::filesystem::path* TraceCli::dir_ = nullptr;
std::string* TraceCli::db_ = nullptr;
json* TraceCli::demo_ = nullptr;

TEST_F(TraceCli, TheClosedLoopFindsEveryInjectedAnomalyAndNoOther) {
  const json& injected = (*demo_)["injected"];
  ASSERT_EQ(injected.size(), 8u) << injected.dump();
  const json balance = Balance();
  EXPECT_EQ(balance["anomaly_counts"], injected) << "found " << balance["anomaly_counts"].dump() << ", injected "
                                                  << injected.dump();
  for (const auto& [kind, n] : injected.items()) EXPECT_EQ(n, 2) << kind;
  EXPECT_EQ(balance["anomalies"].size(), 16u);
  for (const auto& a : balance["anomalies"]) {
    EXPECT_FALSE(a["events"].empty()) << a.dump();
    EXPECT_FALSE(a["detail"].get<std::string>().empty());
  }
  EXPECT_GT(balance["filings"].size(), 100u);
  EXPECT_FALSE(balance["balance"].empty());
}

TEST_F(TraceCli, LineageFollowsALotIntoItsDrums) {
  const json balance = Balance();
  // A shipment never received names its seller, chemical and waybill "…:DEMO-<chain>"; its lot is the
  // seller's "DEMO-L<chain>".
  std::string lot;
  for (const auto& a : balance["anomalies"]) {
    if (a["kind"] != "not_received") continue;
    const std::string shipment = a["shipment"];
    const std::string chain = shipment.substr(shipment.rfind("DEMO-") + 5);
    lot = "urn:chemsafe:class:lot:" + a["party"].get<std::string>() + "." + a["chemical"].get<std::string>() + ".DEMO-L" + chain;
    break;
  }
  ASSERT_FALSE(lot.empty());
  const Outcome r = Shell(Bin() + " trace lineage --db " + *db_ + " '" + lot + "' --json", *dir_);
  ASSERT_EQ(r.code, 0) << r.err;
  const json l = json::parse(r.out);
  EXPECT_EQ(l["root"], lot);
  ASSERT_EQ(l["downstream"].size(), 2u) << l.dump(2);
  EXPECT_NE(l["downstream"][0].get<std::string>().find("urn:chemsafe:id:ctr:"), std::string::npos);
  EXPECT_EQ(l["edges"].size(), 2u);
  EXPECT_EQ(l["events"].size(), 4u) << "made, two packings, shipped (never received)";
  const std::string party = balance["balance"][0]["party"];
  const Outcome missing = Shell(Bin() + " trace lineage --db " + *db_ + " 'urn:chemsafe:id:ctr:" + party + ".none'", *dir_);
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("no event names it"), std::string::npos) << missing.err;
}

TEST_F(TraceCli, CaptureIsAllOrNothingAndIdempotent) {
  const json balance = Balance();
  const std::string party = balance["balance"][0]["party"];
  const std::string chemical = balance["balance"][0]["chemical"];
  const std::string good = json{{"type", "ObjectEvent"},
                                {"eventTime", "2026-12-01T09:00:00+08:00"},
                                {"eventTimeZoneOffset", "+08:00"},
                                {"action", "ADD"},
                                {"bizStep", "commissioning"},
                                {"bizLocation", {{"id", "urn:chemsafe:loc:" + party + ".S1"}}},
                                {"quantityList", json::array({{{"epcClass", "urn:chemsafe:class:lot:" + party + "." + chemical + ".CLI-1"},
                                                               {"quantity", 40},
                                                               {"uom", "KGM"}}})}}
                               .dump();
  std::string bad = good;
  bad.replace(bad.find("2026-12-01T09:00:00+08:00"), 25, "2026-12-01 09:00");
  const auto file = *dir_ / "events.jsonl";
  {
    std::ofstream f(file);
    f << good << "\n" << bad << "\n";
  }
  const Outcome refused = Shell(Bin() + " trace capture --db " + *db_ + " " + file.string(), *dir_);
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("events.jsonl:2"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("eventTime"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing of"), std::string::npos) << refused.err;
  {
    std::ofstream f(file);
    f << good << "\n";
  }
  const Outcome stored = Shell(Bin() + " trace capture --db " + *db_ + " " + file.string(), *dir_);
  ASSERT_EQ(stored.code, 0) << stored.err;
  EXPECT_NE(stored.out.find("captured 1 events (0 already stored)"), std::string::npos) << stored.out;
  const Outcome again = Shell(Bin() + " trace capture --db " + *db_ + " " + file.string(), *dir_);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("captured 0 events (1 already stored)"), std::string::npos) << again.out;
  // A party that is not in the registry: refused with the member at fault.
  std::string stranger = good;
  stranger.replace(stranger.find(party + ".S1"), party.size(), "91440000MA00000000");
  {
    std::ofstream f(file);
    f << stranger << "\n";
  }
  const Outcome unknown = Shell(Bin() + " trace capture --db " + *db_ + " " + file.string(), *dir_);
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("events.jsonl:1"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("bizLocation"), std::string::npos) << unknown.err;
}

TEST_F(TraceCli, ALabelsQrCodeDecodesToTheDigitalLink) {
  const std::string party = Balance()["balance"][0]["party"];
  const auto png = *dir_ / "label.png";
  const Outcome r = Shell(Bin() + " trace label --id urn:chemsafe:id:ctr:" + party + ".D-1 --chemical 143-33-9 --quantity '50 kg' -o " +
                          png.string(),
                      *dir_);
  ASSERT_EQ(r.code, 0) << r.err;
  const Outcome decoded = Shell("zbarimg --raw -q " + png.string(), *dir_);
  ASSERT_EQ(decoded.code, 0) << "zbarimg (zbar-tools, scripts/install-deps.sh) must read the label: " << decoded.err;
  EXPECT_EQ(decoded.out, "https://trace.chemsafe.example/t/ctr/" + party + "/D-1\n");
}

TEST_F(TraceCli, IssuedIdentifiersAreNeverIssuedTwiceAndGetTheirLabels) {
  const std::string party = Balance()["balance"][0]["party"];
  const auto labels = *dir_ / "labels";
  const Outcome first = Shell(Bin() + " trace issue --db " + *db_ + " --uscc " + party +
                                  " --count 3 --chemical 143-33-9 --labels " + labels.string(),
                              *dir_);
  ASSERT_EQ(first.code, 0) << first.err;
  const Outcome second = Shell(Bin() + " trace issue --db " + *db_ + " --uscc " + party + " --count 2", *dir_);
  ASSERT_EQ(second.code, 0) << second.err;
  const std::string prefix = "urn:chemsafe:id:ctr:" + party + ".";
  EXPECT_EQ(first.out, prefix + "00000001\n" + prefix + "00000002\n" + prefix + "00000003\n");
  EXPECT_EQ(second.out, prefix + "00000004\n" + prefix + "00000005\n");
  int pdfs = 0;
  for (const auto& f : std::filesystem::directory_iterator(labels)) pdfs += f.path().extension() == ".pdf" ? 1 : 0;
  EXPECT_EQ(pdfs, 3);
  const Outcome text = Shell("pdftotext " + (labels / "00000002.pdf").string() + " -", *dir_);
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("氰化钠"), std::string::npos) << text.out;
  const Outcome lot = Shell(Bin() + " trace issue --db " + *db_ + " --uscc " + party + " --kind lot", *dir_);
  EXPECT_EQ(lot.code, 1);
  EXPECT_NE(lot.err.find("--chemical"), std::string::npos);
}

}  // namespace
