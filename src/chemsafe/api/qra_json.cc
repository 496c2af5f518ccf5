#include "chemsafe/api/qra_json.h"

namespace chemsafe::api {
namespace {

using Json = nlohmann::ordered_json;

std::string ActionLabel(std::string_view action) {
  if (action == "close") return "关闭";
  if (action == "relocate") return "搬迁";
  if (action == "convert") return "转产";
  if (action == "measures") return "限期整改";
  return "保留";
}

// The stored detail of a row (service::EnterpriseQraJson); an empty object when it cannot be read.
Json Detail(const store::QraEnterpriseRecord& row) {
  Json d = Json::parse(row.detail, nullptr, false);
  return d.is_object() ? d : Json::object();
}

// `into` with the row's outcome: action, batch, worst ratio, PLL, number of exceedances.
Json WithOutcome(Json into, const store::QraEnterpriseRecord& row) {
  into["action"] = row.action;
  into["action_label"] = ActionLabel(row.action);
  into["batch"] = row.batch;
  into["worst_ratio"] = row.worst_ratio;
  into["pll_per_yr"] = row.pll_per_yr;
  into["exceedance_count"] = row.exceedance_count;
  return into;
}

Json HistoryJson(const store::QraEnterpriseRecord& row, const store::QraRunRecord& run) {
  return WithOutcome(Json{{"run_id", row.run_id}, {"run_at", run.run_at}, {"input_digest", run.input_digest}}, row);
}

}  // namespace

Json QraRunJson(const store::QraRunRecord& run) {
  const Json summary = Json::parse(run.summary, nullptr, false);
  auto count = [&](const char* key) -> Json {
    return summary.is_object() && summary.contains(key) ? summary[key] : Json(nullptr);
  };
  return Json{{"id", run.id},
              {"run_at", run.run_at},
              {"method", run.method},
              {"input_digest", run.input_digest},
              {"scope", run.scope},
              {"new_installations", run.new_installations},
              {"synthetic_weather", run.synthetic_weather},
              {"installations", count("installations")},
              {"scenarios", count("scenarios")},
              {"outcomes", count("outcomes")},
              {"targets_checked", count("targets_checked")},
              {"max_ir_per_yr", count("max_ir_per_yr")},
              {"seconds", count("seconds")},
              {"enterprises", count("enterprises")},
              {"listed", count("listed")},
              {"targets_over", count("targets_over")},
              {"skipped", summary.is_object() && summary.contains("skipped") ? summary["skipped"].size() : 0}};
}

Json RelocationListJson(const service::RelocationList& list,
                        const std::function<std::string(const std::string&)>& division_name) {
  Json items = Json::array();
  for (const auto& row : list.rows.items) {
    const Json d = Detail(row);
    Json item = WithOutcome(Json{{"rank", row.rank},
                                 {"enterprise_id", row.enterprise_id},
                                 {"uscc", d.value("uscc", "")},
                                 {"name", d.value("name", "")},
                                 {"division_code", row.division_code},
                                 {"division_name", division_name(row.division_code)},
                                 {"park_code", d.value("park_code", "")}},
                            row);
    item["reasons"] = d.contains("reasons") ? d["reasons"] : Json::array();
    item["fn_verdict"] = d.value("fn_verdict", "");
    item["fn_provisional"] = d.value("fn_provisional", true);
    items.push_back(std::move(item));
  }
  Json by_action = Json::object();
  for (std::string_view a : {"close", "relocate", "convert", "measures", "keep"}) {
    auto it = list.by_action.find(std::string(a));
    by_action[std::string(a)] = it == list.by_action.end() ? 0 : it->second;
  }
  return Json{{"run", list.run ? QraRunJson(*list.run) : Json(nullptr)},
              {"items", std::move(items)},
              {"total", list.rows.total},
              {"page", list.rows.page},
              {"page_size", list.rows.page_size},
              {"by_action", std::move(by_action)}};
}

Json EnterpriseQraViewJson(const service::EnterpriseQraView& view) {
  Json latest = nullptr;
  if (!view.history.empty() && view.run) {
    const auto& row = view.history.front();
    const Json d = Detail(row);
    latest = WithOutcome(Json{{"run", QraRunJson(*view.run)}, {"rank", row.rank}}, row);
    for (const char* key : {"units", "exceedances", "reasons", "fn_curve"}) {
      latest[key] = d.contains(key) ? d[key] : Json::array();
    }
    latest["fn_verdict"] = d.value("fn_verdict", "");
    latest["fn_provisional"] = d.value("fn_provisional", true);
    latest["fn_worst_ratio"] = d.value("fn_worst_ratio", 0.0);
  }
  Json history = Json::array();
  for (std::size_t k = 0; k < view.history.size() && k < view.history_runs.size(); ++k) {
    history.push_back(HistoryJson(view.history[k], view.history_runs[k]));
  }
  return Json{{"enterprise_id", view.enterprise_id}, {"latest", std::move(latest)}, {"history", std::move(history)}};
}

}  // namespace chemsafe::api
