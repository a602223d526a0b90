# Writes the text file IN as the C++ source OUT defining `std::string_view NAME()` (namespace
# binhdang), so that the binary carries the file it was built with. Run as
#   cmake -DIN=... -DOUT=... -DNAME=... -P embed_text.cmake
file(READ "${IN}" content)
string(FIND "${content}" ")embedded\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )embedded\"")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by cmake/embed_text.cmake: do not edit.\n"
  "#include <string_view>\n"
  "namespace binhdang {\n"
  "std::string_view ${NAME}() {\n"
  "  static constexpr char kText[] = R\"embedded(${content})embedded\";\n"
  "  return {kText, sizeof kText - 1};\n"
  "}\n"
  "}  // namespace binhdang\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
