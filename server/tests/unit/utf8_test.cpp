// common/utf8: checking, repairing and cutting text from outside (headers,
// stored bytes) so that nothing invalid reaches SQL, logs or answers.
#include "common/utf8.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "http/message.hpp"

namespace keycard {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(Utf8Test, RecognisesWellFormedText) {
  for (const std::string s : {"", "plain", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x8F\xA8", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(is_utf8(s)) << s;
  }
  const std::vector<std::string> bad = {
      "\xff",
      "\xfe\xff",
      "\xC0\xAF",  // invalid lead, overlong slash
      "\xE0\x80\xAF",
      "\xED\xA0\x80",  // overlong, surrogate
      "\xF4\x90\x80\x80",
      "\xC3",
      "ab\xE2\x82",  // past U+10FFFF, cut sequences
  };
  for (const auto& s : bad) EXPECT_FALSE(is_utf8(s));
}

TEST(Utf8Test, RepairsEachBadByteWithReplacementCharacter) {
  EXPECT_EQ(to_valid_utf8("\xff\xfe"), kFffd + kFffd);
  EXPECT_EQ(to_valid_utf8("Mozilla\xC3"), "Mozilla" + kFffd);
  EXPECT_EQ(to_valid_utf8("a\xED\xA0\x80z"), "a" + kFffd + kFffd + kFffd + "z");
  EXPECT_EQ(to_valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  for (const std::string s : {"\xff\xfe", "\xC0\xAF\xE0\x80", "x\xF4\x90\x80\x80y"}) {
    EXPECT_TRUE(is_utf8(to_valid_utf8(s)));
  }
}

TEST(Utf8Test, TruncatesOnCharacterBoundaries) {
  EXPECT_EQ(truncate_utf8("short", 512), "short");
  EXPECT_EQ(truncate_utf8("abcdef", 3), "abc");
  // 513 bytes: 511 ASCII, then a two-byte character that a byte cut at 512 splits.
  const std::string ua = std::string(511, 'a') + "\xC3\xA9";
  EXPECT_EQ(truncate_utf8(ua, 512), std::string(511, 'a'));
  const std::string euros = "\xE2\x82\xAC\xE2\x82\xAC";  // two three-byte characters
  for (std::size_t n = 0; n <= euros.size(); ++n) {
    const auto cut = truncate_utf8(euros, n);
    EXPECT_TRUE(is_utf8(cut)) << n;
    EXPECT_EQ(cut.size(), n / 3 * 3) << n;
  }
}

TEST(Utf8Test, CleanTextRepairsThenCuts) {
  EXPECT_EQ(clean_text("\xff\xfe", 512), kFffd + kFffd);
  EXPECT_EQ(clean_text("\xff\xfe", 4), kFffd);  // never half a replacement character
  const auto long_text = clean_text(std::string(600, '\xff'), 512);
  EXPECT_TRUE(is_utf8(long_text));
  EXPECT_LE(long_text.size(), 512U);
}

TEST(Utf8Test, JsonAnswersAreUtf8WhateverTheStoredBytes) {
  // Entries stored before input was cleaned still list as valid JSON.
  boost::json::object stored{{"user_agent", "\xff\xfe old client"}, {"name", "caf\xC3\xA9"}};
  const auto res = http::Response::json(200, stored);
  EXPECT_TRUE(is_utf8(res.body));
  const auto back = boost::json::parse(res.body).as_object();
  EXPECT_EQ(back.at("user_agent").as_string(), kFffd + kFffd + " old client");
  EXPECT_EQ(back.at("name").as_string(), "caf\xC3\xA9");
  const auto p = http::problem(404, "not_found", "Not Found", "no \xC3 here");
  EXPECT_TRUE(is_utf8(p.body));
}

}  // namespace
}  // namespace keycard
