// app/config: every KEYCARD_* setting read through a fake environment, the
// defaults, and each invalid value refused with ConfigError.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "common/errors.hpp"

namespace keycard::app {
namespace {

using Env = std::map<std::string, std::string>;

Lookup fake_env(const Env& env) {
  return [env](std::string_view name) -> std::optional<std::string> {
    if (auto it = env.find(std::string(name)); it != env.end()) return it->second;
    return std::nullopt;
  };
}

TEST(ConfigTest, EmptyEnvironmentGivesTheDocumentedDefaults) {
  const auto c = load_config(fake_env({}));
  EXPECT_EQ(c.listen_host, "127.0.0.1");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.database, "sqlite:var/keycard.db");
  EXPECT_EQ(c.data_dir, "var/");
  EXPECT_FALSE(c.jwt_secret);
  EXPECT_FALSE(c.bootstrap_admin_email);
  EXPECT_FALSE(c.bootstrap_admin_password);
  EXPECT_EQ(c.web_root, "");
  EXPECT_EQ(c.log_level, "info");
  EXPECT_EQ(c.workers, 8);
  EXPECT_EQ(c.db_pool, 8U);
  EXPECT_EQ(c.body_limit, 1024U * 1024U);
  EXPECT_EQ(c.access_token_ttl_seconds, 900);
}

TEST(ConfigTest, EveryValidSettingIsTaken) {
  const auto c = load_config(fake_env({
      {"KEYCARD_LISTEN", "0.0.0.0:9090"},
      {"KEYCARD_DATABASE", "postgresql://kc@db/keycard"},
      {"KEYCARD_DATA_DIR", "/srv/keycard"},
      {"KEYCARD_JWT_SECRET", std::string(32, 'k')},
      {"KEYCARD_BOOTSTRAP_ADMIN_EMAIL", "Root@Example.COM"},
      {"KEYCARD_BOOTSTRAP_ADMIN_PASSWORD", "0123456789"},
      {"KEYCARD_WEB_ROOT", "/srv/web"},
      {"KEYCARD_LOG_LEVEL", "debug"},
      {"KEYCARD_WORKERS", "3"},
      {"KEYCARD_DB_POOL", "5"},
      {"KEYCARD_BODY_LIMIT", "2048"},
      {"KEYCARD_READ_TIMEOUT", "7"},
      {"KEYCARD_IDLE_TIMEOUT", "90"},
      {"KEYCARD_ACCESS_TOKEN_TTL", "60"},
  }));
  EXPECT_EQ(c.read_timeout_seconds, 7);
  EXPECT_EQ(c.idle_timeout_seconds, 90);
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9090);
  EXPECT_EQ(c.database, "postgresql://kc@db/keycard");
  EXPECT_EQ(c.data_dir, "/srv/keycard");
  EXPECT_EQ(c.jwt_secret, std::string(32, 'k'));
  EXPECT_EQ(c.bootstrap_admin_email, "root@example.com");  // lower-cased
  EXPECT_EQ(c.bootstrap_admin_password, "0123456789");
  EXPECT_EQ(c.web_root, "/srv/web");
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_EQ(c.workers, 3);
  EXPECT_EQ(c.db_pool, 5U);
  EXPECT_EQ(c.body_limit, 2048U);
  EXPECT_EQ(c.access_token_ttl_seconds, 60);
}

TEST(ConfigTest, PoolFollowsWorkersUnlessSetItself) {
  EXPECT_EQ(load_config(fake_env({{"KEYCARD_WORKERS", "4"}})).db_pool, 4U);
  EXPECT_EQ(load_config(fake_env({{"KEYCARD_WORKERS", "4"}, {"KEYCARD_DB_POOL", "16"}})).db_pool, 16U);
}

TEST(ConfigTest, EmptyOptionalSecretsAreTreatedAsUnset) {
  const auto c = load_config(fake_env({{"KEYCARD_JWT_SECRET", ""},
                                       {"KEYCARD_BOOTSTRAP_ADMIN_EMAIL", ""},
                                       {"KEYCARD_BOOTSTRAP_ADMIN_PASSWORD", ""},
                                       {"KEYCARD_LOG_LEVEL", ""}}));
  EXPECT_FALSE(c.jwt_secret);
  EXPECT_FALSE(c.bootstrap_admin_email);
  EXPECT_FALSE(c.bootstrap_admin_password);
  EXPECT_EQ(c.log_level, "info");
}

