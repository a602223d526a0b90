// The portable part of binhdang's schema, in versions. Statements use the type tokens that
// Store::Ddl replaces; backend-only statements of the same version live in the backend folder.
#pragma once

#include <string>
#include <vector>

namespace binhdang::storage {

struct Migration {
  int version;
  const char* name;
  std::vector<std::string> statements;
};

//! Every migration, in ascending version order.
const std::vector<Migration>& Migrations();

}  // namespace binhdang::storage
