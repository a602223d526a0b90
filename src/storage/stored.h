// Values read back from the database: what a repository wrote always parses, so a value that
// does not (an unknown enum name, a malformed date) is damaged data. It is an error that aborts
// the request (a 500 and a log line), never a default that hides it.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace binhdang::storage {

template <typename T>
T Stored(std::optional<T> parsed, const char* column, const std::string& raw) {
  if (!parsed)
    throw std::runtime_error(std::string("unreadable stored ") + column + ": '" + raw + "'");
  return *std::move(parsed);
}

}  // namespace binhdang::storage
