// Argon2id hashing through libsodium, at the low test cost, and the password policy.
#include "auth/password.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace keycard::auth {
namespace {

class PasswordTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ::setenv("KEYCARD_PASSWORD_COST", "low", 1); }
};

TEST_F(PasswordTest, HashVerifyRoundTrip) {
  const std::string hash = hash_password("correct horse battery staple");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_TRUE(verify_password(hash, "correct horse battery staple"));
}

TEST_F(PasswordTest, WrongPasswordIsFalse) {
  const std::string hash = hash_password("correct horse battery staple");
  EXPECT_FALSE(verify_password(hash, "correct horse battery stapl"));
  EXPECT_FALSE(verify_password(hash, "Correct horse battery staple"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST_F(PasswordTest, HashesAreSalted) {
  const std::string a = hash_password("same password here");
  const std::string b = hash_password("same password here");
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password(a, "same password here"));
  EXPECT_TRUE(verify_password(b, "same password here"));
}

TEST_F(PasswordTest, NonAsciiAndEmbeddedNulPasswords) {
  const std::string unicode = "pässwört-密码-🔑🔑";
  EXPECT_TRUE(verify_password(hash_password(unicode), unicode));
  const std::string with_nul("abc\0defghijk", 12);
  const std::string hash = hash_password(with_nul);
  EXPECT_TRUE(verify_password(hash, with_nul));
  EXPECT_FALSE(verify_password(hash, "abc"));  // not truncated at the NUL
}

TEST_F(PasswordTest, GarbageStoredHashIsFalseNotACrash) {
  const std::string valid = hash_password("a fine password");
  const std::vector<std::string> garbage = {
      "",
      "x",
      "$argon2id$",
      "$argon2id$v=19$m=8192,t=1,p=1$",
      "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
      "plaintext-password",
      std::string(1000, '$'),
      std::string("$argon2id\0$v=19", 15),
      valid.substr(0, valid.size() - 5),
      valid + "AAAA",
  };
  for (const auto& g : garbage) {
    EXPECT_FALSE(verify_password(g, "a fine password")) << g;
  }
}

TEST_F(PasswordTest, BurnPasswordCheckTakesAboutAsLongAsAVerify) {
  burn_password_check("warm up: computes the dummy hash once");
  const std::string hash = hash_password("another password");
  const auto t0 = std::chrono::steady_clock::now();
  burn_password_check("someone@example.com's guess");
  const auto t1 = std::chrono::steady_clock::now();
  (void)verify_password(hash, "a wrong guess");
  const auto t2 = std::chrono::steady_clock::now();
  // Loose bound: only that the burn does real hashing work, not a no-op.
  EXPECT_GT((t1 - t0) * 10, (t2 - t1));
}

TEST_F(PasswordTest, NeedsRehash) {
  const std::string hash = hash_password("a fine password");
  EXPECT_FALSE(password_needs_rehash(hash));
  EXPECT_TRUE(password_needs_rehash("not a hash"));
  EXPECT_TRUE(password_needs_rehash(""));

  // A hash made at a different cost asks to be upgraded.
  char stronger[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(stronger, "pw", 2, crypto_pwhash_OPSLIMIT_MIN + 1, 8U * 1024U * 1024U,
                                  crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_TRUE(password_needs_rehash(stronger));
  EXPECT_TRUE(verify_password(stronger, "pw"));
}

struct PolicyCase {
  std::string password;
  bool ok;
};

TEST(PasswordPolicy, Table) {
  const std::vector<PolicyCase> cases = {
      {"", false},
      {"short", false},
      {"123456789", false},  // 9 characters
      {"1234567890", true},  // 10 characters
      {"correct horse", true},
      {"aaaaaaaaaaaa", false},  // one character repeated
      {"          ", false},    // ten spaces
      {"ééééééééééé", false},   // one (two-byte) character repeated
      {"ééééééééé", false},     // 9 characters, 18 bytes: too short
      {"éééééééééa", true},     // 10 characters
      {"🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑", false},    // repeated four-byte character
      {"abababababab", true},   // repeated, but not one character
      {"aaaaaaaaaab", true},
      {std::string(256, 'a'), false},        // repeated
      {std::string(255, 'a') + "b", true},   // exactly 256 bytes
      {std::string(256, 'a') + "b", false},  // 257 bytes
      {std::string(300, 'x') + "y", false},
  };
  for (const auto& c : cases) {
    const auto problems = password_problems(c.password);
    EXPECT_EQ(problems.empty(), c.ok) << "'" << c.password << "'";
    if (!c.ok) {
      ASSERT_EQ(problems.size(), 1U);
      EXPECT_EQ(problems.begin()->first, "password");
      EXPECT_FALSE(problems.begin()->second.empty());
    }
  }
}

TEST(PasswordPolicy, MessagesAndField) {
  EXPECT_EQ(password_problems("short", "new_password"),
            (std::map<std::string, std::string>{{"new_password", "Must be at least 10 characters long."}}));
  EXPECT_EQ(password_problems(std::string(257, 'b') + "c").at("password"), "Must be at most 256 bytes long.");
  EXPECT_EQ(password_problems("zzzzzzzzzzzz").at("password"), "Must not be a single character repeated.");
  EXPECT_TRUE(password_problems("a perfectly fine passphrase", "new_password").empty());
}

}  // namespace
}  // namespace keycard::auth
