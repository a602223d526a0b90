#include "common/text.h"

#include <gtest/gtest.h>

namespace binhdang::text {
namespace {

TEST(TextFold, RemovesDiacriticsAndCase) {
  EXPECT_EQ(Fold("Hà Tĩnh"), "ha tinh");
  EXPECT_EQ(Fold("  ĐIỆN   Biên\tPhủ "), "dien bien phu");
  EXPECT_EQ(Fold("Thừa Thiên Huế"), "thua thien hue");
  EXPECT_EQ(Fold("Ủy ban nhân dân"), "uy ban nhan dan");
  EXPECT_EQ(Fold(""), "");
}

TEST(TextFold, SurvivesInvalidUtf8) {
  EXPECT_EQ(Fold(std::string("ab\xff\xfe"
                             "c")),
            "ab\xef\xbf\xbd\xef\xbf\xbd"
            "c");
}

TEST(TextValidation, RejectsControlCharactersAndBadUtf8) {
  EXPECT_TRUE(IsCleanUtf8("Phường Ba Đình\n"));
  EXPECT_FALSE(IsCleanUtf8(std::string("a\0b", 3)));
  EXPECT_FALSE(IsCleanUtf8("\xc3\x28"));
  EXPECT_EQ(Length("Hà"), 2u);
  EXPECT_EQ(Trim("  x y \n"), "x y");
}

TEST(TextNfc, ComposesDecomposedVietnamese) {
  EXPECT_EQ(Nfc("Ha\u0300 Ti\u0303nh"), "H\u00E0 T\u0129nh");
  EXPECT_EQ(Nfc("\u0111a\u0306\u0309ng"), "\u0111\u1EB3ng");
  EXPECT_EQ(Nfc("H\u00E0 T\u0129nh"), "H\u00E0 T\u0129nh");  // already NFC
  EXPECT_EQ(Nfc("KH-UBND"), "KH-UBND");
  EXPECT_EQ(Nfc(""), "");
  // Not UTF-8: unchanged, so validation can still refuse it by name.
  EXPECT_EQ(Nfc(std::string("a\u0300\xff")), std::string("a\u0300\xff"));
}

}  // namespace
}  // namespace binhdang::text
