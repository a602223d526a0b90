// The built-in report templates as tests and fuzz harnesses use them: the files of
// resources/templates, read by the loader that seeds them (service/resources.h). Header-only so
// that the fuzz harnesses, which link no test support, can use it too.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "service/resources.h"

namespace binhdang::testing {

//! Every built-in template, in file-name order. Throws std::runtime_error (which fails the
//! calling test) when the files are missing or wrong.
inline const std::vector<domain::ReportTemplate>& BuiltInTemplates() {
  static const std::vector<domain::ReportTemplate> templates = [] {
    auto loaded = service::LoadTemplates(BINHDANG_RESOURCE_DIR "/templates");
    if (!loaded.ok()) throw std::runtime_error(loaded.error().message.en);
    return std::move(*loaded);
  }();
  return templates;
}

//! The built-in template `code` ("action_month_results", "gender_equality_periodic").
inline const domain::ReportTemplate& BuiltInTemplate(const std::string& code) {
  for (const auto& t : BuiltInTemplates()) {
    if (t.code == code) return t;
  }
  throw std::runtime_error("no built-in template " + code);
}

}  // namespace binhdang::testing
