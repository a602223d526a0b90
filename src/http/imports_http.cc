// /api/v1/imports: the bulk import templates, the imports themselves (the body is the .xlsx)
// and the sheet of initial passwords.
#include "http/api.h"
#include "http/errors.h"
#include "http/json_input.h"

namespace binhdang::http {

namespace {

using nlohmann::json;

Result<service::ImportMode> ModeOf(const Request& req) {
  const std::string mode = req.Query("mode").value_or("check");
  auto m = service::ParseImportMode(mode);
  if (!m) {
    return Error::Invalid(
        "mode",
        "chế độ nhập phải là check (chỉ kiểm tra), all (tất cả) hoặc valid (các dòng hợp lệ)",
        "mode must be check, all or valid");
  }
  return *m;
}

//! 200 with the outcome; a write refused because of errors is a 400 that carries the usual
//! error object and the same lists, so that nothing was written is plain from the status.
Response OutcomeResponse(const service::ImportOutcome& o, bool english) {
  json errors = json::array();
  for (const auto& e : o.errors) {
    errors.push_back({{"row", e.row},
                      {"column", e.column},
                      {"field", e.field},
                      {"message", e.message.In(english)}});
  }
  json credentials = json::array();
  for (const auto& c : o.credentials) {
    credentials.push_back({{"username", c.username},
                           {"full_name", c.full_name},
                           {"unit", c.unit},
                           {"password", c.password}});
  }
  json body = {{"mode", service::ImportModeName(o.mode)},
               {"rows", o.rows},
               {"valid", o.valid},
               {"written", o.written},
               {"example_row", o.example_row > 0 ? json(o.example_row) : json(nullptr)},
               {"errors", std::move(errors)},
               {"credentials", std::move(credentials)}};
  if (!o.refused()) return Response::Json(body);
  const bool none = o.valid == 0;
  Error e{ErrorCode::kInvalidArgument,
          none ? Message{"Không có dòng hợp lệ nào để nhập; chưa ghi gì",
                         "No valid row to import; nothing was written"}
               : Message{"Tệp có " + std::to_string(o.rows - o.valid) + " dòng lỗi; chưa ghi gì",
                         "The file has " + std::to_string(o.rows - o.valid) +
                             " rows with errors; nothing was written"},
          {},
          0};
  for (const auto& i : o.errors) {
    e.details.push_back({i.column + std::to_string(i.row), i.message});
  }
  if (e.details.empty())
    e.details.push_back({"file", {"tệp không có dòng dữ liệu nào", "the file has no data row"}});
  Response res = ErrorResponse(e, english);
  json err = json::parse(res.body);
  for (auto& [k, v] : body.items()) err[k] = v;
  return Response::Json(err, res.status);
}

}  // namespace

void RegisterImportRoutes(Router& router, Api& api) {
  auto& svc = api.services();
  router.Add("GET", "/api/v1/imports/users/template.xlsx", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto bytes, svc.imports.UsersTemplate(req.caller));
               return XlsxResponse(std::move(bytes), "mau-nhap-nguoi-dung.xlsx");
             });
  router.Add("GET", "/api/v1/imports/agencies/template.xlsx", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto bytes, svc.imports.AgenciesTemplate(req.caller));
               return XlsxResponse(std::move(bytes), "mau-nhap-co-quan.xlsx");
             });
  // The body is the .xlsx itself (any Content-Type).
  router.Add(
      "POST", "/api/v1/imports/users", Access::kSignedIn, [&svc](Request& req) -> Result<Response> {
        BD_ASSIGN_OR_RETURN(auto mode, ModeOf(req));
        BD_ASSIGN_OR_RETURN(auto outcome, svc.imports.ImportUsers(req.caller, req.body, mode));
        return OutcomeResponse(outcome, req.caller.english);
      });
  router.Add("POST", "/api/v1/imports/agencies", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto mode, ModeOf(req));
               BD_ASSIGN_OR_RETURN(auto outcome,
                                   svc.imports.ImportAgencies(req.caller, req.body, mode));
               return OutcomeResponse(outcome, req.caller.english);
             });
  // Body: {"credentials": [{"username", "full_name", "unit", "password"}]}, as an import answered.
  router.Add("POST", "/api/v1/imports/credentials.xlsx", Access::kSignedIn,
             [&svc](Request& req) -> Result<Response> {
               BD_ASSIGN_OR_RETURN(auto body, ParseJsonObject(req));
               Fields f(body);
               f.AllowOnly({"credentials"});
               std::vector<service::Credential> list;
               if (!body.contains("credentials") || !body["credentials"].is_array()) {
                 f.validator().Fail("credentials", "cần danh sách tài khoản",
                                    "credentials must be an array");
               } else {
                 for (const auto& item : body["credentials"]) {
                   if (!item.is_object()) {
                     f.validator().Fail("credentials", "mỗi tài khoản là một đối tượng",
                                        "each credential is an object");
                     break;
                   }
                   Fields c(item);
                   c.AllowOnly({"username", "full_name", "unit", "password"});
                   service::Credential cred;
                   cred.username = c.String("username", true).value_or("");
                   cred.full_name = c.String("full_name").value_or("");
                   cred.unit = c.String("unit").value_or("");
                   cred.password = c.String("password", true).value_or("");
                   if (!c.ok()) return c.ToError();
                   list.push_back(std::move(cred));
                 }
               }
               if (!f.ok()) return f.ToError();
               BD_ASSIGN_OR_RETURN(auto bytes, svc.imports.CredentialsXlsx(req.caller, list));
               return XlsxResponse(std::move(bytes), "mat-khau-ban-dau.xlsx");
             });
}

}  // namespace binhdang::http
