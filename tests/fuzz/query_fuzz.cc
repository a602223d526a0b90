// Query strings, percent-decoding and cookie headers, as the server splits them.
#include "fuzz/harness.h"
#include "http/message.h"

using namespace binhdang;

BINHDANG_FUZZ_TARGET(query) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  (void)http::ParseQuery(s);
  (void)http::PercentDecode(s);
  (void)http::CookieValue(s, "binhdang_session");
  (void)http::CookieValue(s, "binhdang_device");
  return 0;
}
