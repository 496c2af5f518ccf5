// The credit commands (issue 7 "Enforcement, blacklist, insurance"; service/credit_service.h), audited as the
// CLI (the province office):
// `chemsafe credit blacklist add --db PATH --uscc U --reason R --legal-basis B --decision-unit D --decided-on DATE
//   [--decision-no N] [--no-publish]`: lists an enterprise on the blacklist (安全生产严重失信主体名单).
// `chemsafe credit blacklist remove --db PATH --id N --kind expired|early|revoked --on DATE [--note T]`.
// `chemsafe credit blacklist list --db PATH [--public [--on DATE]] [--json]`: every listing, or the public list
//   in force on a day (default today).
// `chemsafe credit insurance gaps --db PATH --on DATE [--within DAYS] [--json]`: expiring and missing cover.
// `chemsafe demo credit --db PATH [--seed N] [--today DATE] [--if-empty]`: SYNTHETIC listings, enforcement
//   records and policies for the demo province (--if-empty: only when there is no listing or policy yet).
// `chemsafe trace blacklist …` keeps working on the same table (trace_commands.cc).
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/service/credit_demo.h"
#include "chemsafe/service/credit_service.h"

namespace chemsafe::cli {
namespace {

using json = nlohmann::ordered_json;

struct CreditWorld {
  std::unique_ptr<store::RegistryStore> registry;
  std::unique_ptr<store::CreditStore> credit;
  std::unique_ptr<store::InspectStore> inspect;
  service::CreditStores stores() { return {*registry, *credit, *inspect}; }
};

Result<CreditWorld> OpenCreditWorld(const StoreOptions& o) {
  CreditWorld w;
  CHEMSAFE_ASSIGN_OR_RETURN(w.registry, OpenStore(o));
  const bool pg = !o.pg_url.empty();
  CHEMSAFE_ASSIGN_OR_RETURN(w.credit, pg ? store::OpenPostgresCreditStore(o.pg_url) : store::OpenSqliteCreditStore(o.db_path));
  CHEMSAFE_ASSIGN_OR_RETURN(w.inspect, pg ? store::OpenPostgresInspectStore(o.pg_url) : store::OpenSqliteInspectStore(o.db_path));
  return w;
}

// The day of a --flag, or today in China when the flag is empty.
Result<Date> DayOption(const std::string& flag, const std::string& text) {
  if (text.empty()) return TodayInShanghai();
  auto d = Date::Parse(text);
  if (!d.ok()) return InvalidArgument(fmt::format("{}: \"{}\" is not a date YYYY-MM-DD", flag, text));
  return *d;
}

std::string Now() { return UtcText(std::chrono::system_clock::now()); }

struct ListingArgs {
  StoreOptions store;
  std::string uscc, reason, legal_basis, decision_unit, decision_no, decided_on, kind, on, note;
  std::int64_t id = 0;
  bool no_publish = false;
  bool public_only = false;
  bool as_json = false;
};

int RunAdd(const ListingArgs& a) {
  auto day = DayOption("--decided-on", a.decided_on);
  if (!day.ok()) return Fail(day.status());
  auto world = OpenCreditWorld(a.store);
  if (!world.ok()) return Fail(world.status());
  credit::Listing l;
  l.uscc = a.uscc;
  l.reason = a.reason;
  l.legal_basis = a.legal_basis;
  l.decision_unit = a.decision_unit;
  l.decision_no = a.decision_no;
  l.decided_on = *day;
  l.publish = !a.no_publish;
  auto saved = service::AddListingAs(world->stores(), CliActor(), Now(), std::move(l));
  if (!saved.ok()) return Fail(saved.status());
  std::cout << service::ListingJson(*saved).dump(2) << "\n";
  return 0;
}

int RunRemove(const ListingArgs& a) {
  auto kind = credit::RemovalKindFromCode(a.kind);
  if (!kind) return Fail(InvalidArgument(fmt::format("--kind: \"{}\" is not one of expired, early, revoked", a.kind)));
  auto day = DayOption("--on", a.on);
  if (!day.ok()) return Fail(day.status());
  auto world = OpenCreditWorld(a.store);
  if (!world.ok()) return Fail(world.status());
  const std::string id = std::to_string(a.id);
  auto now = service::ListingInScope(world->stores(), CliActor().principal, id);
  if (!now.ok()) return Fail(now.status());
  auto saved = service::RemoveListingAs(world->stores(), CliActor(), Now(), id, now->version, *kind, *day, a.note);
  if (!saved.ok()) return Fail(saved.status());
  std::cout << service::ListingJson(*saved).dump(2) << "\n";
  return 0;
}

int RunList(const ListingArgs& a) {
  auto world = OpenCreditWorld(a.store);
  if (!world.ok()) return Fail(world.status());
  if (a.public_only) {
    auto day = DayOption("--on", a.on);
    if (!day.ok()) return Fail(day.status());
    auto list = service::ListBlacklistPublic(*world->credit, *day);
    if (!list.ok()) return Fail(list.status());
    json out = json::array();
    for (const auto& p : *list) {
      if (a.as_json) {
        out.push_back(service::PublicListingJson(p));
      } else {
        std::cout << fmt::format("{}\t{}\t{}\t{} — {}\t{}\t{}\n", p.id, p.uscc, p.enterprise_name, p.decided_on.str(),
                                 p.period_last_day.str(), p.decision_unit, p.reason);
      }
    }
    if (a.as_json) std::cout << out.dump(2) << "\n";
    return 0;
  }
  auto list = service::ListListingsInScope(world->stores(), CliActor().principal);
  if (!list.ok()) return Fail(list.status());
  json out = json::array();
  for (const auto& s : *list) {
    if (a.as_json) {
      out.push_back(service::ListingJson(s));
      continue;
    }
    const credit::Listing& l = s.listing;
    std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\n", s.id, l.uscc, l.decided_on.str(),
                             l.removal ? fmt::format("{} {}", credit::RemovalKindCode(*l.removal), l.removed_on.str())
                                       : std::string("listed"),
                             l.decision_unit, l.reason);
  }
  if (a.as_json) std::cout << out.dump(2) << "\n";
  return 0;
}

struct GapsArgs {
  StoreOptions store;
  std::string on;
  int within = 30;
  bool as_json = false;
};

int RunGaps(const GapsArgs& a) {
  auto day = DayOption("--on", a.on);
  if (!day.ok()) return Fail(day.status());
  auto world = OpenCreditWorld(a.store);
  if (!world.ok()) return Fail(world.status());
  auto gaps = service::InsuranceGapsInScope(world->stores(), CliActor().principal, *day, {.expiring_within_days = a.within});
  if (!gaps.ok()) return Fail(gaps.status());
  if (a.as_json) {
    std::cout << service::InsuranceGapsJson(*gaps).dump(2) << "\n";
    return 0;
  }
  for (const auto& g : gaps->expiring) {
    std::cout << fmt::format("expiring\t{}\t{}\t{} days\t{}\n", g.enterprise_uscc, g.enterprise_name, *g.days_left,
                             g.policy->policy.valid_to.str());
  }
  for (const auto& g : gaps->missing) {
    std::cout << fmt::format("missing\t{}\t{}\t{}\n", g.enterprise_uscc, g.enterprise_name,
                             g.policy ? "expired " + g.policy->policy.valid_to.str() : std::string("never insured"));
  }
  return 0;
}

struct DemoArgs {
  StoreOptions store;
  std::uint64_t seed = 2017;
  std::string today;
  bool if_empty = false;
};

int RunDemoCredit(const DemoArgs& a) {
  auto day = DayOption("--today", a.today);
  if (!day.ok()) return Fail(day.status());
  auto world = OpenCreditWorld(a.store);
  if (!world.ok()) return Fail(world.status());
  if (a.if_empty) {
    // A database made before the credit module gets its demo once; one with any listing or policy is left.
    store::ListingFilter one;
    one.limit = 1;
    store::CreditFilter any;
    any.limit = 1;
    auto listings = world->credit->ListListings(one);
    if (!listings.ok()) return Fail(listings.status());
    auto policies = world->credit->ListPolicies(any);
    if (!policies.ok()) return Fail(policies.status());
    if (!listings->empty() || !policies->empty()) {
      std::cout << json{{"synthetic", true}, {"listed", 0}, {"skipped", "the database has listings or policies already"}}
                       .dump(2)
                << "\n";
      return 0;
    }
  }
  auto r = service::GenerateCreditDemo(world->stores(), a.seed, *day);
  if (!r.ok()) return Fail(r.status());
  std::cout << json{{"synthetic", true},
                    {"enterprises", r->enterprises},
                    {"listed", r->listed},
                    {"removed_after_repair", r->removed_after_repair},
                    {"enforcement_records", r->enforcement_records},
                    {"linked_findings", r->linked_findings},
                    {"policies", r->policies},
                    {"expiring", r->expiring},
                    {"expired", r->expired},
                    {"uninsured", r->uninsured}}
                   .dump(2)
            << "\n";
  return 0;
}

}  // namespace

void AddCreditCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* c = app.add_subcommand("credit", "Blacklist, enforcement and safety liability insurance (信用)");
  c->require_subcommand(1);
  auto* bl = c->add_subcommand("blacklist", "安全生产严重失信主体名单 (one list with `trace blacklist`)");
  bl->require_subcommand(1);
  auto* add = bl->add_subcommand("add", "List an enterprise (audited)");
  auto aargs = std::make_shared<ListingArgs>();
  AddStoreOptions(*add, aargs->store);
  add->add_option("--uscc", aargs->uscc, "the enterprise")->required();
  add->add_option("--reason", aargs->reason, "列入事由")->required();
  add->add_option("--legal-basis", aargs->legal_basis, "列入依据")->required();
  add->add_option("--decision-unit", aargs->decision_unit, "作出决定的部门")->required();
  add->add_option("--decision-no", aargs->decision_no, "决定书文号");
  add->add_option("--decided-on", aargs->decided_on, "the decision's date YYYY-MM-DD")->required();
  add->add_flag("--no-publish", aargs->no_publish, "do not show it on the public list");
  add->callback([&ctx, aargs] { ctx.exit_code = RunAdd(*aargs); });
  auto* rm = bl->add_subcommand("remove", "Remove a listing (audited)");
  auto rargs = std::make_shared<ListingArgs>();
  AddStoreOptions(*rm, rargs->store);
  rm->add_option("--id", rargs->id, "the listing's id")->required();
  rm->add_option("--kind", rargs->kind, "expired, early (after credit repair) or revoked")->required();
  rm->add_option("--on", rargs->on, "the day it takes effect (default today)");
  rm->add_option("--note", rargs->note, "why");
  rm->callback([&ctx, rargs] { ctx.exit_code = RunRemove(*rargs); });
  auto* ls = bl->add_subcommand("list", "The listings, or the public list in force on a day");
  auto largs = std::make_shared<ListingArgs>();
  AddStoreOptions(*ls, largs->store);
  ls->add_flag("--public", largs->public_only, "only the published listings in force");
  ls->add_option("--on", largs->on, "the day of the public list (default today)");
  ls->add_flag("--json", largs->as_json, "JSON output");
  ls->callback([&ctx, largs] { ctx.exit_code = RunList(*largs); });

  auto* ins = c->add_subcommand("insurance", "安全生产责任保险");
  ins->require_subcommand(1);
  auto* gaps = ins->add_subcommand("gaps", "Expiring and missing cover on a day");
  auto gargs = std::make_shared<GapsArgs>();
  AddStoreOptions(*gaps, gargs->store);
  gaps->add_option("--on", gargs->on, "the day (default today)");
  gaps->add_option("--within", gargs->within, "expiring within this many days (default 30)")->check(CLI::Range(0, 3660));
  gaps->add_flag("--json", gargs->as_json, "JSON output");
  gaps->callback([&ctx, gargs] { ctx.exit_code = RunGaps(*gargs); });

  CLI::App* demo = FindSubcommand(app, "demo");
  if (demo == nullptr) demo = app.add_subcommand("demo", "Synthetic demo data");
  auto* dc = demo->add_subcommand("credit", "Blacklist, enforcement records and insurance for the demo province (SYNTHETIC)");
  auto dargs = std::make_shared<DemoArgs>();
  AddStoreOptions(*dc, dargs->store);
  dc->add_option("--seed", dargs->seed, "random seed");
  dc->add_option("--today", dargs->today, "the day the demo is made on (default today)");
  dc->add_flag("--if-empty", dargs->if_empty, "only when the database has no listing or policy yet");
  dc->callback([&ctx, dargs] { ctx.exit_code = RunDemoCredit(*dargs); });
}

}  // namespace chemsafe::cli
