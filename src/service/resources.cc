#include "service/resources.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace binhdang::service {

namespace {
const Message kTemplateFile{"Tệp mẫu báo cáo", "The report template file"};
const Message kTemplateDir{"Thư mục mẫu báo cáo", "The report template folder"};
}  // namespace

Error ResourceError(const Message& what, const std::string& path, const Message& problem,
                    std::vector<FieldError> details) {
  return {ErrorCode::kInternal,
          {what.vi + " " + path + ": " + problem.vi, what.en + " " + path + ": " + problem.en},
          std::move(details),
          0};
}

Result<nlohmann::json> ReadResourceJson(const Message& what, const std::string& path) {
  std::ifstream in(path);
  if (!in) return ResourceError(what, path, {"không đọc được", "cannot be read"});
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    const std::string at = std::to_string(e.byte);
    return ResourceError(
        what, path,
        {"không phải JSON (lỗi ở byte " + at + ")", "is not JSON (error at byte " + at + ")"});
  }
}

Result<std::vector<domain::ReportTemplate>> LoadTemplates(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".json") files.push_back(it->path().string());
  }
  if (ec) return ResourceError(kTemplateDir, dir, {"không đọc được", "cannot be read"});
  if (files.empty())
    return ResourceError(kTemplateDir, dir, {"không có tệp .json nào", "has no .json file"});
  std::sort(files.begin(), files.end());
  std::vector<domain::ReportTemplate> templates;
  std::set<std::string> codes;
  for (const auto& file : files) {
    BD_ASSIGN_OR_RETURN(auto j, ReadResourceJson(kTemplateFile, file));
    auto t = domain::TemplateFromJson(j);
    if (!t.ok()) {
      return ResourceError(kTemplateFile, file,
                           {"không phải mẫu báo cáo hợp lệ", "is not a valid template"},
                           t.error().details);
    }
    if (!codes.insert(t->code).second) {
      return ResourceError(kTemplateFile, file,
                           {"trùng mã mẫu " + t->code, "repeats the template code " + t->code});
    }
    templates.push_back(std::move(*t));
  }
  return templates;
}

}  // namespace binhdang::service
