// The audit log (nhật ký): append-only, each entry chained to the previous by hash.
#pragma once

#include <string>

#include "common/ids.h"

namespace binhdang::domain {

struct AuditEntry {
  Id id = 0;
  int64_t at_ms = 0;
  Id user_id = 0;  // 0 when unknown (failed login of an unknown name)
  std::string username;
  std::string action;       // "session.login", "unit.create", "user.update", ...
  std::string object_type;  // "unit", "user", "plan", ...
  std::string object_id;
  Id unit_id = 0;
  std::string address;  // client IP
  std::string outcome;  // "ok", "denied", "failed"
  std::string detail;   // short JSON or text
  std::string prev_hash;
  std::string hash;
};

//! The hash that chains `entry` to `prev_hash`: BLAKE2b-256 over the previous hash and every
//! field except `id` and `hash`, length-prefixed so that no two entries serialise alike.
std::string ChainHash(const AuditEntry& entry, const std::string& prev_hash);

}  // namespace binhdang::domain
