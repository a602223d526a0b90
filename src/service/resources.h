// The files of the resources folder (`--resources`, BootstrapOptions::resource_dir) that hold
// reference and demo data as JSON: the built-in report templates (templates/), the demo plans
// (demo/plans.json). The domain does no file I/O; the services read these files here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/report_template.h"

namespace binhdang::service {

//! The kInternal error of a resource file: "<what> <path>: <problem>" in Vietnamese and English,
//! with `details` naming the JSON paths that are wrong. `what` names the kind of file
//! ("Tệp kế hoạch minh họa" / "The demo plans file").
Error ResourceError(const Message& what, const std::string& path, const Message& problem,
                    std::vector<FieldError> details = {});

//! The JSON document of `path`. ResourceError when the file cannot be read or is not JSON (with
//! the byte where parsing stopped).
Result<nlohmann::json> ReadResourceJson(const Message& what, const std::string& path);

//! The report templates of `dir` (resources/templates): one template a file, every `*.json` of
//! the folder in file-name order, each in the format domain::TemplateToJson writes and read by
//! domain::TemplateFromJson. ResourceError when the folder cannot be read or has no template, a
//! file is not a valid template (its field errors in the details), or two files share a code.
Result<std::vector<domain::ReportTemplate>> LoadTemplates(const std::string& dir);

}  // namespace binhdang::service
