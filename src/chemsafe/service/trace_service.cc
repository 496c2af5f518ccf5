#include "chemsafe/service/trace_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "chemsafe/audit/sm3.h"
#include "chemsafe/core/calendar.h"

namespace chemsafe::service {
namespace {

using store::MovementKind;
using store::TraceIdRole;

constexpr std::string_view kLotPrefix = "urn:chemsafe:class:lot:";
constexpr std::string_view kLocPrefix = "urn:chemsafe:loc:";
constexpr std::int64_t kDayUs = 86'400'000'000LL;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The mass in kg of `quantity` in `uom`; nullopt for a unit that is not a mass.
std::optional<double> Kilograms(double quantity, std::string_view uom) {
  if (uom == "KGM") return quantity;
  if (uom == "TNE") return quantity * 1000.0;
  if (uom == "GRM") return quantity / 1000.0;
  return std::nullopt;
}

std::optional<MovementKind> KindOfStep(std::string_view step) {
  if (step == "commissioning") return MovementKind::kProduced;
  if (step == "receiving" || step == "accepting") return MovementKind::kReceived;
  if (step == "shipping") return MovementKind::kShipped;
  if (step == "consuming") return MovementKind::kUsed;
  if (step == "destroying" || step == "disposing") return MovementKind::kDestroyed;
  if (step == "cycle_counting") return MovementKind::kCounted;
  return std::nullopt;
}

// The transaction that pairs a shipment with its receipt: despatch advice, waybill, bill of lading,
// invoice, purchase order, in that order of preference.
std::string ShipmentKey(const trace::Event& e) {
  for (std::string_view type : {"desadv", "waybill", "bol", "inv", "po"}) {
    for (const auto& t : e.biz_transactions) {
      if (t.type == type) return t.id;
    }
  }
  return "";
}

const trace::BizTransaction* TransactionOf(const trace::Event& e, std::string_view type) {
  for (const auto& t : e.biz_transactions) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

// A licence valid on `date` (YYYY-MM-DD) whose type contains one of `kinds`.
bool HasValidLicence(const registry::Enterprise& e, std::string_view date, std::initializer_list<std::string_view> kinds) {
  for (const auto& l : e.licences) {
    const bool kind = std::any_of(kinds.begin(), kinds.end(), [&](std::string_view k) { return l.type.find(k) != std::string::npos; });
    if (!kind) continue;
    if (!l.valid_from.empty() && l.valid_from > date) continue;
    if (!l.valid_to.empty() && l.valid_to < date) continue;
    return true;
  }
  return false;
}

std::string DateOf(std::int64_t utc_us) {
  // The date in China (UTC+8): licences are dated by the issuing office's calendar.
  const std::int64_t local_s = utc_us / 1'000'000 + 8 * 3600;
  const auto days = std::chrono::sys_days(std::chrono::days(local_s >= 0 ? local_s / 86400 : (local_s - 86399) / 86400));
  const std::chrono::year_month_day ymd(days);
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

// Enterprises by USCC, read once each.
class Parties {
 public:
  explicit Parties(store::RegistryStore& registry) : registry_(registry) {}
  Result<const registry::Enterprise*> Find(const std::string& uscc) {
    auto it = known_.find(uscc);
    if (it == known_.end()) {
      CHEMSAFE_ASSIGN_OR_RETURN(auto e, registry_.FindEnterprise(uscc));
      it = known_.emplace(uscc, std::move(e)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  store::RegistryStore& registry_;
  std::unordered_map<std::string, std::optional<registry::Enterprise>> known_;
};

// The party whose stock an internal step (commissioning, consuming, counting, a transformation) changes:
// the owner of the business location, else the possessing or owning source party.
std::string LocalParty(const trace::Event& e, std::string& site) {
  if (auto owner = LocationOwner(e.biz_location)) {
    site = owner->second;
    return owner->first;
  }
  auto sources = trace::SourceParties(e);
  return sources.empty() ? std::string() : sources.front();
}

struct Checked {
  std::vector<store::TraceMovement> movements;
  std::vector<store::TraceIdEntry> ids;
};

// Checks one event and derives what the store keeps of it; problems go to `problems`.
Result<Checked> CheckEvent(const trace::Event& e, const std::string& where, const catalogue::Catalogue& catalogue,
                           Parties& parties, std::vector<TraceProblem>& problems) {
  Checked out;
  const std::size_t before = problems.size();
  auto problem = [&](std::string field, std::string message) {
    problems.push_back({where, std::move(field), std::move(message)});
  };
  // Identifiers by role.
  auto add_ids = [&](const std::vector<std::string>& list, TraceIdRole role) {
    for (const auto& id : list) out.ids.push_back({id, role});
  };
  auto add_classes = [&](const std::vector<trace::QuantityElement>& list, TraceIdRole role) {
    for (const auto& q : list) out.ids.push_back({q.epc_class, role});
  };
  const bool grouped = e.type == trace::EventType::kAggregation || e.type == trace::EventType::kAssociation;
  add_ids(e.epc_list, grouped ? TraceIdRole::kChild : TraceIdRole::kEpc);
  if (!e.parent_id.empty()) out.ids.push_back({e.parent_id, TraceIdRole::kParent});
  add_classes(e.quantities, TraceIdRole::kClass);
  add_ids(e.input_epcs, TraceIdRole::kInput);
  add_ids(e.output_epcs, TraceIdRole::kOutput);
  add_classes(e.input_quantities, TraceIdRole::kInputClass);
  add_classes(e.output_quantities, TraceIdRole::kOutputClass);

  // Parties must exist.
  for (const auto* list : {&e.sources, &e.destinations}) {
    const std::string name = list == &e.sources ? "sourceList" : "destinationList";
    for (std::size_t k = 0; k < list->size(); ++k) {
      const auto& p = (*list)[k];
      if (p.type == "location") continue;
      auto uscc = trace::PartyUscc(p.id);
      if (!uscc) {
        problem(fmt::format("{}[{}]", name, k), fmt::format("{}: a party is \"urn:chemsafe:party:<统一社会信用代码>\"", p.id));
        continue;
      }
      CHEMSAFE_ASSIGN_OR_RETURN(const registry::Enterprise* found, parties.Find(*uscc));
      if (found == nullptr) problem(fmt::format("{}[{}]", name, k), fmt::format("{}: no such enterprise in the registry", *uscc));
    }
  }
  if (auto owner = LocationOwner(e.biz_location)) {
    CHEMSAFE_ASSIGN_OR_RETURN(const registry::Enterprise* found, parties.Find(owner->first));
    if (found == nullptr) problem("bizLocation", fmt::format("{}: no such enterprise in the registry", owner->first));
  }

  // What moves, in kg, of which chemical; traced chemicals only.
  struct Amount {
    std::string chemical;
    double kg = 0;
    bool highly_toxic = false, precursor = false;
  };
  auto amounts = [&](const std::vector<trace::QuantityElement>& list, const std::string& field) {
    std::vector<Amount> got;
    for (std::size_t k = 0; k < list.size(); ++k) {
      const auto& q = list[k];
      const std::string at = fmt::format("{}[{}]", field, k);
      auto key = LotChemical(q.epc_class);
      if (!key) {
        problem(at + ".epcClass", fmt::format("{}: not a platform lot class (urn:chemsafe:class:lot:<USCC>.<chemical>.<lot>): "
                                              "the chemical it holds is not known", q.epc_class));
        continue;
      }
      const catalogue::Chemical* c = catalogue.FindByKey(*key);
      if (c == nullptr) c = catalogue.FindByCas(*key);
      if (c == nullptr) {
        problem(at + ".epcClass", fmt::format("{}: not in the 危险化学品目录", *key));
        continue;
      }
      if (!c->highly_toxic && !c->explosive_precursor) {
        problem(at + ".epcClass", fmt::format("{}（{}）is neither 剧毒 nor 易制爆: not a chemical traced here", c->name_zh, *key));
        continue;
      }
      auto kg = Kilograms(q.quantity, q.uom);
      if (!kg) {
        problem(at + ".uom", fmt::format("\"{}\": give the amount in a mass unit (KGM, TNE or GRM)", q.uom));
        continue;
      }
      got.push_back({c->key, *kg, c->highly_toxic, c->explosive_precursor});
    }
    return got;
  };
  const std::string qfield = grouped ? "childQuantityList" : "quantityList";
  std::vector<Amount> moved = amounts(e.quantities, qfield);
  const std::vector<Amount> inputs = amounts(e.input_quantities, "inputQuantityList");
  const std::vector<Amount> outputs = amounts(e.output_quantities, "outputQuantityList");

  // What the step moves; kNone-like 0 when it moves nothing (and for a transformation, which moves its inputs
  // and outputs).
  const MovementKind none = static_cast<MovementKind>(0);
  const MovementKind kind =
      e.type == trace::EventType::kTransformation ? none : KindOfStep(e.biz_step).value_or(none);
  const std::string key = ShipmentKey(e);
  const auto sources = trace::SourceParties(e);
  const auto destinations = trace::DestinationParties(e);
  if (kind == MovementKind::kShipped || kind == MovementKind::kReceived) {
    if (key.empty()) {
      problem("bizTransactionList", "a shipment or receipt names its despatch advice (desadv), waybill, bill of lading, "
                                    "invoice or purchase order, to pair the two");
    }
    if (sources.empty()) problem("sourceList", "a shipment or receipt names the selling party (owning_party)");
    if (destinations.empty()) problem("destinationList", "a shipment or receipt names the buying party (owning_party)");
  }
  if (kind == MovementKind::kShipped) {
    const bool toxic = std::any_of(moved.begin(), moved.end(), [](const Amount& a) { return a.highly_toxic; });
    const bool precursor = std::any_of(moved.begin(), moved.end(), [](const Amount& a) { return a.precursor; });
    const auto* permit = TransactionOf(e, "purchase_permit");
    if (toxic && (permit == nullptr || permit->id.empty())) {
      problem("bizTransactionList", "a sale of 剧毒化学品 carries the buyer's purchase permit (剧毒化学品购买许可证), type purchase_permit");
    }
    const auto* filing = TransactionOf(e, "filing");
    if (precursor && !toxic && (filing == nullptr || filing->id.empty())) {
      problem("bizTransactionList", "a sale of 易制爆危险化学品 carries the buyer's filing (备案), type filing");
    }
  }
  if (problems.size() != before) return out;

  std::string site;
  const std::string local = LocalParty(e, site);
  auto add = [&](const std::vector<Amount>& list, MovementKind k, const std::string& party, const std::string& other) {
    for (const auto& a : list) {
      out.movements.push_back({0, e.event_time_utc_us, party, site, a.chemical, k, a.kg, other, key});
    }
  };
  if (e.type == trace::EventType::kTransformation) {
    add(inputs, MovementKind::kUsed, local, "");
    add(outputs, MovementKind::kProduced, local, "");
  } else if (kind == MovementKind::kShipped) {
    add(moved, kind, sources.front(), destinations.front());
  } else if (kind == MovementKind::kReceived) {
    add(moved, kind, destinations.front(), sources.front());
  } else if (kind != none) {
    if (local.empty() && !moved.empty()) {
      problem("bizLocation", "whose stock this changes is not known: give a platform location "
                             "(urn:chemsafe:loc:<USCC>.<site>) or a possessing_party source");
      return out;
    }
    add(moved, kind, local, "");
  }
  return out;
}

}  // namespace

std::optional<std::string> LotChemical(std::string_view epc_class) {
  if (!StartsWith(epc_class, kLotPrefix)) return std::nullopt;
  const std::string_view rest = epc_class.substr(kLotPrefix.size());
  const auto first = rest.find('.');
  const auto last = rest.rfind('.');
  if (first == std::string_view::npos || last == first || last == rest.size() - 1) return std::nullopt;
  return std::string(rest.substr(first + 1, last - first - 1));
}

std::optional<std::pair<std::string, std::string>> LocationOwner(std::string_view location) {
  if (!StartsWith(location, kLocPrefix)) return std::nullopt;
  const std::string_view rest = location.substr(kLocPrefix.size());
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  return std::pair<std::string, std::string>(std::string(rest.substr(0, dot)), std::string(rest.substr(dot + 1)));
}

Result<CaptureReport> CaptureTraceEvents(TraceStores s, const catalogue::Catalogue& catalogue,
                                         std::vector<TraceInput>& inputs, const CaptureOptions& options) {
  CaptureReport report;
  const std::string record_time =
      options.record_time.empty() ? UtcText(std::chrono::system_clock::now()) : options.record_time;
  const auto recorded = ParseUtcText(record_time);
  if (!recorded) {
    return InvalidArgument(fmt::format("record_time: \"{}\" is not YYYY-MM-DDTHH:MM:SS.ffffffZ", record_time));
  }
  const std::int64_t record_time_us =
      std::chrono::duration_cast<std::chrono::microseconds>(recorded->time_since_epoch()).count();
  Parties parties(s.registry);
  std::vector<store::TraceCapture> batch;
  std::vector<store::TraceErrorDeclaration> declarations;
  for (TraceInput& in : inputs) {
    const trace::Event& e = in.event;
    if (e.hash.empty()) {
      report.problems.push_back({in.where, "", "the event has no hash (an internal error of the caller)"});
      continue;
    }
    if (e.error_declaration) {
      // A correction names the stored event by its eventID (EPCIS 2.0 §7.4.1.2): never an edit.
      CHEMSAFE_ASSIGN_OR_RETURN(auto target, s.trace.FindByEventId(e.event_id));
      if (!target) {
        report.problems.push_back({in.where, "eventID", fmt::format("{}: no stored event to declare in error", e.event_id)});
        continue;
      }
      std::string corrective;
      for (const auto& id : e.error_declaration->corrective_event_ids) corrective += (corrective.empty() ? "" : " ") + id;
      declarations.push_back({target->id, e.error_declaration->declaration_time, e.error_declaration->reason,
                              corrective, e.hash});
      continue;
    }
    CHEMSAFE_ASSIGN_OR_RETURN(Checked checked, CheckEvent(e, in.where, catalogue, parties, report.problems));
    store::TraceCapture c;
    c.row.hash = e.hash;
    c.row.event_id = e.event_id.empty() ? e.hash : e.event_id;
    c.row.type = static_cast<int>(e.type);
    c.row.event_time = e.event_time;
    c.row.event_time_us = e.event_time_utc_us;
    c.row.record_time = record_time;
    c.row.record_time_us = record_time_us;
    c.row.biz_step = e.biz_step;
    c.row.biz_location = e.biz_location;
    c.row.body = in.body;
    c.ids = std::move(checked.ids);
    c.movements = std::move(checked.movements);
    batch.push_back(std::move(c));
  }
  if (!report.problems.empty()) return report;
  if (!batch.empty()) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto outcomes, s.trace.Capture(batch));
    for (const auto& o : outcomes) (o.duplicate ? report.duplicates : report.stored) += 1;
  }
  if (!declarations.empty()) {
    CHEMSAFE_ASSIGN_OR_RETURN(report.declarations, s.trace.Declare(declarations));
  }
  return report;
}

Result<Lineage> TraceLineage(store::TraceStore& trace, const std::string& id, std::size_t max_nodes) {
  Lineage out;
  out.root = id;
  std::set<std::string> seen = {id};
  std::map<std::int64_t, std::int64_t> events;  // event → its time
  std::set<std::tuple<std::string, std::string, std::int64_t>> edges;
  // The identifiers of an event, read once each.
  std::unordered_map<std::int64_t, std::vector<store::TraceIdEntry>> ids_of;
  auto ids = [&](std::int64_t event) -> Result<const std::vector<store::TraceIdEntry>*> {
    auto it = ids_of.find(event);
    if (it == ids_of.end()) {
      CHEMSAFE_ASSIGN_OR_RETURN(auto list, trace.IdsOf(event));
      it = ids_of.emplace(event, std::move(list)).first;
    }
    return &it->second;
  };
  // The events naming an identifier, read once each (the walk and the custody steps share them).
  std::unordered_map<std::string, std::vector<store::TraceNaming>> naming_of;
  auto namings = [&](const std::string& node) -> Result<const std::vector<store::TraceNaming>*> {
    auto it = naming_of.find(node);
    if (it == naming_of.end()) {
      CHEMSAFE_ASSIGN_OR_RETURN(auto list, trace.EventsNaming(node));
      it = naming_of.emplace(node, std::move(list)).first;
    }
    return &it->second;
  };
  auto is_part = [](TraceIdRole r) { return r == TraceIdRole::kChild || r == TraceIdRole::kClass; };
  auto is_input = [](TraceIdRole r) { return r == TraceIdRole::kInput || r == TraceIdRole::kInputClass; };
  auto is_output = [](TraceIdRole r) { return r == TraceIdRole::kOutput || r == TraceIdRole::kOutputClass; };
  // One direction at a time: downstream follows part → whole and input → output; upstream the reverse.
  for (const bool down : {true, false}) {
    std::vector<std::string> frontier = {id};
    std::vector<std::string>& found = down ? out.downstream : out.upstream;
    while (!frontier.empty() && !out.truncated) {
      std::vector<std::string> next;
      for (const std::string& node : frontier) {
        CHEMSAFE_ASSIGN_OR_RETURN(const auto* naming, namings(node));
        if (node == id && naming->empty() && down) return NotFound(fmt::format("{}: no event names it", id));
        for (const auto& n : *naming) {
          events.emplace(n.event, n.at_us);
          const auto type = static_cast<trace::EventType>(n.type);
          const bool grouping = type == trace::EventType::kAggregation || type == trace::EventType::kAssociation;
          const bool transform = type == trace::EventType::kTransformation;
          if (!grouping && !transform) continue;
          // The identifiers on the other side of this event, in the direction walked.
          std::vector<TraceIdRole> want;
          if (grouping && down && is_part(n.role)) want = {TraceIdRole::kParent};
          if (grouping && !down && n.role == TraceIdRole::kParent) want = {TraceIdRole::kChild, TraceIdRole::kClass};
          if (transform && down && is_input(n.role)) want = {TraceIdRole::kOutput, TraceIdRole::kOutputClass};
          if (transform && !down && is_output(n.role)) want = {TraceIdRole::kInput, TraceIdRole::kInputClass};
          if (want.empty()) continue;
          CHEMSAFE_ASSIGN_OR_RETURN(const auto* list, ids(n.event));
          for (const auto& other : *list) {
            if (std::find(want.begin(), want.end(), other.role) == want.end()) continue;
            const std::string& from = down ? node : other.epc;
            const std::string& to = down ? other.epc : node;
            if (edges.emplace(from, to, n.event).second) {
              out.edges.push_back({from, to,
                                   transform ? "transformed_into"
                                   : type == trace::EventType::kAggregation ? "packed_into"
                                                                              : "associated_with",
                                   n.event, n.at_us});
            }
            if (!seen.insert(other.epc).second) continue;
            found.push_back(other.epc);
            next.push_back(other.epc);
            if (seen.size() >= max_nodes) out.truncated = true;
          }
        }
      }
      frontier = std::move(next);
    }
  }
  // The custody steps of every node (shipping, receiving, …): the events naming them.
  for (const auto& node : out.downstream) {
    CHEMSAFE_ASSIGN_OR_RETURN(const auto* naming, namings(node));
    for (const auto& n : *naming) events.emplace(n.event, n.at_us);
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> by_time;
  for (const auto& [event, at] : events) by_time.emplace_back(at, event);
  std::sort(by_time.begin(), by_time.end());
  for (const auto& [at, event] : by_time) out.events.push_back(event);
  return out;
}

std::string_view AnomalyKindCode(AnomalyKind k) {
  switch (k) {
    case AnomalyKind::kNotReceived: return "not_received";
    case AnomalyKind::kReceiptWithoutShipment: return "receipt_without_shipment";
    case AnomalyKind::kQuantityMismatch: return "quantity_mismatch";
    case AnomalyKind::kUnlicensedSale: return "unlicensed_sale";
    case AnomalyKind::kCustodyWithoutLicence: return "custody_without_licence";
    case AnomalyKind::kOutOfOrder: return "out_of_order";
    case AnomalyKind::kImbalance: return "imbalance";
    case AnomalyKind::kFilingOverdue: return "filing_overdue";
  }
  return "unknown";
}

std::string_view AnomalyKindZh(AnomalyKind k) {
  switch (k) {
    case AnomalyKind::kNotReceived: return "发货后未按期收货";
    case AnomalyKind::kReceiptWithoutShipment: return "收货无对应发货";
    case AnomalyKind::kQuantityMismatch: return "收发数量不符";
    case AnomalyKind::kUnlicensedSale: return "向无有效许可的单位销售";
    case AnomalyKind::kCustodyWithoutLicence: return "无有效许可持有";
    case AnomalyKind::kOutOfOrder: return "先收货后发货";
    case AnomalyKind::kImbalance: return "账实不符";
    case AnomalyKind::kFilingOverdue: return "流向备案逾期";
  }
  return "未知";
}

Result<ClosedLoopReport> CheckClosedLoop(TraceStores s, const ClosedLoopOptions& o) {
  ClosedLoopReport report;
  const std::int64_t now_us =
      o.now_us != 0 ? o.now_us
                    : std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::int64_t to_us = o.to_us == 0 ? std::numeric_limits<std::int64_t>::max() : o.to_us;
  auto differ = [&](double a, double b) {
    return std::abs(a - b) > std::max(o.tolerance_kg, o.tolerance_share * std::max(std::abs(a), std::abs(b)));
  };
  // Every movement from the start (the opening stock of the period is what the events give at its start).
  CHEMSAFE_ASSIGN_OR_RETURN(const store::MovementLedger ledger, s.trace.ReadMovements(0, 0));
  const auto& rows = ledger.rows;
  auto text = [&](std::uint32_t k) -> const std::string& { return ledger.Text(k); };
  report.movements = static_cast<std::int64_t>(rows.size());

  Parties parties(s.registry);
  CHEMSAFE_ASSIGN_OR_RETURN(const std::vector<store::BlacklistEntry> blacklist, s.trace.Blacklist());
  // The listing of `uscc` in force on `date`, or nullptr.
  auto listed = [&](const std::string& uscc, const std::string& date) -> const store::BlacklistEntry* {
    for (const auto& b : blacklist) {
      if (b.uscc == uscc && b.listed_on <= date && (b.ended_on.empty() || b.ended_on > date)) return &b;
    }
    return nullptr;
  };
  // The date in China of a time: the movements come in time order, so the last one made is most often it.
  std::int64_t last_day = std::numeric_limits<std::int64_t>::min();
  std::string last_date;
  auto date_of = [&](std::int64_t at_us) -> const std::string& {
    constexpr std::int64_t kEightHoursUs = 8 * 3600 * 1'000'000LL;
    const std::int64_t local = at_us + kEightHoursUs;
    const std::int64_t day = local / kDayUs - (local < 0 && local % kDayUs != 0 ? 1 : 0);
    if (day != last_day) {
      last_day = day;
      last_date = DateOf(at_us);
    }
    return last_date;
  };
  // The enterprise behind a party's name, read once each (by name id).
  std::vector<const registry::Enterprise*> enterprise_of(ledger.texts.size(), nullptr);
  std::vector<bool> looked_up(ledger.texts.size(), false);
  auto licensed = [&](std::uint32_t party, std::int64_t at_us) -> Result<bool> {
    if (!looked_up[party]) {
      CHEMSAFE_ASSIGN_OR_RETURN(enterprise_of[party], parties.Find(text(party)));
      looked_up[party] = true;
    }
    return enterprise_of[party] != nullptr && HasValidLicence(*enterprise_of[party], date_of(at_us), {"许可证", "备案"});
  };

  // Stock per (party, site, chemical). The events since a stock's last count are a chain through the rows
  // (since[row]: the stock's row before it, -1 at the count), walked only when a count differs.
  struct Stock {
    double kg = 0;
    BalanceRow row;
    std::int32_t last = -1;  // the latest row since the last count, -1: none
    bool counted = false;
  };
  struct StockKey {
    std::uint32_t party, site, chemical;
    bool operator==(const StockKey&) const = default;
  };
  struct StockKeyHash {
    std::size_t operator()(const StockKey& k) const {
      return (std::size_t{k.party} * 0x9E3779B97F4A7C15ULL) ^ (std::size_t{k.site} * 0xC2B2AE3D27D4EB4FULL) ^ k.chemical;
    }
  };
  std::unordered_map<StockKey, std::uint32_t, StockKeyHash> stock_of;
  std::vector<Stock> stocks;
  std::vector<std::int32_t> since(rows.size(), -1);
  // The shipments by their key and chemical (a shipment of several chemicals pairs chemical by chemical), in
  // the order first seen; each side's rows a chain like the stock's (in_side[row]).
  struct Side {
    double kg = 0;
    std::int64_t at_us = 0;
    std::uint32_t party = 0, counterparty = 0, chemical = 0;
    std::int32_t last = -1;
  };
  struct Shipment {
    std::uint32_t key = 0, chemical = 0;
    Side shipped, received;
  };
  std::vector<Shipment> shipments;
  // The shipments of a key (by name id): the first, then each the next of the same key (other chemicals).
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> first_shipment(ledger.texts.size(), kNone), next_shipment;
  std::vector<std::int32_t> in_side(rows.size(), -1);
  // The events of a chain, oldest first.
  auto chain = [&](const std::vector<std::int32_t>& link, std::int32_t last, std::vector<std::int64_t>& out) {
    const std::size_t from = out.size();
    for (std::int32_t r = last; r >= 0; r = link[static_cast<std::size_t>(r)]) out.push_back(rows[static_cast<std::size_t>(r)].event);
    std::reverse(out.begin() + static_cast<std::ptrdiff_t>(from), out.end());
  };
  const std::int64_t filing_us = o.filing_days * kDayUs;
  report.filings.reserve(static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](const store::MovementLedger::Row& m) {
    return m.kind == MovementKind::kShipped && m.at_us >= o.from_us && m.at_us < to_us;
  })));

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const store::MovementLedger::Row& m = rows[i];
    const bool in_period = m.at_us >= o.from_us && m.at_us < to_us;
    // Shipments may be received after the period: only those shipped (or received) in it are judged.
    auto [sk, fresh] = stock_of.try_emplace(StockKey{m.party, m.site, m.chemical}, static_cast<std::uint32_t>(stocks.size()));
    if (fresh) {
      stocks.emplace_back();
      stocks.back().row.party = text(m.party);
      stocks.back().row.site = text(m.site);
      stocks.back().row.chemical = text(m.chemical);
    }
    Stock& st = stocks[sk->second];
    auto book = [&](double& field, double sign) {
      if (in_period) field += m.quantity_kg;
      st.kg += sign * m.quantity_kg;
    };
    switch (m.kind) {
      case MovementKind::kProduced: book(st.row.produced_kg, 1); break;
      case MovementKind::kReceived: book(st.row.received_kg, 1); break;
      case MovementKind::kShipped: book(st.row.shipped_kg, -1); break;
      case MovementKind::kUsed: book(st.row.used_kg, -1); break;
      case MovementKind::kDestroyed: book(st.row.destroyed_kg, -1); break;
      case MovementKind::kCounted: {
        // The first count of a stock with nothing booked before it is the opening inventory.
        const bool opening_inventory = !st.counted && st.last < 0;
        if (in_period && !opening_inventory && differ(st.kg, m.quantity_kg)) {
          Anomaly a{AnomalyKind::kImbalance, text(m.party), "", text(m.chemical), text(m.site), "", m.quantity_kg - st.kg, m.at_us, {}, "", ""};
          chain(since, st.last, a.events);
          a.events.push_back(m.event);
          a.detail = fmt::format("盘点 {:.1f} kg，按出入库记录应为 {:.1f} kg，差 {:+.1f} kg", m.quantity_kg, st.kg, m.quantity_kg - st.kg);
          report.anomalies.push_back(std::move(a));
        }
        if (in_period) st.row.counted_kg = m.quantity_kg;
        st.kg = m.quantity_kg;
        st.counted = true;
        st.last = -1;
        break;
      }
    }
    if (m.kind != MovementKind::kCounted) {
      since[i] = st.last;
      st.last = static_cast<std::int32_t>(i);
    }
    if (m.at_us < o.from_us) st.row.opening_kg = st.kg;

    // Licences at the time of the movement.
    if (in_period && (m.kind == MovementKind::kProduced || m.kind == MovementKind::kCounted)) {
      CHEMSAFE_ASSIGN_OR_RETURN(bool ok, licensed(m.party, m.at_us));
      if (!ok) {
        report.anomalies.push_back({AnomalyKind::kCustodyWithoutLicence, text(m.party), "", text(m.chemical), text(m.site), "",
                                    m.quantity_kg, m.at_us, {m.event},
                                    fmt::format("{} 持有 {:.1f} kg 时无有效的许可证或备案", text(m.party), m.quantity_kg), ""});
      }
    }
    if (m.kind == MovementKind::kShipped || m.kind == MovementKind::kReceived) {
      std::uint32_t* slot = &first_shipment[m.shipment_key];
      while (*slot != kNone && shipments[*slot].chemical != m.chemical) slot = &next_shipment[*slot];
      std::uint32_t at = *slot;
      if (at == kNone) {
        at = *slot = static_cast<std::uint32_t>(shipments.size());
        shipments.push_back({m.shipment_key, m.chemical, {}, {}});
        next_shipment.push_back(kNone);  // may move next_shipment: `slot` is not used after this
      }
      Shipment& shipment = shipments[at];
      Side& side = m.kind == MovementKind::kShipped ? shipment.shipped : shipment.received;
      side.kg += m.quantity_kg;
      if (side.last < 0) {
        side.at_us = m.at_us;
        side.party = m.party;
        side.counterparty = m.counterparty;
        side.chemical = m.chemical;
      }
      in_side[i] = side.last;
      side.last = static_cast<std::int32_t>(i);
    }
    if (m.kind == MovementKind::kShipped && in_period) {
      CHEMSAFE_ASSIGN_OR_RETURN(bool ok, licensed(m.counterparty, m.at_us));
      const store::BlacklistEntry* barred = blacklist.empty() ? nullptr : listed(text(m.counterparty), date_of(m.at_us));
      if (!ok || barred != nullptr) {
        std::string why = ok ? "" : "买方在销售之日无有效的许可证、购买许可或备案";
        if (barred != nullptr) {
          why += fmt::format("{}买方自 {} 起列入黑名单（{}：{}）", why.empty() ? "" : "；", barred->listed_on, barred->authority,
                             barred->reason);
        }
        report.anomalies.push_back({AnomalyKind::kUnlicensedSale, text(m.party), text(m.counterparty), text(m.chemical),
                                    text(m.site), text(m.shipment_key), m.quantity_kg, m.at_us, {m.event},
                                    fmt::format("售予 {} 的 {:.1f} kg：{}", text(m.counterparty), m.quantity_kg, why), ""});
      }
      const std::int64_t recorded_us = m.recorded_us != 0 ? m.recorded_us : m.at_us;
      const bool overdue = recorded_us - m.at_us > filing_us;
      if (overdue) {
        report.anomalies.push_back({AnomalyKind::kFilingOverdue, text(m.party), text(m.counterparty), text(m.chemical),
                                    text(m.site), text(m.shipment_key), m.quantity_kg, m.at_us, {m.event},
                                    fmt::format("销售后 {:.1f} 天才记录（应在 {} 日内备案）",
                                                static_cast<double>(recorded_us - m.at_us) / static_cast<double>(kDayUs),
                                                o.filing_days), ""});
      }
      report.filings.push_back({text(m.party), text(m.counterparty), text(m.chemical), text(m.shipment_key), m.quantity_kg,
                                m.at_us, recorded_us, overdue, m.event});
    }
  }

