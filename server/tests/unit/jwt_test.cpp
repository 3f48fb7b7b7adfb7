// JwtCodec: a round trip, then every forgery and misuse we know of, each refused.
#include "auth/jwt.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "common/errors.hpp"

namespace keycard::auth {
namespace {

namespace json = boost::json;
using std::chrono::seconds;
using Clock = std::chrono::system_clock;

const std::string kSecret = "current-secret-current-secret-0123456789";
const std::string kOldSecret = "previous-secret-previous-secret-0123456789";
const std::string kOtherSecret = "someone-elses-secret-someone-elses-0123";
const Clock::time_point kNow = Clock::time_point(seconds(1'800'000'000));
// The longest life the tests allow a token: good_claims() lives 900 s.
constexpr seconds kLife{900};

std::string mac(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

// Builds a token by hand, so the test controls every byte the codec would not produce.
std::string forge(const json::object& header, const json::object& claims, std::string_view secret,
                  const EVP_MD* md = EVP_sha256()) {
  const std::string signing_input =
      base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(claims));
  return signing_input + "." + base64url_encode(mac(md, secret, signing_input));
}

json::object good_claims(std::int64_t now = 1'800'000'000) {
  return json::object{{"sub", "0190f0c4-0000-7000-8000-000000000001"},
                      {"typ", "access"},
                      {"iat", now},
                      {"nbf", now},
                      {"exp", now + 900},
                      {"jti", "abc"},
                      {"iss", "keycard"},
                      {"aud", "keycard-api"}};
}

json::object good_header(std::string_view kid = JwtCodec::kid_for(kSecret)) {
  return json::object{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", kid}};
}

JwtCodec codec() { return JwtCodec(JwtKey{"", kSecret}, {JwtKey{"", kOldSecret}}); }

// Asserts the token is refused with the given code, without echoing it.
void expect_refused(const JwtCodec& c, const std::string& token, std::string_view code = "invalid_token",
                    std::string_view type = "access", Clock::time_point now = kNow, seconds life = kLife) {
  try {
    (void)c.verify(token, type, life, now);
    ADD_FAILURE() << "accepted a token that should be refused";
  } catch (const Unauthorized& e) {
    EXPECT_EQ(e.status(), 401);
    EXPECT_EQ(e.code(), code);
    if (!token.empty()) {
      EXPECT_EQ(e.detail().find(token.substr(0, 8)), std::string::npos);
    }
  }
}

TEST(Jwt, RoundTrip) {
  const auto c = codec();
  json::object claims = good_claims();
  claims.erase("iss");
  claims.erase("aud");
  claims["roles"] = json::array{"front-desk"};
  const std::string token = c.sign(claims);

  const auto verified = c.verify(token, "access", kLife, kNow);
  EXPECT_EQ(verified.at("sub").as_string(), "0190f0c4-0000-7000-8000-000000000001");
  EXPECT_EQ(verified.at("iss").as_string(), "keycard");
  EXPECT_EQ(verified.at("aud").as_string(), "keycard-api");
  EXPECT_EQ(verified.at("roles").as_array().at(0).as_string(), "front-desk");
  EXPECT_EQ(verified.at("exp").as_int64(), 1'800'000'900);

  // The header names the current key.
  const std::string header_b64 = token.substr(0, token.find('.'));
  std::string header(header_b64.size(), '\0');
  std::size_t len = 0;
  ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(header.data()), header.size(), header_b64.data(),
                              header_b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  header.resize(len);
  const auto h = json::parse(header).as_object();
  EXPECT_EQ(h.at("alg").as_string(), "HS256");
  EXPECT_EQ(h.at("typ").as_string(), "JWT");
  EXPECT_EQ(h.at("kid").as_string(), JwtCodec::kid_for(kSecret));
}

TEST(Jwt, SignOverwritesIssuerAndAudience) {
  const auto c = codec();
  json::object claims = good_claims();
  claims["iss"] = "evil";
  claims["aud"] = "elsewhere";
  const auto verified = c.verify(c.sign(claims), "access", kLife, kNow);
  EXPECT_EQ(verified.at("iss").as_string(), "keycard");
  EXPECT_EQ(verified.at("aud").as_string(), "keycard-api");
}

TEST(Jwt, HandForgedGoodTokenVerifies) {
  // Sanity check for the forging helper: every attack below differs from this in one way.
  EXPECT_NO_THROW((void)codec().verify(forge(good_header(), good_claims(), kSecret), "access", kLife, kNow));
}

TEST(Jwt, KidForIsSixteenHexOfSha256) {
  // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
  EXPECT_EQ(JwtCodec::kid_for("abc"), "ba7816bf8f01cfea");
  EXPECT_NE(JwtCodec::kid_for(kSecret), JwtCodec::kid_for(kOldSecret));
}

TEST(Jwt, ShortSecretIsAConfigurationError) {
  EXPECT_THROW(JwtCodec(JwtKey{"k", "short"}), ConfigError);
  EXPECT_THROW(JwtCodec(JwtKey{"k", kSecret}, {JwtKey{"old", "short"}}), ConfigError);
}

struct Attack {
  std::string name;
  std::function<std::string()> token;
  std::string code = "invalid_token";
};

TEST(Jwt, AttacksAreRefused) {
  const auto c = codec();
  const std::string good = c.sign(good_claims());
  const std::string good_header_b64 = good.substr(0, good.find('.'));
  const std::string good_sig = good.substr(good.rfind('.') + 1);

  auto with_claim = [](std::string_view name, json::value v) {
    auto claims = good_claims();
    claims[name] = std::move(v);
    return claims;
  };
  auto without_claim = [](std::string_view name) {
    auto claims = good_claims();
    claims.erase(name);
    return claims;
  };

  const std::vector<Attack> attacks = {
      {"alg none, empty signature",
       [&] {
         const json::object h{{"alg", "none"}, {"typ", "JWT"}, {"kid", JwtCodec::kid_for(kSecret)}};
         return base64url_encode(json::serialize(h)) + "." + base64url_encode(json::serialize(good_claims())) + ".";
       }},
      {"alg none, valid HS256 signature",
       [&] {
         auto h = good_header();
         h["alg"] = "none";
         return forge(h, good_claims(), kSecret);
       }},
      {"alg None (case)",
       [&] {
         auto h = good_header();
         h["alg"] = "None";
         return forge(h, good_claims(), kSecret);
       }},
      {"alg HS512 signed with HS512",
       [&] {
         auto h = good_header();
         h["alg"] = "HS512";
         return forge(h, good_claims(), kSecret, EVP_sha512());
       }},
      {"alg RS256 (key confusion) signed with HS256",
       [&] {
         auto h = good_header();
         h["alg"] = "RS256";
         return forge(h, good_claims(), kSecret);
       }},
      {"alg hs256 (case)",
       [&] {
         auto h = good_header();
         h["alg"] = "hs256";
         return forge(h, good_claims(), kSecret);
       }},
      {"missing alg",
       [&] {
         auto h = good_header();
         h.erase("alg");
         return forge(h, good_claims(), kSecret);
       }},
      {"alg not a string",
       [&] {
         auto h = good_header();
         h["alg"] = json::array{"HS256"};
         return forge(h, good_claims(), kSecret);
       }},
      {"header typ not JWT",
       [&] {
         auto h = good_header();
         h["typ"] = "JWE";
         return forge(h, good_claims(), kSecret);
       }},
      {"crit header",
       [&] {
         auto h = good_header();
         h["crit"] = json::array{"exp"};
         return forge(h, good_claims(), kSecret);
       }},
      {"bad signature",
       [&] {
         std::string t = good;
         t.back() = t.back() == 'A' ? 'Q' : 'A';
         return t;
       }},
      {"signature of the wrong length", [&] { return good.substr(0, good.rfind('.') + 1) + good_sig.substr(0, 40); }},
      {"signature with a padding character", [&] { return good + "="; }},
      {"edited payload with the original signature",
       [&] {
         auto claims = good_claims();
         claims["sub"] = "0190f0c4-0000-7000-8000-000000000002";
         return good_header_b64 + "." + base64url_encode(json::serialize(claims)) + "." + good_sig;
       }},
      {"signed with a random key", [&] { return forge(good_header(), good_claims(), kOtherSecret); }},
      {"random key claiming the current kid",
       [&] { return forge(good_header(JwtCodec::kid_for(kSecret)), good_claims(), kOtherSecret); }},
      {"unknown kid", [&] { return forge(good_header(JwtCodec::kid_for(kOtherSecret)), good_claims(), kOtherSecret); }},
      {"unknown kid, right secret", [&] { return forge(good_header("nope"), good_claims(), kSecret); }},
      {"missing kid",
       [&] {
         auto h = good_header();
         h.erase("kid");
         return forge(h, good_claims(), kSecret);
       }},
      {"expired", [&] { return forge(good_header(), with_claim("exp", 1'800'000'000 - 1), kSecret); }, "token_expired"},
      {"expires exactly now (no leeway)",
       [&] { return forge(good_header(), with_claim("exp", 1'800'000'000), kSecret); }, "token_expired"},
      {"missing exp", [&] { return forge(good_header(), without_claim("exp"), kSecret); }},
      {"exp as a string", [&] { return forge(good_header(), with_claim("exp", "1900000000"), kSecret); }},
      {"exp as a fraction", [&] { return forge(good_header(), with_claim("exp", 1'900'000'000.5), kSecret); }},
      {"nbf in the future", [&] { return forge(good_header(), with_claim("nbf", 1'800'000'000 + 60), kSecret); }},
      {"nbf just past the skew", [&] { return forge(good_header(), with_claim("nbf", 1'800'000'000 + 6), kSecret); }},
      {"missing nbf", [&] { return forge(good_header(), without_claim("nbf"), kSecret); }},
      {"iat in the future", [&] { return forge(good_header(), with_claim("iat", 1'800'000'000 + 60), kSecret); }},
      {"wrong iss", [&] { return forge(good_header(), with_claim("iss", "someone-else"), kSecret); }},
      {"missing iss", [&] { return forge(good_header(), without_claim("iss"), kSecret); }},
      {"wrong aud", [&] { return forge(good_header(), with_claim("aud", "other-api"), kSecret); }},
      {"aud array without ours",
       [&] {
         return forge(good_header(), with_claim("aud", json::array{"a", "b"}), kSecret);
       }},
      {"missing aud", [&] { return forge(good_header(), without_claim("aud"), kSecret); }},
      {"wrong typ", [&] { return forge(good_header(), with_claim("typ", "refresh"), kSecret); }},
      {"missing typ", [&] { return forge(good_header(), without_claim("typ"), kSecret); }},
      {"two segments", [&] { return good.substr(0, good.rfind('.')); }},
      {"four segments", [&] { return good + "." + good_sig; }},
      {"one segment", [&] { return good_header_b64; }},
      {"empty", [] { return std::string(); }},
      {"dots only", [] { return std::string(".."); }},
      {"non-base64 garbage", [] { return std::string("!!!$$$.%%%^^^.&&&***"); }},
      {"standard base64 alphabet",
       [&] {
         std::string t = good;
         for (auto& ch : t) {
           if (ch == '-') ch = '+';
           if (ch == '_') ch = '/';
         }
         return t == good ? std::string("+/+/.+/+/.+/+/") : t;
       }},
      {"header not JSON",
       [&] {
         const std::string input =
             base64url_encode("not json") + "." + base64url_encode(json::serialize(good_claims()));
         return input + "." + base64url_encode(mac(EVP_sha256(), kSecret, input));
       }},
      {"header a JSON array",
       [&] {
         const std::string input =
             base64url_encode("[\"HS256\"]") + "." + base64url_encode(json::serialize(good_claims()));
         return input + "." + base64url_encode(mac(EVP_sha256(), kSecret, input));
       }},
      {"payload a JSON array, correctly signed",
       [&] {
         const std::string input = good_header_b64 + "." + base64url_encode("[1,2,3]");
         return input + "." + base64url_encode(mac(EVP_sha256(), kSecret, input));
       }},
      {"payload a JSON string, correctly signed",
       [&] {
         const std::string input = good_header_b64 + "." + base64url_encode("\"hello\"");
         return input + "." + base64url_encode(mac(EVP_sha256(), kSecret, input));
       }},
      {"payload not JSON, correctly signed",
       [&] {
         const std::string input = good_header_b64 + "." + base64url_encode("{\"sub\":");
         return input + "." + base64url_encode(mac(EVP_sha256(), kSecret, input));
       }},
      {"oversize token, correctly signed",
       [&] {
         auto claims = good_claims();
         claims["pad"] = std::string(9000, 'x');
         return forge(good_header(), claims, kSecret);
       }},
      {"oversize garbage", [] { return std::string(100'000, 'a'); }},
  };

  for (const auto& attack : attacks) {
    SCOPED_TRACE(attack.name);
    expect_refused(c, attack.token(), attack.code);
  }
}

TEST(Jwt, PreviousKeyStillVerifiesRandomKeyDoesNot) {
  const JwtCodec old_codec(JwtKey{"", kOldSecret});
  const std::string old_token = old_codec.sign(good_claims());
  EXPECT_NO_THROW((void)codec().verify(old_token, "access", kLife, kNow));

  const JwtCodec stranger(JwtKey{"", kOtherSecret});
  expect_refused(codec(), stranger.sign(good_claims()));

  // Once the old key is dropped, its tokens stop working.
  const JwtCodec rotated(JwtKey{"", kSecret});
  expect_refused(rotated, old_token);
}

TEST(Jwt, ExplicitKidsSelectTheKey) {
  const JwtCodec a(JwtKey{"2025-01", kSecret}, {JwtKey{"2024-12", kOldSecret}});
  const JwtCodec old_signer(JwtKey{"2024-12", kOldSecret});
  EXPECT_NO_THROW((void)a.verify(old_signer.sign(good_claims()), "access", kLife, kNow));
  // Right kid, wrong key behind it.
  const JwtCodec liar(JwtKey{"2024-12", kOtherSecret});
  expect_refused(a, liar.sign(good_claims()));
}

TEST(Jwt, ClockSkewAndExpiryBoundaries) {
  const auto c = codec();
  // nbf and iat up to 5 s ahead of our clock are tolerated.
  auto claims = good_claims();
  claims["nbf"] = 1'800'000'005;
  claims["iat"] = 1'800'000'005;
  EXPECT_NO_THROW((void)c.verify(c.sign(claims), "access", kLife, kNow));
  // exp one second ahead is still valid; at a sub-second past it is not.
  claims = good_claims();
  claims["exp"] = 1'800'000'001;
  const std::string t = c.sign(claims);
  EXPECT_NO_THROW((void)c.verify(t, "access", kLife, kNow));
  EXPECT_NO_THROW((void)c.verify(t, "access", kLife, kNow + std::chrono::milliseconds(999)));
  expect_refused(c, t, "token_expired", "access", kNow + seconds(1));
  // A hostile far-future exp overflows nothing and is refused: it outlives the limit.
  claims = good_claims();
  claims["exp"] = std::numeric_limits<std::int64_t>::max();
  expect_refused(c, c.sign(claims));
  claims["exp"] = std::numeric_limits<std::uint64_t>::max();
  expect_refused(c, c.sign(claims));
}

TEST(Jwt, LifetimeIsBoundedByTheCallersLimit) {
  const auto c = codec();
  auto with_life = [](std::int64_t iat, std::int64_t exp) {
    auto claims = good_claims();
    claims["iat"] = iat;
    claims["exp"] = exp;
    return claims;
  };
  const std::int64_t now = 1'800'000'000;
  // Exactly the limit passes; one second more does not, however it is spread.
  EXPECT_NO_THROW((void)c.verify(c.sign(with_life(now, now + 900)), "access", kLife, kNow));
  expect_refused(c, c.sign(with_life(now, now + 901)));
  expect_refused(c, c.sign(with_life(now - 600, now + 301)));
  // A token issued long ago with a long exp is refused even while its exp is ahead.
  expect_refused(c, c.sign(with_life(now - 86'400, now + 60)));
  // The limit is the caller's: the same token passes a longer one (impersonation).
  const std::string hour = c.sign(with_life(now, now + 3600));
  expect_refused(c, hour);
  EXPECT_NO_THROW((void)c.verify(hour, "access", seconds(3600), kNow));
  expect_refused(c, hour, "invalid_token", "access", kNow, seconds(3599));
  // An expired token says so, whatever its lifetime (clients refresh on it).
  expect_refused(c, c.sign(with_life(now - 7200, now - 1)), "token_expired");
  // A negative iat that would make exp - iat overflow.
  expect_refused(c, c.sign(with_life(std::numeric_limits<std::int64_t>::min(), now + 60)));
  expect_refused(c, c.sign(with_life(-1, now + 60)));
}

TEST(Jwt, IatIsRequired) {
  const auto c = codec();
  auto claims = good_claims();
  claims.erase("iat");
  expect_refused(c, c.sign(claims));
  expect_refused(c, forge(good_header(), claims, kSecret));
  claims["iat"] = "1800000000";
  expect_refused(c, c.sign(claims));
  claims["iat"] = nullptr;
  expect_refused(c, c.sign(claims));
}

TEST(Jwt, HostileKidsAreUnknownKeys) {
  const auto c = codec();
  const std::vector<std::string> kids = {
      "../../etc/passwd",     "/dev/null", "' OR 1=1--", "\"; DROP TABLE users; --", std::string("kid\0nul", 8),
      std::string(4000, 'k'), ""};
  for (const auto& kid : kids) {
    SCOPED_TRACE(kid);
    // Signed with the current secret: only the kid is wrong, and it names no key.
    expect_refused(c, forge(good_header(kid), good_claims(), kSecret));
  }
  // A kid that is not a string.
  for (const json::value& kid :
       {json::value(1), json::value(nullptr), json::value(json::array{JwtCodec::kid_for(kSecret)}),
        json::value(json::object{{"kid", JwtCodec::kid_for(kSecret)}})}) {
    auto h = good_header();
    h["kid"] = kid;
    expect_refused(c, forge(h, good_claims(), kSecret));
  }
}

TEST(Jwt, AudienceArrayContainingOursIsAccepted) {
  const auto c = codec();
  auto claims = good_claims();
  claims["aud"] = json::array{"other", "keycard-api"};
  EXPECT_NO_THROW((void)c.verify(forge(good_header(), claims, kSecret), "access", kLife, kNow));
}

TEST(Jwt, HeaderWithoutTypIsAccepted) {
  auto h = good_header();
  h.erase("typ");
  EXPECT_NO_THROW((void)codec().verify(forge(h, good_claims(), kSecret), "access", kLife, kNow));
}

TEST(Jwt, TokenTypeIsChecked) {
  const auto c = codec();
  auto claims = good_claims();
  claims["typ"] = "impersonation";
  const std::string t = c.sign(claims);
  EXPECT_NO_THROW((void)c.verify(t, "impersonation", kLife, kNow));
  expect_refused(c, t, "invalid_token", "access");
}

TEST(Jwt, OtherIssuerOrAudienceCodecRefuses) {
  const std::string t = codec().sign(good_claims());
  expect_refused(JwtCodec(JwtKey{"", kSecret}, {}, "other-issuer"), t);
  expect_refused(JwtCodec(JwtKey{"", kSecret}, {}, "keycard", "other-api"), t);
}

TEST(Jwt, ErrorsAreShortAndGeneric) {
  const auto c = codec();
  try {
    (void)c.verify("abc.def.ghi", "access", kLife, kNow);
    FAIL();
  } catch (const Unauthorized& e) {
    EXPECT_EQ(e.detail(), "The access token is invalid.");
    EXPECT_EQ(e.code(), "invalid_token");
  }
  auto claims = good_claims();
  claims["exp"] = 1'700'000'000;
  try {
    (void)c.verify(c.sign(claims), "access", kLife, kNow);
    FAIL();
  } catch (const Unauthorized& e) {
    EXPECT_EQ(e.detail(), "The access token has expired.");
    EXPECT_EQ(e.code(), "token_expired");
  }
}

TEST(Jwt, SigningAnOversizeTokenIsAProgrammingError) {
  auto claims = good_claims();
  claims["pad"] = std::string(9000, 'x');
  EXPECT_THROW((void)codec().sign(claims), std::length_error);
}

}  // namespace
}  // namespace keycard::auth
