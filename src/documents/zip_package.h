// Reading the parts of an uploaded zip package (.xlsx, .docx) from memory under a memory
// budget: every unpacked entry and every parsed XML tree is charged before it is taken, so a
// zip bomb or an XML that expands is refused with kPayloadTooLarge instead of filling memory.
// pugixml does not expand external entities or DTDs, so XML entity attacks have nothing to grow.
#pragma once

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "common/result.h"

typedef struct zip zip_t;

namespace binhdang::documents {

//! How the errors of one kind of package name it: {"bảng tính Excel (.xlsx)", "an .xlsx
//! spreadsheet"} and the short words for a damaged or too large one.
struct PackageKind {
  const char* vi;        // "bảng tính Excel (.xlsx)"
  const char* en;        // "an .xlsx spreadsheet"
  const char* short_vi;  // "bảng tính"
  const char* short_en;  // "the spreadsheet"
};
inline constexpr PackageKind kXlsxPackage{"bảng tính Excel (.xlsx)", "an .xlsx spreadsheet",
                                          "bảng tính", "the spreadsheet"};
inline constexpr PackageKind kDocxPackage{"văn bản Word (.docx)", "a .docx document", "văn bản",
                                          "the document"};

//! An opened package. Errors are in field "file".
class ZipPackage {
 public:
  //! kInvalidArgument when `bytes` (which must outlive the package) are not a zip archive.
  static Result<ZipPackage> Open(std::string_view bytes, const PackageKind& kind, size_t max_bytes);
  ZipPackage(ZipPackage&&) noexcept;
  ZipPackage& operator=(ZipPackage&&) noexcept;
  ~ZipPackage();

  //! The entry's bytes; "" when it is absent and not `required` (else kInvalidArgument).
  Result<std::string> Read(const char* name, bool required);
  //! Parses `xml` into `doc`, charging its copy and tree to the budget.
  Status Parse(pugi::xml_document& doc, const std::string& xml);
  //! Charges what the caller keeps of the package; false once the budget is spent.
  bool Charge(size_t bytes);
  //! The errors of this package: "not a …", "… is damaged", "… is too large".
  Error NotThisKind() const;
  Error Damaged() const;
  Error TooLarge() const;

 private:
  ZipPackage(zip_t* zip, const PackageKind& kind, size_t max_bytes)
      : zip_(zip), kind_(&kind), left_(max_bytes) {}
  zip_t* zip_ = nullptr;
  const PackageKind* kind_;
  size_t left_;
};

}  // namespace binhdang::documents
