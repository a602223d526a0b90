#include "http/api.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <cstdio>

#include "common/crypto.h"
#include "http/compression.h"
#include "http/errors.h"
#include "storage/store.h"

namespace binhdang::http {

Api::Api(service::Services& services, ApiOptions options)
    : services_(services), options_(std::move(options)), static_files_(options_.web_dir) {
  RegisterHealthRoutes(router_, *this);
  RegisterSessionRoutes(router_, *this);
  RegisterUnitRoutes(router_, *this);
  RegisterUserRoutes(router_, *this);
  RegisterAuditRoutes(router_, *this);
  RegisterPlanRoutes(router_, *this);
  RegisterReportRoutes(router_, *this);
  RegisterCalendarRoutes(router_, *this);
  RegisterNotificationRoutes(router_, *this);
  RegisterCaseRoutes(router_, *this);
  RegisterCaseCareRoutes(router_, *this);
  RegisterCaseAccessRoutes(router_, *this);
  RegisterDocumentRoutes(router_, *this);
  RegisterImportRoutes(router_, *this);
  RegisterAnalyticsRoutes(router_, *this);
  RegisterAttachmentRoutes(router_, *this);
  RegisterOpenApiRoutes(router_, *this);
}

namespace {
Response MethodNotAllowed(const Request& req, const std::string& allow) {
  Response r =
      ErrorResponse(Error{ErrorCode::kMethodNotAllowed,
                          {"Phương thức " + req.method + " không dùng được cho địa chỉ này",
                           "Method " + req.method + " is not allowed here"},
                          {},
                          0},
                    req.caller.english);
  r.headers.emplace_back("Allow", allow);
  return r;
}

Response Options(const std::string& allow) {
  Response r = Response::NoContent();
  r.headers.emplace_back("Allow", allow);
  return r;
}
}  // namespace

Result<Response> Api::Dispatch(Request& req, std::string& route_name) {
  const bool api_path = req.path == "/api" || req.path.starts_with("/api/");
  auto match = router_.Find(req.method, req.path);
  if (!match.route) {
    if (match.path_known) {
      route_name = req.method == "OPTIONS" ? "options" : "method_not_allowed";
      return req.method == "OPTIONS" ? Options(match.allow) : MethodNotAllowed(req, match.allow);
    }
    if (!api_path && static_files_.Serves(req.path)) {
      static const std::string kStaticAllow = AllowHeader({"GET"});
      if (req.method == "GET" || req.method == "HEAD") {
        route_name = "static";
        if (auto file = static_files_.Serve(req)) return *std::move(file);
      }
      route_name = req.method == "OPTIONS" ? "options" : "method_not_allowed";
      return req.method == "OPTIONS" ? Options(kStaticAllow) : MethodNotAllowed(req, kStaticAllow);
    }
    route_name = "unmatched";
    return Error::NotFound("địa chỉ " + req.path, "Path " + req.path);
  }
  const Route& route = *match.route;
  route_name = route.pattern;
  req.params = std::move(match.params);

  const std::string token = CookieValue(req.Header("cookie"), "binhdang_session");
  if (!token.empty()) {
    auto auth = services_.sessions.Authenticate(token);
    if (auth.ok()) {
      req.caller.user = auth->user;
      req.session_token = token;
      const bool changes_state = req.method != "GET" && req.method != "HEAD";
      if (changes_state && route.access == Access::kSignedIn &&
          !crypto::Equal(req.Header("x-csrf-token"), auth->csrf_token)) {
        return Error{ErrorCode::kCsrf,
                     {"Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); hãy tải lại trang",
                      "Missing or wrong X-CSRF-Token; reload the page"},
                     {},
                     0};
      }
    }
  }
  if (route.access == Access::kSignedIn && !req.caller.signed_in()) {
    return Error::Unauthenticated();
  }
  return route.handler(req);
}

Response Api::Handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  req.caller.english = req.Header("accept-language").starts_with("en");
  std::string route_name = "unmatched";
  Response res;
  try {
    auto result = Dispatch(req, route_name);
    res =
        result.ok() ? std::move(result).value() : ErrorResponse(result.error(), req.caller.english);
  } catch (const std::exception& e) {
    // A constraint the database enforced (the loser of a race to create the same report or
    // plan number) is the caller's conflict or bad input, not a failure of the server.
    if (auto expected = storage::ConstraintError(e)) {
      spdlog::info("{} {}: {}", req.method, req.path, e.what());
      res = ErrorResponse(*expected, req.caller.english);
    } else if (auto busy = storage::UnavailableError(e)) {
      // Every connection stayed leased for the whole lease timeout: 503, try again.
      spdlog::warn("{} {}: {}", req.method, req.path, e.what());
      res = ErrorResponse(*busy, req.caller.english);
    } else {
      spdlog::error("{} {}: {}", req.method, req.path, e.what());
      res = ErrorResponse(Error::Internal("request failed"), req.caller.english);
    }
  }
  if (res.body.size() > 1024 && !res.content_type.empty() &&
      (res.content_type.starts_with("application/json") || res.content_type.starts_with("text/")) &&
      AcceptsGzip(req.Header("accept-encoding"))) {
    bool already = false;
    for (const auto& [k, v] : res.headers) already = already || k == "Content-Encoding";
    if (!already) {
      if (auto gz = Gzip(res.body, 1)) {
        res.body = std::move(*gz);
        res.headers.emplace_back("Content-Encoding", "gzip");
        res.headers.emplace_back("Vary", "Accept-Encoding");
      }
    }
  }
  if (req.path.starts_with("/api/")) res.headers.emplace_back("Cache-Control", "no-store");
  // Defence in depth for a government system: no sniffing, no framing, no referrers leaving
  // the site, and the app shell may load only its own scripts.
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("X-Frame-Options", "DENY");
  res.headers.emplace_back("Referrer-Policy", "same-origin");
  if (res.content_type.starts_with("text/html")) {
    res.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Record(req.method, route_name, res.status, seconds);
  return res;
}

Result<service::PageRequest> PageOf(const Request& req) {
  service::PageRequest page;
  if (auto limit = req.Query("limit")) {
    auto v = ParseId(*limit);
    if (!v || *v > 500) {
      return Error::Invalid("limit", "limit phải là số nguyên từ 1 đến 500",
                            "limit must be an integer from 1 to 500");
    }
    page.limit = static_cast<size_t>(*v);
  }
  if (auto cursor = req.Query("cursor"); cursor && !cursor->empty()) {
    auto v = ParseId(*cursor);
    if (!v) return Error::Invalid("cursor", "cursor không hợp lệ", "invalid cursor");
    page.offset = static_cast<size_t>(*v);
  }
  return page;
}

Result<Id> PathId(const Request& req, const char* name) {
  auto it = req.params.find(name);
  auto id = it == req.params.end() ? std::nullopt : ParseId(it->second);
  if (!id)
    return Error::NotFound("đối tượng " + (it == req.params.end() ? "" : it->second), "Object");
  return *id;
}

Response XlsxResponse(std::string bytes, const std::string& filename) {
  Response res;
  res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  res.body = std::move(bytes);
  res.headers.push_back({"Content-Disposition", "attachment; filename=\"" + filename + "\""});
  return res;
}

namespace {
//! RFC 5987 value: UTF-8, every byte outside attr-char percent-encoded.
std::string Rfc5987(const std::string& s) {
  std::string out = "UTF-8''";
  for (unsigned char c : s) {
    if (std::isalnum(c) ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}
}  // namespace

Response AttachmentResponse(std::string bytes, const std::string& content_type,
                            const std::string& ascii_name, const std::string& vietnamese_name) {
  Response res;
  res.content_type = content_type;
  res.body = std::move(bytes);
  res.headers.push_back({"Content-Disposition", "attachment; filename=\"" + ascii_name +
                                                    "\"; filename*=" + Rfc5987(vietnamese_name)});
  return res;
}

nlohmann::json ListJson(nlohmann::json items, const std::string& next_cursor) {
  return {
      {"items", std::move(items)},
      {"next_cursor", next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(next_cursor)}};
}

}  // namespace binhdang::http
