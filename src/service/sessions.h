// Signing in and out, and recognising a signed-in request. Sessions live in the database so
// any server can answer any request.
#pragma once

#include <string>

#include "service/context.h"
#include "storage/store.h"

namespace binhdang::service {

struct SessionPolicy {
  int64_t idle_ms = 2LL * 3600 * 1000;       // signed out after 2 hours without a request
  int64_t absolute_ms = 12LL * 3600 * 1000;  // and 12 hours after signing in, whatever
  int max_failures = 5;                      // failed logins in a row before a lock
  int64_t lock_ms = 15LL * 60 * 1000;        // how long the lock lasts
};

struct SignedIn {
  domain::User user;
  std::string token;       // goes in the cookie; only its hash is stored
  std::string csrf_token;  // goes in the X-CSRF-Token header
};

struct Authenticated {
  domain::User user;
  std::string csrf_token;
};

class SessionsService {
 public:
  SessionsService(storage::Store& store, SessionPolicy policy = {})
      : store_(store), policy_(policy) {}

  //! Checks the password. Every attempt goes to the audit log. Errors: kInvalidCredentials
  //! (unknown user, wrong password, inactive user — indistinguishable), kLocked with the time
  //! the lock ends in details[0] ("locked_until").
  Result<SignedIn> Login(const std::string& username, const std::string& password,
                         const std::string& address);
  //! The user of a session token, or kUnauthenticated when it is unknown or expired.
  Result<Authenticated> Authenticate(const std::string& token);
  void Logout(const std::string& token, const Caller& caller);

 private:
  storage::Store& store_;
  SessionPolicy policy_;
};

}  // namespace binhdang::service