  // Shipments against receipts.
  for (const Shipment& sh : shipments) {
    const std::string& key = text(sh.key);
    const bool shipped_seen = sh.shipped.last >= 0, received_seen = sh.received.last >= 0;
    const bool shipped_in = shipped_seen && sh.shipped.at_us >= o.from_us && sh.shipped.at_us < to_us;
    const bool received_in = received_seen && sh.received.at_us >= o.from_us && sh.received.at_us < to_us;
    if (!shipped_in && !received_in) continue;
    auto events = [&] {
      std::vector<std::int64_t> out;
      chain(in_side, sh.shipped.last, out);
      chain(in_side, sh.received.last, out);
      return out;
    };
    if (shipped_seen && !received_seen) {
      if (now_us - sh.shipped.at_us > o.receive_within_days * kDayUs) {
        report.anomalies.push_back({AnomalyKind::kNotReceived, text(sh.shipped.party), text(sh.shipped.counterparty),
                                    text(sh.shipped.chemical), "", key, sh.shipped.kg, sh.shipped.at_us, events(),
                                    fmt::format("{:.1f} kg 发往 {}，{} 天内未见收货", sh.shipped.kg, text(sh.shipped.counterparty),
                                                o.receive_within_days), ""});
      }
      continue;
    }
    if (!shipped_seen) {
      report.anomalies.push_back({AnomalyKind::kReceiptWithoutShipment, text(sh.received.counterparty), text(sh.received.party),
                                  text(sh.received.chemical), "", key, sh.received.kg, sh.received.at_us, events(),
                                  fmt::format("{} 收货 {:.1f} kg，无对应的发货记录", text(sh.received.party), sh.received.kg), ""});
      continue;
    }
    if (differ(sh.shipped.kg, sh.received.kg)) {
      report.anomalies.push_back({AnomalyKind::kQuantityMismatch, text(sh.shipped.party), text(sh.shipped.counterparty),
                                  text(sh.shipped.chemical), "", key, sh.received.kg - sh.shipped.kg, sh.received.at_us, events(),
                                  fmt::format("发货 {:.1f} kg，收货 {:.1f} kg", sh.shipped.kg, sh.received.kg), ""});
    }
    if (sh.received.at_us < sh.shipped.at_us) {
      report.anomalies.push_back({AnomalyKind::kOutOfOrder, text(sh.shipped.party), text(sh.shipped.counterparty),
                                  text(sh.shipped.chemical), "", key, sh.shipped.kg, sh.received.at_us, events(),
                                  "收货时间早于发货时间", ""});
    }
  }

