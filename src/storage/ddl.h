// Helpers the backends share for turning portable DDL into their own.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace binhdang::storage {

//! `portable` with each token replaced by its backend type, e.g. ${bigint} -> BIGINT.
std::string ReplaceTypeTokens(std::string_view portable,
                              const std::vector<std::pair<std::string, std::string>>& types);

}  // namespace binhdang::storage
