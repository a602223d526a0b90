// Mapping expected failures to HTTP: one status per ErrorCode, one JSON shape for all.
#pragma once

#include "common/error.h"
#include "http/message.h"

namespace binhdang::http {

int StatusOf(ErrorCode code);
const char* CodeName(ErrorCode code);
//! {"error": {"code", "message", "details": [{"field", "message"}]}} in the caller's language.
Response ErrorResponse(const Error& error, bool english);

}  // namespace binhdang::http
