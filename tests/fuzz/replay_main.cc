// Replays the fuzz corpora through their harnesses: `binhdang_fuzz_replay NAME DIR` runs every
// file of DIR through harness NAME (a crash or a sanitizer report fails the test), then prints
// how many inputs it ran. `binhdang_fuzz_replay --list` names the harnesses.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/harness.h"

namespace binhdang::fuzz {
std::map<std::string, Target>& Targets() {
  static std::map<std::string, Target> targets;
  return targets;
}
}  // namespace binhdang::fuzz

int main(int argc, char** argv) {
  auto& targets = binhdang::fuzz::Targets();
  if (argc == 2 && std::string(argv[1]) == "--list") {
    for (const auto& [name, target] : targets) std::printf("%s\n", name.c_str());
    return 0;
  }
  if (argc != 3 || !targets.count(argv[1])) {
    std::fprintf(stderr, "usage: %s NAME CORPUS_DIR | --list\n", argv[0]);
    return 2;
  }
  const auto target = targets[argv[1]];
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[2])) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  size_t bytes = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes += data.size();
    target(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  }
  std::printf("%s: replayed %zu inputs (%zu bytes), 0 crashes\n", argv[1], files.size(), bytes);
  if (files.empty()) {
    std::fprintf(stderr, "no corpus in %s\n", argv[2]);
    return 1;
  }
  return 0;
}
