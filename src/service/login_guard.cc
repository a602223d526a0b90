#include "service/login_guard.h"

#include <charconv>

#include "common/crypto.h"
#include "storage/users_repo.h"

namespace binhdang::service {

const std::string& LoginGuard::Secret() {
  std::call_once(loaded_, [this] {
    auto sql = store_.Lease();
    storage::Transaction tx(*sql, store_);
    secret_ = storage::UsersRepo(*sql).MetaValueOr("auth_secret", crypto::RandomToken(32));
    tx.Commit();
  });
  return secret_;
}

std::string LoginGuard::Mac(const std::string& what) {
  return crypto::KeyedHashHex(Secret(), what);
}

std::string LoginGuard::UserKey(const std::string& username) {
  return "u:" + Mac("user|" + username).substr(0, 32);
}

std::string LoginGuard::AuditName(const std::string& username) {
  return "?" + Mac("audit|" + username).substr(0, 16);
}

std::string LoginGuard::DeviceToken(Id user_id, int64_t now_ms) {
  const std::string body = std::to_string(user_id) + "." + std::to_string(now_ms);
  return body + "." + Mac("device|" + body).substr(0, 32);
}

bool LoginGuard::TrustedDevice(const std::string& token, Id user_id, int64_t now_ms) {
  const size_t a = token.find('.');
  const size_t b = a == std::string::npos ? a : token.find('.', a + 1);
  if (b == std::string::npos || token.size() > 100) return false;
  const std::string body = token.substr(0, b);
  if (!crypto::Equal(token.substr(b + 1), Mac("device|" + body).substr(0, 32))) return false;
  long long uid = 0, issued = 0;
  const char* s = token.data();
  if (std::from_chars(s, s + a, uid).ec != std::errc() ||
      std::from_chars(s + a + 1, s + b, issued).ec != std::errc()) {
    return false;
  }
  return uid == user_id && issued <= now_ms && now_ms - issued < limits_.device_ms;
}

}  // namespace binhdang::service
