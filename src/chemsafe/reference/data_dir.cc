#include "chemsafe/reference/data_dir.h"

#include <cstdlib>

namespace chemsafe::reference {

std::string DataDir() {
  if (const char* env = std::getenv("CHEMSAFE_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return CHEMSAFE_DEFAULT_DATA_DIR;
}

}  // namespace chemsafe::reference
