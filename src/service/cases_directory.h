// The public service directory (danh bạ dịch vụ hỗ trợ): searched without signing in; kept by
// administrators (everywhere) and unit administrators (providers serving their subtree). The
// street address of a shelter or a trusted address is given to case workers and supervisors
// only; everyone else gets how to reach it. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/case_directory.h"
#include "service/context.h"
#include "service/unit_directory.h"
#include "storage/store.h"

namespace binhdang::service {

struct ProviderQuery {
  std::string q;     // words of the name, folded (diacritics and case ignored)
  Id unit_id = 0;    // near this unit: nationwide, its own and its ancestors', and its subtree's
  std::string type;  // a kProviderTypes code, or ""
  //! Also providers no longer active — only those the caller may manage (to reactivate them).
  bool include_inactive = false;
};

class ProvidersService {
 public:
  ProvidersService(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory) {}

  //! Anyone, signed in or not. Providers serving `unit` come first, then its ancestors', then
  //! nationwide ones.
  Result<Page<domain::Provider>> Search(const Caller& caller, const ProviderQuery& query,
                                        const PageRequest& page);
  Result<domain::Provider> Get(const Caller& caller, Id id);
  Result<domain::Provider> Create(const Caller& caller, domain::Provider in);
  Result<domain::Provider> Update(const Caller& caller, domain::Provider in);

  //! Seeds the directory from `path` (resources/directory/providers.json) when it is empty.
  Status SeedIfEmpty(const std::string& path);

 private:
  bool MayManage(const Caller& caller, Id unit_id);
  //! The provider as `caller` may see it (street address hidden where it must be).
  domain::Provider Shown(const Caller& caller, domain::Provider p);

  storage::Store& store_;
  UnitDirectory& directory_;
};

}  // namespace binhdang::service
