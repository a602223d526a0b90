#include "service/cases_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/crypto.h"

namespace binhdang::service {

namespace {
Error KeyError(const std::string& vi, const std::string& en) {
  return Error{ErrorCode::kInvalidArgument, {vi, en}, {}, 0};
}
}  // namespace

Status WriteCaseKeyFile(const std::string& path, const std::string& key) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return KeyError("Không tạo được tệp khóa " + path + ": " + std::strerror(errno),
                    "cannot create key file " + path + ": " + std::strerror(errno));
  }
  std::string hex = crypto::ToHex(key) + "\n";
  const bool ok =
      ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  crypto::Wipe(hex);
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return KeyError("Không ghi được tệp khóa " + path, "cannot write key file " + path);
  }
  return Ok();
}

Result<std::string> LoadCaseKey(const CaseKeySource& source, bool create) {
  if (!source.env_key.empty()) {
    auto key = crypto::FromHex(source.env_key);
    if (!key || key->size() != crypto::kAeadKeyBytes) {
      return KeyError("BINHDANG_CASE_KEY phải là 64 chữ số hex (32 byte)",
                      "BINHDANG_CASE_KEY must be 64 hex digits (32 bytes)");
    }
    return *key;
  }
  if (source.file.empty()) {
    return KeyError(
        "Chưa cấu hình khóa dữ liệu vụ việc (--case-key, BINHDANG_CASE_KEY_FILE "
        "hoặc BINHDANG_CASE_KEY)",
        "no case data key configured (--case-key, BINHDANG_CASE_KEY_FILE or "
        "BINHDANG_CASE_KEY)");
  }
  struct stat st {};
  if (::stat(source.file.c_str(), &st) != 0) {
    if (errno != ENOENT || !create) {
      return KeyError("Không đọc được tệp khóa " + source.file + ": " + std::strerror(errno),
                      "cannot read key file " + source.file + ": " + std::strerror(errno));
    }
    std::string key = crypto::RandomBytes(crypto::kAeadKeyBytes);
    BD_RETURN_IF_ERROR(WriteCaseKeyFile(source.file, key));
    return key;
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    return KeyError(
        "Tệp khóa " + source.file + " để người khác đọc được; hãy chạy: chmod 600 " + source.file,
        "key file " + source.file + " is readable by others; run chmod 600 " + source.file);
  }
  std::ifstream in(source.file);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string hex = buf.str();
  auto key = crypto::FromHex(hex);
  crypto::Wipe(hex);
  if (!in || !key || key->size() != crypto::kAeadKeyBytes) {
    return KeyError("Tệp khóa " + source.file + " không chứa khóa hợp lệ (64 chữ số hex)",
                    "key file " + source.file + " holds no valid key (64 hex digits)");
  }
  return *key;
}

}  // namespace binhdang::service
