// The API: turns a parsed request into a response. It recognises the session, enforces CSRF,
// dispatches to the route's handler, maps errors to JSON, compresses, records metrics and
// catches anything unexpected so that no request brings the server down.
#pragma once

#include <memory>
#include <string>

#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"
#include "service/services.h"

namespace binhdang::http {

struct ApiOptions {
  std::string web_dir;          // built front end; empty: API only
  bool secure_cookies = false;  // add Secure to the session cookie (behind HTTPS)
};

class Api {
 public:
  Api(service::Services& services, ApiOptions options);

  //! Answers one request. Never throws.
  Response Handle(Request& request);

  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  service::Services& services() { return services_; }
  const ApiOptions& options() const { return options_; }

 private:
  Result<Response> Dispatch(Request& request, std::string& route_name);

  service::Services& services_;
  ApiOptions options_;
  Router router_;
  Metrics metrics_;
  StaticFiles static_files_;
};

// Each resource registers its routes (one file per resource: http/<resource>_http.cc).
void RegisterSessionRoutes(Router& router, Api& api);
void RegisterUnitRoutes(Router& router, Api& api);
void RegisterUserRoutes(Router& router, Api& api);
void RegisterAuditRoutes(Router& router, Api& api);
void RegisterHealthRoutes(Router& router, Api& api);
void RegisterPlanRoutes(Router& router, Api& api);
void RegisterReportRoutes(Router& router, Api& api);
void RegisterCalendarRoutes(Router& router, Api& api);
void RegisterNotificationRoutes(Router& router, Api& api);
void RegisterCaseRoutes(Router& router, Api& api);
void RegisterCaseCareRoutes(Router& router, Api& api);
void RegisterCaseAccessRoutes(Router& router, Api& api);
void RegisterDocumentRoutes(Router& router, Api& api);
void RegisterImportRoutes(Router& router, Api& api);
void RegisterAnalyticsRoutes(Router& router, Api& api);
void RegisterAttachmentRoutes(Router& router, Api& api);
void RegisterOpenApiRoutes(Router& router, Api& api);

//! Reads ?limit= (1..500, default 50) and ?cursor= into a page request.
Result<service::PageRequest> PageOf(const Request& request);
//! Parses the route parameter {name} as an id; kNotFound when it is not one.
Result<Id> PathId(const Request& request, const char* name = "id");
//! An .xlsx to download as `filename`.
Response XlsxResponse(std::string bytes, const std::string& filename);
//! A file to download: `ascii_name` for every client, `vietnamese_name` (RFC 5987 filename*)
//! for those that read it ("ke-hoach-144.pdf", "Kế hoạch 144-KH-UBND.pdf").
Response AttachmentResponse(std::string bytes, const std::string& content_type,
                            const std::string& ascii_name, const std::string& vietnamese_name);
inline constexpr const char* kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
//! {"items": [...], "next_cursor": ...}
nlohmann::json ListJson(nlohmann::json items, const std::string& next_cursor);

}  // namespace binhdang::http
