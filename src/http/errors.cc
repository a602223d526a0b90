#include "http/errors.h"

namespace binhdang::http {

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kInvalidJson:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kInvalidCredentials:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kCsrf:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

const char* CodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kInvalidJson:
      return "invalid_json";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kInvalidCredentials:
      return "invalid_credentials";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kCsrf:
      return "csrf";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnsupportedMedia:
      return "unsupported_media_type";
    case ErrorCode::kTooManyRequests:
      return "too_many_attempts";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Response ErrorResponse(const Error& e, bool english) {
  nlohmann::json details = nlohmann::json::array();
  for (const auto& d : e.details) {
    details.push_back({{"field", d.field}, {"message", d.message.In(english)}});
  }
  nlohmann::json err = {
      {"code", CodeName(e.code)}, {"message", e.message.In(english)}, {"details", details}};
  if (e.code == ErrorCode::kConflict && e.current_version > 0) {
    err["current_version"] = e.current_version;
  }
  if (e.retry_after_s > 0) err["retry_after_s"] = e.retry_after_s;
  Response r = Response::Json({{"error", err}}, StatusOf(e.code));
  if (e.retry_after_s > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s));
  return r;
}

}  // namespace binhdang::http
