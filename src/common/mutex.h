// A mutex the compiler checks (leveldb's port::Mutex idea): members marked GUARDED_BY(mu_) may
// only be touched while mu_ is held, and clang's -Wthread-safety proves it at compile time
// (scripts/check-thread-safety.sh, run by `make test`). With g++ the annotations are empty.
#pragma once

#include <mutex>

#if defined(__clang__)
#define BD_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define BD_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) BD_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY BD_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) BD_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) BD_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) BD_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) BD_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) BD_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) BD_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) BD_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS BD_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace binhdang {

class CAPABILITY("mutex") Mutex {
 public:
  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  bool try_lock() TRY_ACQUIRE(true) { return mu_.try_lock(); }

 private:
  std::mutex mu_;
};

//! Holds a Mutex for its scope.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

}  // namespace binhdang
