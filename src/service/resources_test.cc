#include "service/resources.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/crypto.h"

namespace binhdang::service {
namespace {

namespace fs = std::filesystem;

// A scratch folder, removed when the test ends.
class ScratchDir {
 public:
  ScratchDir()
      : path_(fs::temp_directory_path() / ("binhdang-resources-" + crypto::RandomToken(6))) {
    fs::create_directories(path_);
  }
  ~ScratchDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::string Copy(const std::string& name) {
  std::ifstream in(std::string(BINHDANG_RESOURCE_DIR) + "/templates/" + name);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(LoadTemplates, TheBuiltInOnesInFileNameOrder) {
  auto loaded = LoadTemplates(std::string(BINHDANG_RESOURCE_DIR) + "/templates");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message.en;
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].code, "action_month_results");
  EXPECT_EQ((*loaded)[1].code, "gender_equality_periodic");
  EXPECT_EQ((*loaded)[0].tables.size(), 3u);
  EXPECT_EQ((*loaded)[1].tables.size(), 4u);
  // Each file is what TemplateToJson writes for the template read from it.
  std::ifstream in(std::string(BINHDANG_RESOURCE_DIR) + "/templates/action_month_results.json");
  EXPECT_EQ(nlohmann::json::parse(in), domain::TemplateToJson((*loaded)[0]));
}

TEST(LoadTemplates, NamesTheFileThatIsWrong) {
  ScratchDir dir;
  auto none = LoadTemplates(dir.path());
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.en.find("has no .json file"), std::string::npos);

  dir.Write("a.json", Copy("action_month_results.json"));
  const std::string broken = dir.Write("b.json", "{\"code\": ");
  auto not_json = LoadTemplates(dir.path());
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().code, ErrorCode::kInternal);
  EXPECT_NE(not_json.error().message.en.find(broken + ": is not JSON"), std::string::npos)
      << not_json.error().message.en;
  EXPECT_NE(not_json.error().message.vi.find("không phải JSON"), std::string::npos);

  dir.Write("b.json",
            R"({"code": "Bad", "title": "T", "periods": ["year"], "sections": [{"key": "s"}]})");
  auto invalid = LoadTemplates(dir.path());
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.error().message.en.find("is not a valid template"), std::string::npos);
  std::vector<std::string> fields;
  for (const auto& d : invalid.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"code", "sections/0/title"}));

  dir.Write("b.json", Copy("action_month_results.json"));
  auto twice = LoadTemplates(dir.path());
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.en.find("repeats the template code action_month_results"),
            std::string::npos);

  auto missing = LoadTemplates(dir.path() + "/nowhere");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.en.find("cannot be read"), std::string::npos);
}

}  // namespace
}  // namespace binhdang::service
