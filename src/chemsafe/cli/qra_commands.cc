// `chemsafe qra model --input FILE|-`: evaluates one model of the qra module (issue 5's CLI contract):
// {"model": NAME, "inputs": {...}} → {"model": NAME, "outputs": {...}}, SI units in the key suffixes.
// Unknown model or a missing, malformed or unknown input: exit 1 and a message naming the key.
// `chemsafe qra model --list`: the models with their one-line summaries and sources.
// `chemsafe qra study --input FILE|- [--geojson FILE]`: a self-contained study in local metres
// (qra/study.h) → the IR grid summary, the risk at the points, the contours' safety distances, F-N and PLL;
// the contours as GeoJSON (local metres) into FILE when asked.
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/qra/study.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/qra_files.h"

namespace chemsafe::cli {
namespace {

struct ModelArgs {
  std::string input;
  bool list = false;
};

int RunModel(const ModelArgs& args) {
  auto data = reference::LoadQraData(reference::DataDir());
  if (!data.ok()) return Fail(data.status());
  auto registry = reference::QraModelRegistry(*data);
  if (!registry.ok()) return Fail(registry.status());
  if (args.list) {
    for (const auto& name : registry->Names()) {
      std::cout << fmt::format("{:<24} {}\n", name, registry->Find(name)->summary);
    }
    return 0;
  }
  if (args.input.empty()) return Fail(InvalidArgument("--input: required (a JSON file, or - for standard input)"));
  auto request = ReadJsonInput(args.input);
  if (!request.ok()) return Fail(request.status());
  auto out = registry->Evaluate(*request);
  if (!out.ok()) return Fail(out.status());
  std::cout << out->dump(2) << "\n";
  return 0;
}

struct StudyArgs {
  std::string input;
  std::string geojson;
};

int RunStudyCommand(const StudyArgs& args) {
  auto data = reference::LoadQraData(reference::DataDir());
  if (!data.ok()) return Fail(data.status());
  auto registry = reference::QraModelRegistry(*data);
  if (!registry.ok()) return Fail(registry.status());
  auto study = ReadJsonInput(args.input);
  if (!study.ok()) return Fail(study.status());
  std::string geojson;
  auto out = qra::RunStudy(*study, *registry, {}, args.geojson.empty() ? nullptr : &geojson);
  if (!out.ok()) return Fail(out.status());
  if (!args.geojson.empty()) {
    std::ofstream f(args.geojson, std::ios::binary | std::ios::trunc);
    if (!(f << geojson) || !f.flush()) return Fail(Unavailable(args.geojson + ": cannot write"));
  }
  std::cout << out->dump(2) << "\n";
  return 0;
}

}  // namespace

void AddQraCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* qra = app.add_subcommand("qra", "Quantitative risk assessment (定量风险评价), GB 36894-2018, GB/T 37243-2019");
  qra->require_subcommand(1);
  auto* model = qra->add_subcommand("model", "Evaluate one consequence or effect model from a JSON request");
  auto args = std::make_shared<ModelArgs>();
  model->add_option("--input", args->input, "JSON file {\"model\", \"inputs\"}, or - for standard input");
  model->add_flag("--list", args->list, "list the models instead");
  model->callback([&ctx, args] { ctx.exit_code = RunModel(*args); });

  auto* study = qra->add_subcommand("study", "Individual and societal risk of a self-contained study (local metres)");
  auto sargs = std::make_shared<StudyArgs>();
  study->add_option("--input", sargs->input, "JSON study file, or - for standard input")->required();
  study->add_option("--geojson", sargs->geojson, "write the risk contours as GeoJSON (local metres) here");
  study->callback([&ctx, sargs] { ctx.exit_code = RunStudyCommand(*sargs); });
}

}  // namespace chemsafe::cli
