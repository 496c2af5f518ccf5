// Where chemsafe finds its shipped reference data (data/ with PROVENANCE.md).
#pragma once

#include <string>

namespace chemsafe::reference {

// $CHEMSAFE_DATA_DIR when set, else the data/ folder of the source tree the binary was built from.
std::string DataDir();

}  // namespace chemsafe::reference
