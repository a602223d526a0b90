// Signing in and out, and recognising a signed-in request. Sessions live in the database so
// any server can answer any request.
#pragma once

#include <string>

#include "service/context.h"
#include "service/login_guard.h"
#include "service/password_hasher.h"
#include "service/session_cache.h"
#include "storage/store.h"

namespace binhdang::service {

struct SessionPolicy {
  int64_t idle_ms = 2LL * 3600 * 1000;       // signed out after 2 hours without a request
  int64_t absolute_ms = 12LL * 3600 * 1000;  // and 12 hours after signing in, whatever
};

struct SignedIn {
  domain::User user;
  std::string token;         // goes in the cookie; only its hash is stored
  std::string csrf_token;    // goes in the X-CSRF-Token header
  std::string device_token;  // marks the browser as trusted for this user (its own cookie)
};

struct Authenticated {
  domain::User user;
  std::string csrf_token;
};

//! What a sign-in attempt brings besides the name and password.
struct LoginContext {
  std::string address;       // client address
  std::string device_token;  // the trusted-device cookie, if the browser has one
};

class SessionsService {
 public:
  //! `cache` holds recently checked sessions; it is shared with UsersService, which clears it
  //! when it changes a user.
  SessionsService(storage::Store& store, PasswordHasher& hasher, LoginGuard& guard,
                  SessionCache& cache, SessionPolicy policy = {});

  //! Checks the password. Every attempt goes to the audit log (an unknown name as a keyed
  //! hash). Errors: kInvalidCredentials (unknown user, wrong password, inactive user —
  //! indistinguishable, with the attempts left in details); kTooManyRequests with Retry-After
  //! when the address or the typed name used up its attempts (the same for names that exist
  //! and names that do not; a trusted device is not held back by its name's count);
  //! kUnavailable when the password pool is full. No database connection is held while the
  //! password is hashed.
  Result<SignedIn> Login(const std::string& username, const std::string& password,
                         const LoginContext& context);
  //! The user of a session token, or kUnauthenticated when it is unknown or expired. Reads
  //! the database at most once per cache TTL (one second) per session: a session ended, a user
  //! deactivated or a role changed on another server is seen here within that time, and at
  //! once when it happened on this server.
  Result<Authenticated> Authenticate(const std::string& token);
  void Logout(const std::string& token, const Caller& caller);

 private:
  storage::Store& store_;
  PasswordHasher& hasher_;
  LoginGuard& guard_;
  SessionCache& cache_;
  SessionPolicy policy_;
  std::string dummy_hash_;  // checked for unknown names so timing tells nothing
};

//! Errors shared by the places that hash passwords.
Error PasswordPoolFull();

}  // namespace binhdang::service
