#include "storage/ddl.h"

namespace binhdang::storage {

std::string ReplaceTypeTokens(std::string_view portable,
                              const std::vector<std::pair<std::string, std::string>>& types) {
  std::string out(portable);
  for (const auto& [token, type] : types) {
    for (size_t pos = out.find(token); pos != std::string::npos;
         pos = out.find(token, pos + type.size())) {
      out.replace(pos, token.size(), type);
    }
  }
  return out;
}

}  // namespace binhdang::storage