struct AcceptedCase {
  std::string name;
  std::string value;
};

TEST(ConfigTest, AcceptedValuesAtTheEdges) {
  const std::vector<AcceptedCase> cases = {
      {"KEYCARD_DATABASE", "sqlite:/tmp/x.db"},
      {"KEYCARD_DATABASE", "sqlite::memory:"},
      {"KEYCARD_DATABASE", "postgres://u@h/d"},
      {"KEYCARD_WORKERS", "1"},
      {"KEYCARD_WORKERS", "256"},
      {"KEYCARD_DB_POOL", "512"},
      {"KEYCARD_BODY_LIMIT", "1024"},
      {"KEYCARD_BODY_LIMIT", "67108864"},
      {"KEYCARD_READ_TIMEOUT", "1"},
      {"KEYCARD_READ_TIMEOUT", "600"},
      {"KEYCARD_IDLE_TIMEOUT", "3600"},
      {"KEYCARD_ACCESS_TOKEN_TTL", "10"},
      {"KEYCARD_ACCESS_TOKEN_TTL", "3600"},
      {"KEYCARD_LOG_LEVEL", "off"},
      {"KEYCARD_LOG_LEVEL", "trace"},
  };
  for (const auto& c : cases) {
    EXPECT_NO_THROW((void)load_config(fake_env({{c.name, c.value}}))) << c.name << "=" << c.value;
  }
}

TEST(ConfigTest, InvalidValuesAreRefused) {
  const std::vector<AcceptedCase> cases = {
      {"KEYCARD_LISTEN", "nonsense"},
      {"KEYCARD_DATABASE", "mysql://u@h/d"},
      {"KEYCARD_DATABASE", "sqlite:"},
      {"KEYCARD_DATABASE", "/var/keycard.db"},
      {"KEYCARD_DATA_DIR", ""},
      {"KEYCARD_JWT_SECRET", std::string(31, 'k')},
      {"KEYCARD_BOOTSTRAP_ADMIN_EMAIL", "not-an-email"},
      {"KEYCARD_BOOTSTRAP_ADMIN_EMAIL", "a b@example.com"},
      {"KEYCARD_BOOTSTRAP_ADMIN_PASSWORD", "123456789"},
      {"KEYCARD_LOG_LEVEL", "verbose"},
      {"KEYCARD_LOG_LEVEL", "INFO"},
      {"KEYCARD_WORKERS", "0"},
      {"KEYCARD_WORKERS", "257"},
      {"KEYCARD_WORKERS", "eight"},
      {"KEYCARD_WORKERS", "8 "},
      {"KEYCARD_WORKERS", ""},
      {"KEYCARD_WORKERS", "-1"},
      {"KEYCARD_DB_POOL", "0"},
      {"KEYCARD_DB_POOL", "513"},
      {"KEYCARD_BODY_LIMIT", "1023"},
      {"KEYCARD_BODY_LIMIT", "67108865"},
      {"KEYCARD_BODY_LIMIT", "1e6"},
      {"KEYCARD_READ_TIMEOUT", "0"},
      {"KEYCARD_READ_TIMEOUT", "601"},
      {"KEYCARD_IDLE_TIMEOUT", "0"},
      {"KEYCARD_IDLE_TIMEOUT", "soon"},
      {"KEYCARD_ACCESS_TOKEN_TTL", "9"},
      {"KEYCARD_ACCESS_TOKEN_TTL", "3601"},
  };
  for (const auto& c : cases) {
    EXPECT_THROW((void)load_config(fake_env({{c.name, c.value}})), ConfigError) << c.name << "=" << c.value;
  }
}

TEST(ConfigTest, ErrorNamesTheSettingAndTheValue) {
  try {
    (void)load_config(fake_env({{"KEYCARD_WORKERS", "lots"}}));
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("KEYCARD_WORKERS"), std::string::npos) << what;
    EXPECT_NE(what.find("'lots'"), std::string::npos) << what;
  }
}