  for (Stock& st : stocks) {
    if (st.row.produced_kg + st.row.received_kg + st.row.shipped_kg + st.row.used_kg + st.row.destroyed_kg == 0 &&
        !st.row.counted_kg && st.row.opening_kg == 0) {
      continue;
    }
    st.row.closing_kg = st.row.opening_kg + st.row.produced_kg + st.row.received_kg - st.row.shipped_kg - st.row.used_kg -
                        st.row.destroyed_kg;
    report.balance.push_back(std::move(st.row));
  }
  std::sort(report.balance.begin(), report.balance.end(), [](const BalanceRow& a, const BalanceRow& b) {
    return std::tie(a.party, a.site, a.chemical) < std::tie(b.party, b.site, b.chemical);
  });
  std::stable_sort(report.anomalies.begin(), report.anomalies.end(),
                   [](const Anomaly& a, const Anomaly& b) { return a.at_us < b.at_us; });
  for (Anomaly& a : report.anomalies) {
    a.key = audit::Sm3Hex(fmt::format("{}|{}|{}|{}|{}|{}|{}", AnomalyKindCode(a.kind), a.party, a.counterparty,
                                      a.chemical, a.site, a.shipment_key, a.at_us))
                .substr(0, 32);
  }
  return report;
}

}  // namespace chemsafe::service
