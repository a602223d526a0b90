#include "common/error.h"

namespace binhdang {

Error Validator::ToError() const {
  Error e{ErrorCode::kInvalidArgument, {}, details_, 0};
  std::string vi = "Dữ liệu không hợp lệ: ";
  std::string en = "Invalid input: ";
  for (size_t i = 0; i < details_.size(); ++i) {
    if (i) {
      vi += "; ";
      en += "; ";
    }
    vi += details_[i].message.vi;
    en += details_[i].message.en;
  }
  e.message = {vi, en};
  return e;
}

}  // namespace binhdang
