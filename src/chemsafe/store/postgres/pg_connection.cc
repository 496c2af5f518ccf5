#include "chemsafe/store/registry_store.h"

namespace chemsafe::store {

Result<std::unique_ptr<RegistryStore>> OpenPostgres(const std::string& url) {
  (void)url;
  return Unavailable("postgres: backend not built yet");
}

}  // namespace chemsafe::store
