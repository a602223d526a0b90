// The case data key: 32 random bytes that live outside the database (DESIGN.md "Cases"). It
// comes from BINHDANG_CASE_KEY (hex) or from a key file (hex, mode 0600) that is created on
// first start. The key is never logged; errors name the file, never its content.
#pragma once

#include <string>

#include "common/result.h"

namespace binhdang::service {

//! Where the key comes from: `env_key` (the key itself, hex) wins over `file`.
struct CaseKeySource {
  std::string file;     // --case-key or BINHDANG_CASE_KEY_FILE
  std::string env_key;  // BINHDANG_CASE_KEY
};

//! The key's raw bytes. A missing file is created with a new random key and mode 0600 when
//! `create` is set; a file readable by group or others, or content that is not 64 hex digits,
//! is refused (kInvalidArgument) with a Vietnamese message saying why.
Result<std::string> LoadCaseKey(const CaseKeySource& source, bool create);

//! Writes `key` as hex to a new file `path` with mode 0600 (fails if it exists).
Status WriteCaseKeyFile(const std::string& path, const std::string& key);

}  // namespace binhdang::service
