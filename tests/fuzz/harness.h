// Fuzz harnesses for every parser of outside input. Each harness file declares its target with
// BINHDANG_FUZZ_TARGET(name) { ... data, size ... }. Built with clang's libFuzzer (`make fuzz`,
// one executable per harness, BINHDANG_FUZZ_ENTRY naming it) or, in `make test`, all linked into
// one replay program that runs every file of tests/fuzz/corpus/<name>/ through its harness under
// the build's sanitizers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace binhdang::fuzz {

using Target = int (*)(const uint8_t* data, size_t size);
//! Every harness linked into this program, by name.
std::map<std::string, Target>& Targets();

struct Registration {
  Registration(const char* name, Target target) { Targets()[name] = target; }
};

}  // namespace binhdang::fuzz

#define BINHDANG_FUZZ_STR2(x) #x
#define BINHDANG_FUZZ_STR(x) BINHDANG_FUZZ_STR2(x)

#if defined(BINHDANG_FUZZ_ENTRY)
#define BINHDANG_FUZZ_TARGET(name)                                          \
  static int Fuzz_##name(const uint8_t* data, size_t size);                 \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    return Fuzz_##name(data, size);                                         \
  }                                                                         \
  static int Fuzz_##name(const uint8_t* data, size_t size)
#else
#define BINHDANG_FUZZ_TARGET(name)                                                       \
  static int Fuzz_##name(const uint8_t* data, size_t size);                              \
  static const ::binhdang::fuzz::Registration kRegistration_##name(#name, &Fuzz_##name); \
  static int Fuzz_##name(const uint8_t* data, size_t size)
#endif
