// Error policy (see src/README.md): expected failures are values. A service returns
// Result<T>; the HTTP layer maps Error::code to a status and renders the message in the
// request's language. Exceptions are reserved for what aborts a request and are caught once,
// at the handler boundary.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace binhdang {

//! The kinds of expected failure. Each maps to exactly one HTTP status (http/errors.cc).
enum class ErrorCode {
  kInvalidArgument,     // 400: a field is missing, malformed or out of range
  kInvalidJson,         // 400: the body is not JSON or not the expected shape
  kUnauthenticated,     // 401: no valid session
  kInvalidCredentials,  // 401: wrong user name or password
  kForbidden,           // 403: the user may not do this here
  kCsrf,                // 403: missing or wrong CSRF token
  kNotFound,            // 404
  kMethodNotAllowed,    // 405
  kConflict,            // 409: stale version or duplicate
  kPayloadTooLarge,     // 413
  kUnsupportedMedia,    // 415
  kTooManyRequests,     // 429: too many attempts from this source or for this name; Retry-After
  kUnavailable,         // 503: the server is saturated for this kind of work; Retry-After
  kInternal,            // 500: a bug or an unavailable database; never caused by bad input
};

//! A message in Vietnamese (the default) and English.
struct Message {
  std::string vi;
  std::string en;
  const std::string& In(bool english) const { return english && !en.empty() ? en : vi; }
};

//! One problem with one field of the input.
struct FieldError {
  std::string field;
  Message message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  Message message;
  std::vector<FieldError> details;
  //! For kConflict on a versioned object: the version now stored; 0 when not applicable.
  long long current_version = 0;
  //! For kTooManyRequests and kUnavailable: seconds until a retry may succeed (Retry-After).
  long long retry_after_s = 0;

  static Error Invalid(std::string field, std::string vi, std::string en) {
    Error e{ErrorCode::kInvalidArgument,
            {"Dữ liệu không hợp lệ: " + vi, "Invalid input: " + en},
            {},
            0};
    e.details.push_back({std::move(field), {std::move(vi), std::move(en)}});
    return e;
  }
  static Error NotFound(std::string what_vi, std::string what_en) {
    return {ErrorCode::kNotFound, {"Không tìm thấy " + what_vi, what_en + " not found"}, {}, 0};
  }
  static Error Forbidden() {
    return {ErrorCode::kForbidden,
            {"Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this"},
            {},
            0};
  }
  static Error Unauthenticated() {
    return {ErrorCode::kUnauthenticated, {"Bạn cần đăng nhập", "You need to sign in"}, {}, 0};
  }
  static Error StaleVersion(long long current) {
    return {ErrorCode::kConflict,
            {"Dữ liệu đã được người khác thay đổi; hãy tải lại và thử lại",
             "Someone else changed this; reload and try again"},
            {},
            current};
  }
  static Error Conflict(std::string vi, std::string en) {
    return {ErrorCode::kConflict, {std::move(vi), std::move(en)}, {}, 0};
  }
  static Error Internal(std::string what) {
    return {ErrorCode::kInternal, {"Lỗi hệ thống: " + what, "Internal error: " + what}, {}, 0};
  }
};

//! Collects field errors so that a request with several bad fields names all of them.
class Validator {
 public:
  void Fail(std::string field, std::string vi, std::string en) {
    details_.push_back({std::move(field), {std::move(vi), std::move(en)}});
  }
  bool ok() const { return details_.empty(); }
  //! Requires !ok(). Builds one kInvalidArgument error naming every field.
  Error ToError() const;

 private:
  std::vector<FieldError> details_;
};

}  // namespace binhdang
