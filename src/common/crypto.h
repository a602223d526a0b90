// Thin wrappers over libsodium: random tokens, hashing, and argon2id password hashes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace binhdang::crypto {

//! Initialises libsodium; safe to call more than once. Returns false if it cannot.
bool Init();

//! `bytes` random bytes encoded as URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);

//! Lower-case hex of BLAKE2b-256 of `data`.
std::string HashHex(std::string_view data);

//! Lower-case hex of SHA-256 of `data`: what `sha256sum` prints for the same bytes.
std::string Sha256Hex(std::string_view data);

//! Lower-case hex of keyed BLAKE2b-256 (a MAC) of `data` under `key` (16 to 64 bytes).
std::string KeyedHashHex(std::string_view key, std::string_view data);

//! An argon2id hash string (includes salt and parameters). Costs are libsodium's
//! "interactive" limits unless `fast` (for tests and benchmarks that create many users).
std::string HashPassword(std::string_view password, bool fast = false);

//! True iff `password` matches `hash` from HashPassword. Constant-time comparison.
bool VerifyPassword(std::string_view password, const std::string& hash);

//! Constant-time equality of two strings of the same length; false if lengths differ.
bool Equal(std::string_view a, std::string_view b);

//! `n` random bytes (raw).
std::string RandomBytes(size_t n);

//! Bytes of an AEAD key (XChaCha20-Poly1305).
inline constexpr size_t kAeadKeyBytes = 32;

//! Seals `plaintext` with XChaCha20-Poly1305 (IETF) under `key` (kAeadKeyBytes) and a fresh
//! random 24-byte nonce, authenticating `associated` too. Returns nonce || ciphertext || tag.
//! Throws std::invalid_argument on a key of the wrong size.
std::string AeadSeal(std::string_view key, std::string_view plaintext, std::string_view associated);

//! Opens what AeadSeal returned; nullopt when the key, the associated data or any byte is wrong.
std::optional<std::string> AeadOpen(std::string_view key, std::string_view sealed,
                                    std::string_view associated);

//! A 32-byte subkey of `key` (16 to 64 bytes) for one purpose, named by `context`
//! (keyed BLAKE2b): the same key and context give the same subkey.
std::string DeriveKey(std::string_view key, std::string_view context);

//! Standard base64 with padding, and back (nullopt on bad input).
std::string ToBase64(std::string_view raw);
std::optional<std::string> FromBase64(std::string_view text);

//! Lower-case hex, and back (nullopt on bad input; surrounding whitespace ignored).
std::string ToHex(std::string_view raw);
std::optional<std::string> FromHex(std::string_view text);

//! Overwrites `secret` with zeros before it is released.
void Wipe(std::string& secret);

}  // namespace binhdang::crypto
