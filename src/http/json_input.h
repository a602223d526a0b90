// Reading request bodies: JSON parsing with limits, and typed field access that turns every
// wrong type, missing field or unknown field into a named field error.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "http/message.h"

namespace binhdang::http {

//! The body as a JSON object. kUnsupportedMedia unless Content-Type is JSON; kInvalidJson when
//! it does not parse, nests deeper than 64 levels, or is not an object. Every string in it is
//! in NFC (text::Nfc), whatever form the client sent.
Result<nlohmann::json> ParseJsonObject(const Request& request);

//! `d` as an integer when it is finite, integral and within [min, max]; nullopt otherwise.
//! Never converts a double that does not fit (that would be undefined behaviour).
std::optional<long long> IntegralDouble(double d, long long min, long long max);

//! Field access over one JSON object; problems accumulate in a Validator.
class Fields {
 public:
  explicit Fields(const nlohmann::json& object) : j_(object) {}

  //! Fails every key of the object that is not in `allowed`.
  void AllowOnly(std::initializer_list<const char*> allowed);
  void AllowOnly(const std::vector<std::string>& allowed);

  std::optional<std::string> String(const char* key, bool required = false);
  std::optional<long long> Integer(const char* key, bool required = false, long long min = 0,
                                   long long max = 9'000'000'000'000'000'000LL);
  std::optional<bool> Bool(const char* key, bool required = false);
  //! An id given as a string (or a positive integer).
  std::optional<Id> IdField(const char* key, bool required = false);
  std::optional<Date> DateField(const char* key, bool required = false);
  //! A date that may be null: outer nullopt when absent, inner nullopt when null.
  std::optional<std::optional<Date>> NullableDate(const char* key);
  std::optional<std::vector<std::string>> Strings(const char* key, bool required = false);
  //! An array of ids, each a string (or a positive integer).
  std::optional<std::vector<Id>> Ids(const char* key, bool required = false);
  bool Has(const char* key) const { return j_.contains(key); }

  Validator& validator() { return v_; }
  bool ok() const { return v_.ok(); }
  Error ToError() const { return v_.ToError(); }

 private:
  void Missing(const char* key);
  void WrongType(const char* key, const char* vi, const char* en);
  const nlohmann::json& j_;
  Validator v_;
};

}  // namespace binhdang::http
