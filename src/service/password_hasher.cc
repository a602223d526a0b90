#include "service/password_hasher.h"

#include <algorithm>
#include <atomic>
#include <future>

#include "common/crypto.h"

namespace binhdang::service {

PasswordHasher::PasswordHasher(Options options) : options_(options) {
  if (options_.workers == 0) {
    options_.workers = std::max<size_t>(1, std::thread::hardware_concurrency() / 2);
  }
  if (options_.queue_limit == 0) options_.queue_limit = 2 * options_.workers;
  for (size_t i = 0; i < options_.workers; ++i) threads_.emplace_back([this] { Work(); });
}

PasswordHasher::~PasswordHasher() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

bool PasswordHasher::Run(std::function<void()> job) {
  std::promise<void> done;
  std::function<void()> task = [&] {
    try {
      job();
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  };
  {
    MutexLock lock(mu_);
    // Waiting and running together: a full pool refuses rather than queueing without bound.
    if (stopping_ || queue_.size() + running_ >= options_.workers + options_.queue_limit) {
      ++refused_;
      return false;
    }
    queue_.push_back(&task);
  }
  ready_.notify_one();
  done.get_future().get();  // rethrows what the job threw
  return true;
}

void PasswordHasher::Work() {
  for (;;) {
    std::function<void()>* task = nullptr;
    {
      MutexLock lock(mu_);
      while (!stopping_ && queue_.empty()) ready_.wait(mu_);
      if (queue_.empty()) return;  // stopping, nothing left
      task = queue_.front();
      queue_.pop_front();
      ++running_;
      max_running_ = std::max(max_running_, running_);
    }
    (*task)();
    MutexLock lock(mu_);
    --running_;
  }
}

std::optional<bool> PasswordHasher::Verify(const std::string& password, const std::string& hash) {
  bool match = false;
  if (!Run([&] { match = crypto::VerifyPassword(password, hash); })) return std::nullopt;
  return match;
}

std::vector<std::string> PasswordHasher::HashAll(const std::vector<std::string>& passwords,
                                                 size_t threads) {
  MutexLock batch(batch_mu_);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::max<size_t>(1, std::min(threads, passwords.size()));
  std::vector<std::string> out(passwords.size());
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  Mutex failure_mu;
  auto work = [&] {
    try {
      for (size_t i; (i = next.fetch_add(1)) < passwords.size();) {
        out[i] = crypto::HashPassword(passwords[i], options_.fast);
      }
    } catch (...) {
      MutexLock lock(failure_mu);
      failure = std::current_exception();
      next = passwords.size();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return out;
}

std::optional<std::string> PasswordHasher::Hash(const std::string& password) {
  std::string out;
  if (!Run([&] { out = crypto::HashPassword(password, options_.fast); })) return std::nullopt;
  return out;
}

size_t PasswordHasher::max_running() const {
  MutexLock lock(mu_);
  return max_running_;
}

size_t PasswordHasher::refused() const {
  MutexLock lock(mu_);
  return refused_;
}

}  // namespace binhdang::service
