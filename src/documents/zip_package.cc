#include "documents/zip_package.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>

namespace binhdang::documents {

namespace {

// pugixml allocates through these, so parsing an entry is charged to the package being read on
// this thread (none outside ZipPackage::Parse: unlimited).
thread_local ZipPackage* parsing = nullptr;
void* CountedAllocate(size_t bytes) {
  if (parsing && !parsing->Charge(bytes)) return nullptr;  // pugixml: out of memory
  return std::malloc(bytes);
}
void CountedDeallocate(void* p) { std::free(p); }
const bool kCountedParsing =
    (pugi::set_memory_management_functions(CountedAllocate, CountedDeallocate), true);

}  // namespace

Result<ZipPackage> ZipPackage::Open(std::string_view bytes, const PackageKind& kind,
                                    size_t max_bytes) {
  const Error not_this = ZipPackage(nullptr, kind, 0).NotThisKind();
  if (bytes.size() < 4 || bytes.substr(0, 2) != "PK") return not_this;
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (!src) return not_this;
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
  zip_error_fini(&zerr);
  if (!z) {
    zip_source_free(src);
    return not_this;
  }
  return ZipPackage(z, kind, max_bytes);
}

ZipPackage::ZipPackage(ZipPackage&& o) noexcept : zip_(o.zip_), kind_(o.kind_), left_(o.left_) {
  o.zip_ = nullptr;
}
ZipPackage& ZipPackage::operator=(ZipPackage&& o) noexcept {
  if (this != &o) {
    if (zip_) zip_discard(zip_);
    zip_ = o.zip_, kind_ = o.kind_, left_ = o.left_;
    o.zip_ = nullptr;
  }
  return *this;
}
ZipPackage::~ZipPackage() {
  if (zip_) zip_discard(zip_);
}

Error ZipPackage::NotThisKind() const {
  return Error::Invalid("file", std::string("tệp không phải ") + kind_->vi,
                        std::string("not ") + kind_->en);
}
Error ZipPackage::Damaged() const {
  return Error::Invalid("file", std::string(kind_->short_vi) + " bị hỏng",
                        std::string(kind_->short_en) + " is damaged");
}
Error ZipPackage::TooLarge() const {
  std::string vi = kind_->short_vi, en = kind_->short_en;
  if (!vi.empty()) vi[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(vi[0])));
  if (!en.empty()) en[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(en[0])));
  return {ErrorCode::kPayloadTooLarge,
          {vi + " quá lớn: khi giải nén vượt quá giới hạn cho phép",
           en + " is too large: unpacked, it exceeds the limit"},
          {{"file",
            {std::string(kind_->short_vi) + " quá lớn",
             std::string(kind_->short_en) + " is too large"}}},
          0};
}

bool ZipPackage::Charge(size_t bytes) {
  if (bytes > left_) return false;
  left_ -= bytes;
  return true;
}

Result<std::string> ZipPackage::Read(const char* name, bool required) {
  zip_stat_t st;
  if (zip_stat(zip_, name, 0, &st) != 0) {
    if (!required) return std::string();
    return NotThisKind();
  }
  if (!(st.valid & ZIP_STAT_SIZE)) return Damaged();
  // The entry is held once as text and once more as pugixml's parsed tree.
  if (!Charge(static_cast<size_t>(std::min<zip_uint64_t>(st.size, SIZE_MAX)))) return TooLarge();
  zip_file_t* f = zip_fopen(zip_, name, 0);
  if (!f) return Damaged();
  std::string out(st.size, '\0');
  const zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return Damaged();
  return out;
}

Status ZipPackage::Parse(pugi::xml_document& doc, const std::string& xml) {
  (void)kCountedParsing;
  parsing = this;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  parsing = nullptr;
  if (parsed.status == pugi::status_out_of_memory) return TooLarge();
  if (!parsed) return NotThisKind();
  return Ok();
}

}  // namespace binhdang::documents
