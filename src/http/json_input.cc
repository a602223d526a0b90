#include "http/json_input.h"

#include <algorithm>
#include <cmath>

#include "common/text.h"

namespace binhdang::http {

namespace {
// Rejects input nested deeper than `limit` before the parser recurses into it.
bool NestingWithin(const std::string& s, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if (c == ']' || c == '}')
      --depth;
  }
  return true;
}

// Every string of `j`, at any depth, in NFC: text is stored composed whatever the client sent.
void NormalizeStrings(nlohmann::json& j) {
  if (j.is_string()) {
    auto& s = j.get_ref<std::string&>();
    s = text::Nfc(s);
  } else if (j.is_structured()) {
    for (auto& element : j) NormalizeStrings(element);
  }
}

Error InvalidJson(std::string vi, std::string en) {
  return {ErrorCode::kInvalidJson,
          {"Nội dung gửi lên không hợp lệ: " + vi, "Invalid request body: " + en},
          {},
          0};
}
}  // namespace

std::optional<long long> IntegralDouble(double d, long long min, long long max) {
  // 2^63 is exactly representable; every double below it and at least -2^63 fits a long long.
  constexpr double kTwo63 = 9223372036854775808.0;
  if (!std::isfinite(d) || d != std::floor(d) || d >= kTwo63 || d < -kTwo63) return std::nullopt;
  const auto n = static_cast<long long>(d);
  if (n < min || n > max) return std::nullopt;
  return n;
}

Result<nlohmann::json> ParseJsonObject(const Request& request) {
  const std::string& type = request.Header("content-type");
  if (!type.starts_with("application/json")) {
    return Error{ErrorCode::kUnsupportedMedia,
                 {"Nội dung phải ở dạng JSON (Content-Type: application/json)",
                  "The body must be JSON (Content-Type: application/json)"},
                 {},
                 0};
  }
  if (!NestingWithin(request.body, 64)) return InvalidJson("lồng quá sâu", "nested too deeply");
  nlohmann::json j = nlohmann::json::parse(request.body, nullptr, false);
  if (j.is_discarded()) return InvalidJson("không phải JSON đúng cú pháp", "not well-formed JSON");
  if (!j.is_object()) return InvalidJson("phải là một đối tượng JSON", "must be a JSON object");
  NormalizeStrings(j);
  return j;
}

void Fields::AllowOnly(std::initializer_list<const char*> allowed) {
  for (const auto& [key, value] : j_.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      v_.Fail(key, "trường không được hỗ trợ: " + key, "unknown field: " + key);
    }
  }
}

void Fields::AllowOnly(const std::vector<std::string>& allowed) {
  for (const auto& [key, value] : j_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      v_.Fail(key, "trường không được hỗ trợ: " + key, "unknown field: " + key);
    }
  }
}

void Fields::Missing(const char* key) {
  v_.Fail(key, std::string("thiếu trường ") + key, std::string("missing field ") + key);
}

void Fields::WrongType(const char* key, const char* vi, const char* en) {
  v_.Fail(key, std::string("trường ") + key + " phải là " + vi,
          std::string("field ") + key + " must be " + en);
}

std::optional<std::string> Fields::String(const char* key, bool required) {
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!it->is_string()) {
    WrongType(key, "chuỗi ký tự", "a string");
    return std::nullopt;
  }
  const auto& s = it->get_ref<const std::string&>();
  if (!text::IsCleanUtf8(s)) {
    WrongType(key, "văn bản UTF-8 không có ký tự điều khiển",
              "UTF-8 text without control characters");
    return std::nullopt;
  }
  return s;
}

std::optional<long long> Fields::Integer(const char* key, bool required, long long min,
                                         long long max) {
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!it->is_number_integer()) {
    // 3.0 is accepted as an integer; 3.5 is not. The range is checked on the double, before
    // any conversion (converting 1e300 to long long is undefined behaviour).
    if (it->is_number_float()) {
      if (auto n = IntegralDouble(it->get<double>(), min, max)) return n;
    }
    WrongType(key, "số nguyên", "an integer");
    return std::nullopt;
  }
  long long v = 0;
  if (it->is_number_unsigned()) {
    const auto u = it->get<unsigned long long>();
    if (u > static_cast<unsigned long long>(max)) {
      WrongType(key,
                ("số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max)).c_str(),
                ("an integer from " + std::to_string(min) + " to " + std::to_string(max)).c_str());
      return std::nullopt;
    }
    v = static_cast<long long>(u);
  } else {
    v = it->get<long long>();
  }
  if (v < min || v > max) {
    WrongType(key, ("số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max)).c_str(),
              ("an integer from " + std::to_string(min) + " to " + std::to_string(max)).c_str());
    return std::nullopt;
  }
  return v;
}

std::optional<bool> Fields::Bool(const char* key, bool required) {
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!it->is_boolean()) {
    WrongType(key, "true hoặc false", "true or false");
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<Id> Fields::IdField(const char* key, bool required) {
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) Missing(key);
    return std::nullopt;
  }
  std::optional<Id> id;
  if (it->is_string())
    id = ParseId(it->get_ref<const std::string&>());
  else if (it->is_number_integer() && it->get<long long>() > 0)
    id = it->get<long long>();
  if (!id) WrongType(key, "mã định danh hợp lệ", "a valid id");
  return id;
}

std::optional<Date> Fields::DateField(const char* key, bool required) {
  auto s = String(key, required);
  if (!s) return std::nullopt;
  auto d = Date::Parse(*s);
  if (!d) WrongType(key, "ngày dạng YYYY-MM-DD", "a date YYYY-MM-DD");
  return d;
}

std::optional<std::optional<Date>> Fields::NullableDate(const char* key) {
  auto it = j_.find(key);
  if (it == j_.end()) return std::nullopt;
  if (it->is_null()) return std::optional<Date>();
  auto d = DateField(key);
  if (!d) return std::nullopt;
  return std::optional<Date>(*d);
}

std::optional<std::vector<Id>> Fields::Ids(const char* key, bool required) {
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) Missing(key);
    return std::nullopt;
  }
  std::vector<Id> out;
  for (const auto& e : it->is_array() ? *it : nlohmann::json::array({nullptr})) {
    std::optional<Id> id;
    if (e.is_string())
      id = ParseId(e.get<std::string>());
    else if (e.is_number_integer() && e.get<long long>() > 0)
      id = e.get<Id>();
    if (!id) {
      WrongType(key, "danh sách mã đơn vị", "an array of ids");
      return std::nullopt;
    }
    out.push_back(*id);
  }
  return out;
}

std::optional<std::vector<std::string>> Fields::Strings(const char* key, bool required) {
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!it->is_array()) {
    WrongType(key, "danh sách chuỗi", "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& e : *it) {
    if (!e.is_string()) {
      WrongType(key, "danh sách chuỗi", "an array of strings");
      return std::nullopt;
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

}  // namespace binhdang::http
