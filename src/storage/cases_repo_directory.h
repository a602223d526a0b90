// The service directory's providers (domain/case_directory.h). Search is by folded name,
// type and the units a provider serves; who may see a street address is the service's rule.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/case_directory.h"

namespace binhdang::storage {

class ProvidersRepo {
 public:
  explicit ProvidersRepo(soci::session& sql) : sql_(sql) {}

  Id Insert(const domain::Provider& p, int64_t now_ms);
  std::optional<domain::Provider> Get(Id id);
  //! Every active provider (inactive too with `include_inactive`), by name. The directory is
  //! small (thousands at most); the service filters by unit subtree and folded text.
  std::vector<domain::Provider> All(bool include_inactive = false);
  //! Replaces every field when the stored version is p.version; false when it is not.
  bool Update(const domain::Provider& p, int64_t now_ms);
  long long Count();

 private:
  soci::session& sql_;
};

}  // namespace binhdang::storage
