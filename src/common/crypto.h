// Thin wrappers over libsodium: random tokens, hashing, and argon2id password hashes.
#pragma once

#include <string>
#include <string_view>

namespace binhdang::crypto {

//! Initialises libsodium; safe to call more than once. Returns false if it cannot.
bool Init();

//! `bytes` random bytes encoded as URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);

//! Lower-case hex of BLAKE2b-256 of `data`.
std::string HashHex(std::string_view data);

//! Lower-case hex of keyed BLAKE2b-256 (a MAC) of `data` under `key` (16 to 64 bytes).
std::string KeyedHashHex(std::string_view key, std::string_view data);

//! An argon2id hash string (includes salt and parameters). Costs are libsodium's
//! "interactive" limits unless `fast` (for tests and benchmarks that create many users).
std::string HashPassword(std::string_view password, bool fast = false);

//! True iff `password` matches `hash` from HashPassword. Constant-time comparison.
bool VerifyPassword(std::string_view password, const std::string& hash);

//! Constant-time equality of two strings of the same length; false if lengths differ.
bool Equal(std::string_view a, std::string_view b);

}  // namespace binhdang::crypto
