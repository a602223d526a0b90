// argon2id on a small pool of its own. Hashing a password costs tens of milliseconds of a core
// on purpose; run on the request threads, a few anonymous clients looping logins would hold
// every one of them. Here at most `workers` hashes run at once and at most `queue_limit` wait;
// a request beyond that is refused at once (the caller answers 503 with Retry-After), so the
// request threads that wait on a hash are bounded and the others keep serving.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/mutex.h"

namespace binhdang::service {

class PasswordHasher {
 public:
  struct Options {
    size_t workers = 0;      // 0: half the cores, at least 1
    size_t queue_limit = 0;  // 0: twice the workers
    bool fast = false;       // libsodium's minimum costs (tests and benchmarks)
  };
  PasswordHasher() : PasswordHasher(Options{}) {}
  explicit PasswordHasher(Options options);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  //! Whether `password` matches `hash`; nullopt when the pool is full (nothing was checked).
  std::optional<bool> Verify(const std::string& password, const std::string& hash);
  //! A new argon2id hash; nullopt when the pool is full.
  std::optional<std::string> Hash(const std::string& password);

  //! New argon2id hashes of many passwords at the same costs, on `threads` threads of their own
  //! (0: every core), for a bulk import: the pool's workers keep serving sign-ins meanwhile.
  //! One batch runs at a time; a second waits for the first.
  std::vector<std::string> HashAll(const std::vector<std::string>& passwords, size_t threads = 0);

  //! The most hashes that ever ran at once, and how many requests were refused (for tests
  //! and /metrics).
  size_t max_running() const;
  size_t refused() const;

 private:
  //! Runs `job` on a worker and waits for it; false when the queue is full.
  bool Run(std::function<void()> job) EXCLUDES(mu_);
  void Work() EXCLUDES(mu_);

  Options options_;
  mutable Mutex mu_;
  std::condition_variable_any ready_;
  std::deque<std::function<void()>*> queue_ GUARDED_BY(mu_);
  size_t running_ GUARDED_BY(mu_) = 0;
  size_t max_running_ GUARDED_BY(mu_) = 0;
  size_t refused_ GUARDED_BY(mu_) = 0;
  bool stopping_ GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
  Mutex batch_mu_;  // one HashAll at a time
};

}  // namespace binhdang::service
