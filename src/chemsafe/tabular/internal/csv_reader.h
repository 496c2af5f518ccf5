// The CSV reader with its tuning knobs (module-private; OpenCsv uses the defaults). Tests use the
// knobs to check that the quick path for lines without quotes reads exactly what libcsv reads, across
// block boundaries.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "chemsafe/core/result.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::tabular::internal {

struct CsvReaderOptions {
  std::size_t block_bytes = std::size_t{1} << 20;  // Default: read 1 MiB at a time
  // Default: split lines that hold no quote character directly; off, every byte goes through libcsv.
  bool split_plain_lines = true;
};

Result<std::unique_ptr<TableReader>> OpenCsv(const std::string& path, const CsvReaderOptions& options);

}  // namespace chemsafe::tabular::internal
