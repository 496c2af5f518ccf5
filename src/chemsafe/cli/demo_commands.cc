// `chemsafe demo generate --seed N --enterprises N --db PATH`: the synthetic demo province (issue 2 §6).
#include <iostream>
#include <memory>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/cli/internal/store_options.h"
#include "chemsafe/cli/progress.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/service/demo.h"

namespace chemsafe::cli {
namespace {

struct DemoArgs {
  service::DemoOptions options;
  StoreOptions store;
};

int RunDemo(const DemoArgs& args) {
  const std::string data_dir = reference::DataDir();
  auto catalogue = reference::LoadCatalogue(data_dir);
  if (!catalogue.ok()) return Fail(catalogue.status());
  auto store = OpenStore(args.store);
  if (!store.ok()) return Fail(store.status());
  ProgressBar bar("生成演示数据 demo");
  auto report = service::GenerateDemoProvinceFromData(
      args.options, data_dir, **store, [&bar](std::int64_t done, std::int64_t total) { bar.Update(done, total); },
      [&catalogue](std::string_view key) { return catalogue->FindByKey(key) != nullptr; });
  bar.Finish();
  if (!report.ok()) return Fail(report.status());
  std::cout << "generated the synthetic demo province (seed " << args.options.seed << "): " << report->enterprises
            << " enterprises, " << report->units << " units, " << report->holdings << " holdings, "
            << report->protected_targets << " protected targets, " << report->parks
            << " parks — all marked synthetic (演示数据)\n";
  return 0;
}

}  // namespace

void AddDemoCommands(CLI::App& app, CommandContext& ctx) {
  auto* demo = app.add_subcommand("demo", "Synthetic demo data (marked synthetic; not real enterprises)");
  demo->require_subcommand(1);
  auto* gen = demo->add_subcommand("generate", "Generate a deterministic synthetic Guangdong into a database");
  auto args = std::make_shared<DemoArgs>();
  gen->add_option("--seed", args->options.seed, "random seed (same seed, same province)")->capture_default_str();
  gen->add_option("--enterprises", args->options.enterprises, "number of enterprises (1..1,000,000)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  AddStoreOptions(*gen, args->store);
  gen->callback([&ctx, args] { ctx.exit_code = RunDemo(*args); });
}

}  // namespace chemsafe::cli
