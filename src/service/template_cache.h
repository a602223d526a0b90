// Parsed report templates by id, shared by the requests of one server. A template row is never
// updated (saving a template inserts its next version), so a parsed version stays right for as
// long as the server runs and servers sharing a database need no invalidation: only which id
// is a code's latest is asked of the database each time. Holds one entry per version read —
// bounded by the rows of report_templates. Thread-safe.
#pragma once

#include <soci/soci.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "common/mutex.h"
#include "domain/report_template.h"
#include "storage/reports_repo.h"

namespace binhdang::service {

class TemplateCache {
 public:
  using Ptr = std::shared_ptr<const domain::ReportTemplate>;

  //! Version `id`, parsed on first use; null when there is no such template.
  Ptr Get(soci::session& sql, Id id) {
    {
      MutexLock lock(mu_);
      auto it = by_id_.find(id);
      if (it != by_id_.end()) return it->second;
    }
    auto t = storage::TemplatesRepo(sql).Get(id);
    if (!t) return nullptr;
    auto parsed = std::make_shared<const domain::ReportTemplate>(std::move(*t));
    MutexLock lock(mu_);
    return by_id_.emplace(id, std::move(parsed)).first->second;
  }

  //! The highest version of `code`; null when there is none.
  Ptr Latest(soci::session& sql, const std::string& code) {
    auto id = storage::TemplatesRepo(sql).LatestId(code);
    return id ? Get(sql, *id) : nullptr;
  }

 private:
  Mutex mu_;
  std::map<Id, Ptr> by_id_ GUARDED_BY(mu_);
};

}  // namespace binhdang::service
