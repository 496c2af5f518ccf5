// Running the chemsafe binary from the CLI end-to-end tests: a shell command's exit code and what it wrote
// on stdout and stderr (through files in the test's own folder, read back after it ends).
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace chemsafe::testing {

struct Outcome {
  int code = -1;  // the exit code; -1 when the command did not exit normally
  std::string out, err;
};

inline Outcome Shell(const std::string& cmd, const std::filesystem::path& dir) {
  const auto out = dir / "out.txt", err = dir / "err.txt";
  const int status = std::system((cmd + " > " + out.string() + " 2> " + err.string()).c_str());
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
}

}  // namespace chemsafe::testing
