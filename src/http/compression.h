// gzip for responses.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace binhdang::http {

//! `data` gzip-compressed at `level` (1 fast … 9 small); nullopt if zlib fails.
std::optional<std::string> Gzip(std::string_view data, int level = 6);
//! True iff an Accept-Encoding header value admits gzip.
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace binhdang::http
