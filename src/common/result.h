// Result<T>: a value or an Error. Status is Result<void>.
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "common/error.h"

namespace binhdang {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& take_error() {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT
  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *e_;
  }
  Error&& take_error() {
    assert(!ok());
    return std::move(*e_);
  }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace binhdang

//! Evaluates `expr` (a Result or Status); returns its error from the enclosing function.
#define BD_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    auto bd_status_ = (expr);                             \
    if (!bd_status_.ok()) return bd_status_.take_error(); \
  } while (0)

#define BD_CONCAT_INNER(a, b) a##b
#define BD_CONCAT(a, b) BD_CONCAT_INNER(a, b)
//! `BD_ASSIGN_OR_RETURN(auto x, F());` — x is F()'s value, or the function returns its error.
#define BD_ASSIGN_OR_RETURN(lhs, expr) \
  BD_ASSIGN_OR_RETURN_IMPL(BD_CONCAT(bd_result_, __LINE__), lhs, expr)
#define BD_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.take_error();        \
  lhs = std::move(tmp).value()
