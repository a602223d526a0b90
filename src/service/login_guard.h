// What stands between an anonymous client and the password check: attempts counted per source
// address and per typed username (known or not, so the answers never tell which names exist),
// reserved before the hash runs; trusted-device tokens that let the real user in while their
// name is being guessed elsewhere; and keyed hashes of typed names for the audit log, so a
// password typed into the name field is never stored.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "common/ids.h"
#include "storage/store.h"

namespace binhdang::service {

struct LoginLimits {
  int user_attempts = 5;      // per typed username and window, unless from a trusted device
  int address_attempts = 30;  // per source address and window (offices share one address)
  int64_t window_ms = 15LL * 60 * 1000;
  int64_t device_ms = 180LL * 24 * 3600 * 1000;  // how long a trusted-device token lasts
};

class LoginGuard {
 public:
  LoginGuard(storage::Store& store, LoginLimits limits = {}) : store_(store), limits_(limits) {}

  const LoginLimits& limits() const { return limits_; }
  //! The throttle key of a typed username (lower-cased by the caller).
  std::string UserKey(const std::string& username);
  static std::string AddressKey(const std::string& address) { return "a:" + address; }
  //! How an unknown typed username appears in the audit log: "?" and 16 hex digits.
  std::string AuditName(const std::string& username);
  //! A token that marks this browser as one the user signed in from.
  std::string DeviceToken(Id user_id, int64_t now_ms);
  bool TrustedDevice(const std::string& token, Id user_id, int64_t now_ms);

 private:
  //! The server secret behind the keyed hashes, shared by every server through the database.
  const std::string& Secret();
  std::string Mac(const std::string& what);

  storage::Store& store_;
  LoginLimits limits_;
  std::once_flag loaded_;
  std::string secret_;
};

}  // namespace binhdang::service
