#include "domain/audit.h"

#include "common/crypto.h"

namespace binhdang::domain {

std::string ChainHash(const AuditEntry& e, const std::string& prev_hash) {
  std::string buf;
  auto put = [&buf](const std::string& s) {
    buf += std::to_string(s.size());
    buf += ':';
    buf += s;
  };
  put(prev_hash);
  put(std::to_string(e.at_ms));
  put(std::to_string(e.user_id));
  put(e.username);
  put(e.action);
  put(e.object_type);
  put(e.object_id);
  put(std::to_string(e.unit_id));
  put(e.address);
  put(e.outcome);
  put(e.detail);
  return crypto::HashHex(buf);
}

}  // namespace binhdang::domain
