// Values read back from the database: what a repository wrote always parses, so a value that
// does not (an unknown enum name, a malformed date) is damaged data. It is an error that aborts
// the request (a 500 and a log line), never a default that hides it.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "common/time.h"

namespace binhdang::storage {

template <typename T>
T Stored(std::optional<T> parsed, const char* column, const std::string& raw) {
  if (!parsed)
    throw std::runtime_error(std::string("unreadable stored ") + column + ": '" + raw + "'");
  return *std::move(parsed);
}

//! A date column that may be NULL: nullopt when it is (or when the text is no date).
inline std::optional<Date> DateOf(const std::string& s, soci::indicator ind) {
  return ind == soci::i_ok ? Date::Parse(s) : std::nullopt;
}

}  // namespace binhdang::storage
