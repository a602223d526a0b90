// Object ids: 64-bit integers in the database, opaque decimal strings in JSON.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace binhdang {

using Id = int64_t;

inline std::string IdToString(Id id) { return std::to_string(id); }

//! Parses a positive decimal id; nullopt for anything else ("", "-1", "12a", overflow).
inline std::optional<Id> ParseId(std::string_view s) {
  Id v = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace binhdang
