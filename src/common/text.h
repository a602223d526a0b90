// Vietnamese text: folding for diacritic- and case-insensitive search, and validation.
#pragma once

#include <string>
#include <string_view>

namespace binhdang::text {

//! Returns `s` without diacritics, lower-cased, with đ/Đ as d and runs of white space as one
//! space, trimmed: Fold("  Hà   Tĩnh ") == "ha tinh". Invalid UTF-8 is folded as far as it
//! decodes. Thread-safe.
std::string Fold(std::string_view s);

//! `s` in Unicode Normalization Form C (composed: "Hà" as U+00E0, not a + U+0300), the form
//! binhdang stores every text in, so that equal words are equal bytes. Text that is not valid
//! UTF-8 is returned unchanged (validation refuses it by name). Thread-safe.
std::string Nfc(std::string_view s);

//! `s` with its first letter in lower case ("Xã Bản Bo" -> "xã Bản Bo", "Đặc khu" -> "đặc khu"),
//! as a unit's name reads inside a sentence.
std::string LowerFirst(std::string_view s);

//! ASCII letters lowered, every other byte kept (usernames are ASCII).
std::string AsciiLower(std::string s);

//! True iff `s` is valid UTF-8 with no control characters other than tab and newlines.
bool IsCleanUtf8(std::string_view s);

//! Number of Unicode code points in valid UTF-8 `s`.
size_t Length(std::string_view s);

//! `s` with leading and trailing ASCII white space removed.
std::string Trim(std::string_view s);

}  // namespace binhdang::text