struct ListenCase {
  std::string text;
  std::string host;
  std::uint16_t port;
};

TEST(ParseListenTest, AcceptsAddresses) {
  const std::vector<ListenCase> cases = {
      {"127.0.0.1:8080", "127.0.0.1", 8080},
      {"0.0.0.0:80", "0.0.0.0", 80},
      {"localhost:3000", "127.0.0.1", 3000},
      {"[::1]:8443", "::1", 8443},
      {"[::]:8080", "::", 8080},
      {"10.0.0.1:0", "10.0.0.1", 0},  // 0: any free port (tests)
      {"10.0.0.1:65535", "10.0.0.1", 65535},
  };
  for (const auto& c : cases) {
    const auto [host, port] = parse_listen(c.text);
    EXPECT_EQ(host, c.host) << c.text;
    EXPECT_EQ(port, c.port) << c.text;
  }
}

TEST(ParseListenTest, RefusesMalformed) {
  const std::vector<std::string> cases = {
      "",
      "8080",
      ":8080",
      "127.0.0.1",
      "127.0.0.1:",
      "127.0.0.1:http",
      "127.0.0.1:65536",
      "127.0.0.1:-1",
      "127.0.0.1:80x",
      "example.com:80",
      "[::1]",
      "[::1]:",
      "my host:80",
      "127.0.0.1:+80",
  };
  for (const auto& text : cases) {
    EXPECT_THROW((void)parse_listen(text), ConfigError) << "'" << text << "'";
  }
}

TEST(ConfigTest, TrustedProxiesDefaultToNone) {
  EXPECT_TRUE(load_config(fake_env({})).trusted_proxies.empty());
  EXPECT_TRUE(load_config(fake_env({{"KEYCARD_TRUSTED_PROXIES", ""}})).trusted_proxies.empty());
}

TEST(ConfigTest, TrustedProxiesTakeAddressesAndRanges) {
  const auto c = load_config(fake_env({{"KEYCARD_TRUSTED_PROXIES", " 10.0.0.1, 192.168.0.0/16,::1 ,fd00::/8,"}}));
  ASSERT_EQ(c.trusted_proxies.size(), 4U);
  EXPECT_EQ(c.trusted_proxies[0].prefix, 128);  // one IPv4 address: /32 over the mapped form
  EXPECT_EQ(c.trusted_proxies[1].prefix, 96 + 16);
  EXPECT_EQ(c.trusted_proxies[2].prefix, 128);
  EXPECT_EQ(c.trusted_proxies[3].prefix, 8);
  EXPECT_TRUE(c.trusted_proxies[1].contains(*parse_address("192.168.7.9")));
  EXPECT_FALSE(c.trusted_proxies[1].contains(*parse_address("192.169.0.1")));
}

TEST(ConfigTest, TrustedProxiesRefuseWhatIsNoAddress) {
  for (const std::string bad : {"proxy.internal", "10.0.0.0/33", "::/129", "10.0.0.1:8080", "10.0.0/8", "10.0.0.0/",
                                "10.0.0.0/-1", "[::1]", "*", "10.0.0.1 10.0.0.2"}) {
    SCOPED_TRACE(bad);
    try {
      (void)load_config(fake_env({{"KEYCARD_TRUSTED_PROXIES", "10.0.0.1," + bad}}));
      ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("KEYCARD_TRUSTED_PROXIES"), std::string::npos) << e.what();
    }
  }
}

TEST(ConfigTest, PreviousJwtSecretsForARotationWindow) {
  EXPECT_TRUE(load_config(fake_env({})).jwt_previous_secrets.empty());
  const std::string a(32, 'a'), b(40, 'b');
  const auto c = load_config(fake_env({{"KEYCARD_JWT_PREVIOUS_SECRETS", " " + a + " ,," + b + ","}}));
  EXPECT_EQ(c.jwt_previous_secrets, (std::vector<std::string>{a, b}));
  EXPECT_THROW((void)load_config(fake_env({{"KEYCARD_JWT_PREVIOUS_SECRETS", a + ",short"}})), ConfigError);
}

}  // namespace
}  // namespace keycard::app
