// The HTTP layer's own request and response: what handlers see, independent of Beast.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "service/context.h"

namespace binhdang::http {

struct Request {
  std::string method;  // "GET", ...
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::map<std::string, std::string> params;  // from the route pattern: {id}
  service::Caller caller;                     // filled in before the handler runs
  std::string session_token;                  // from the cookie, when signed in

  //! The header's value, or "" when absent. `name` must be lower-case.
  const std::string& Header(const std::string& name) const;
  //! The query parameter's value, or nullopt when absent.
  std::optional<std::string> Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(const nlohmann::json& body, int status = 200);
  static Response NoContent() { return Response{204, "", "", {}}; }
};

//! Splits "a=1&b=x%20y" into decoded pairs, each in NFC (text::Nfc). Later duplicates win.
std::map<std::string, std::string> ParseQuery(std::string_view query);
//! Percent-decodes `s` ('+' stays '+'); nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view s);
//! The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(std::string_view cookie_header, std::string_view name);

}  // namespace binhdang::http
