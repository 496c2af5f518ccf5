// Golden-case runner for `chemsafe hazard assess` (issue 3 acceptance): one case file per ctest. A case
// is JSON: {"source": "...", "input": {...}, "tolerance": 1e-9, "expect": {"units": [...]}} or
// {"source": ..., "input": ..., "expect_error": "text the error must contain"}. Expected units and
// contributions are matched field by field (fields absent from the expectation are not checked); numbers
// within the case's relative tolerance.
//
// usage: hazard_golden CHEMSAFE_BINARY CASE_FILE
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using Json = nlohmann::json;

struct Output {
  int exit_code = -1;
  std::string out, err;
};

Output RunAssess(const std::string& binary, const std::string& input_path, const std::string& err_path) {
  Output o;
  const std::string cmd = binary + " hazard assess --input '" + input_path + "' 2>'" + err_path + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return o;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) o.out.append(buf.data(), n);
  const int status = pclose(p);
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_path);
  o.err.assign(std::istreambuf_iterator<char>(e), std::istreambuf_iterator<char>());
  return o;
}

int failures = 0;

void Check(bool ok, const std::string& what) {
  if (!ok) {
    ++failures;
    std::cerr << "FAIL " << what << "\n";
  }
}

void Match(const Json& expected, const Json& actual, const std::string& path, double tolerance) {
  if (expected.is_object()) {
    if (!actual.is_object()) return Check(false, path + ": expected an object, got " + actual.dump());
    for (const auto& [k, v] : expected.items()) {
      if (!actual.contains(k)) {
        Check(false, path + "." + k + ": missing in the output");
        continue;
      }
      Match(v, actual.at(k), path + "." + k, tolerance);
    }
  } else if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      return Check(false, path + ": expected " + std::to_string(expected.size()) + " items, got " + actual.dump());
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      Match(expected[i], actual[i], path + "[" + std::to_string(i) + "]", tolerance);
    }
  } else if (expected.is_number()) {
    if (!actual.is_number()) return Check(false, path + ": expected a number, got " + actual.dump());
    const double e = expected.get<double>(), a = actual.get<double>();
    Check(std::abs(a - e) <= tolerance * std::max(1.0, std::abs(e)),
          path + ": expected " + expected.dump() + ", got " + actual.dump());
  } else {
    Check(expected == actual, path + ": expected " + expected.dump() + ", got " + actual.dump());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: hazard_golden CHEMSAFE_BINARY CASE_FILE\n";
    return 2;
  }
  std::ifstream in(argv[2]);
  Json c = Json::parse(in);
  if (!c.contains("source") || !c["source"].is_string() || c["source"].get<std::string>().empty()) {
    std::cerr << argv[2] << ": a case names its source\n";
    return 1;
  }
  char dir_tmpl[] = "/tmp/chemsafe-golden-XXXXXX";
  const std::string dir = mkdtemp(dir_tmpl);
  const std::string input_path = dir + "/input.json", err_path = dir + "/stderr.txt";
  {
    std::ofstream out(input_path);
    if (c["input"].is_string()) out << c["input"].get<std::string>();  // raw text (malformed-JSON cases)
    else out << c["input"].dump();
  }
  Output o = RunAssess(argv[1], input_path, err_path);
  std::remove(input_path.c_str());
  std::remove(err_path.c_str());
  rmdir(dir.c_str());
  if (c.contains("expect_error")) {
    Check(o.exit_code == 1, "exit code: expected 1, got " + std::to_string(o.exit_code));
    Check(o.out.empty(), "stdout must be empty on invalid input, got: " + o.out);
    Check(o.err.find(c["expect_error"].get<std::string>()) != std::string::npos,
          "stderr must contain " + c["expect_error"].dump() + ", got: " + o.err);
  } else {
    Check(o.exit_code == 0, "exit code: expected 0, got " + std::to_string(o.exit_code) + ": " + o.err);
    if (o.exit_code == 0) {
      Json actual = Json::parse(o.out);
      Match(c["expect"], actual, "$", c.value("tolerance", 1e-9));
    }
  }
  if (failures == 0) std::cout << argv[2] << ": ok\n";
  return failures == 0 ? 0 : 1;
}
