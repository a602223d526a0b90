// Hand-made .xlsx files for the import tests, built with libzip.
#pragma once

#include <string>

namespace binhdang::testing {

//! An .xlsx holding the given worksheet XML and, when not empty, shared strings XML.
std::string Zip(const std::string& sheet, const std::string& shared);

//! A sheet whose `cells` cells all refer to one shared string of `string_bytes` bytes: small on
//! the wire (the string compresses to almost nothing), cells x string_bytes once expanded.
std::string AmplifyingXlsx(int cells, size_t string_bytes);

}  // namespace binhdang::testing
