#include "support/xlsx_fixture.h"

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace binhdang::testing {

std::string Zip(const std::string& sheet, const std::string& shared) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("bd-xlsx-test-" + std::to_string(std::random_device{}()) + ".xlsx");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  auto add = [&](const char* name, const std::string& body) {
    zip_source_t* src = zip_source_buffer(z, body.data(), body.size(), 0);
    zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
  };
  add("xl/worksheets/sheet1.xml", sheet);
  if (!shared.empty()) add("xl/sharedStrings.xml", shared);
  zip_close(z);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

std::string AmplifyingXlsx(int cells, size_t string_bytes) {
  const std::string shared = "<sst><si><t>" + std::string(string_bytes, 'a') + "</t></si></sst>";
  std::string sheet = "<worksheet><sheetData>";
  for (int r = 1; r <= (cells + 9) / 10; ++r) {
    sheet += "<row r=\"" + std::to_string(r) + "\">";
    for (int c = 0; c < 10; ++c) {
      sheet += "<c r=\"" + std::string(1, static_cast<char>('A' + c)) + std::to_string(r) +
               "\" t=\"s\"><v>0</v></c>";
    }
    sheet += "</row>";
  }
  return Zip(sheet + "</sheetData></worksheet>", shared);
}

}  // namespace binhdang::testing
