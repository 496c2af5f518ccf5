// Loader of the physical-property tables shipped in data/physchem/ (data/PROVENANCE.md, physchem/).
// Reads files; thread-compatible.
#pragma once

#include <map>
#include <string>

#include "chemsafe/core/result.h"
#include "chemsafe/physchem/vapor_pressure.h"

namespace chemsafe::reference {

// The DIPPR 101 vapour-pressure constants of Perry's Table 2-8 by CAS number, from the tab-separated
// file `path` (header CAS, Chemical, C1…C5, Tmin, Tmax; IANA text/tab-separated-values: no quoting).
// Checks the header, every CAS number (check digit) and every number; errors name file:row:column.
Result<std::map<std::string, physchem::Dippr101>> LoadDippr101VaporPressures(const std::string& path);

// The file of data/ that holds them.
inline constexpr const char* kDippr101File = "physchem/perry_2-8_dippr101_vapor_pressure.tsv";

}  // namespace chemsafe::reference
