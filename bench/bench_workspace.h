// What every benchmark of bench/ sets up: a work folder (given, or a temp folder removed at the end), the
// shipped reference data (divisions, catalogue) and an SQLite registry in the folder.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/ids.h"
#include "chemsafe/reference/catalogue_files.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/divisions.h"
#include "chemsafe/store/registry_store.h"

namespace chemsafe::bench {

class Workspace {
 public:
  // `dir_arg`: the work folder, or nullptr for a new temp folder named after `name`, removed at the end.
  Workspace(const char* name, const char* dir_arg) {
    if (dir_arg != nullptr) {
      dir_ = dir_arg;
      std::filesystem::create_directories(dir_);
    } else {
      std::string tmpl = (std::filesystem::temp_directory_path() / (std::string(name) + "-XXXXXX")).string();
      dir_ = mkdtemp(tmpl.data());
      remove_ = true;
    }
  }
  ~Workspace() {
    if (remove_) std::filesystem::remove_all(dir_);
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // Loads the reference data and opens dir/bench.db.
  Status Open() {
    const std::string data_dir = reference::DataDir();
    auto d = reference::LoadDivisionTable(data_dir);
    if (!d.ok()) return d.status();
    divisions = std::move(d).value();
    auto c = reference::LoadCatalogue(data_dir);
    if (!c.ok()) return c.status();
    catalogue = std::move(c).value();
    auto s = store::OpenSqlite(db());
    if (!s.ok()) return s.status();
    registry = std::move(s).value();
    return Status::Ok();
  }

  std::string path(const std::string& file) const { return (dir_ / file).string(); }
  std::string db() const { return path("bench.db"); }

  DivisionTable divisions;
  catalogue::Catalogue catalogue;
  std::unique_ptr<store::RegistryStore> registry;

 private:
  std::filesystem::path dir_;
  bool remove_ = false;
};

inline int Die(const char* bench, const Status& s) {
  std::cerr << bench << ": " << s.ToString() << "\n";
  return 1;
}

}  // namespace chemsafe::bench
