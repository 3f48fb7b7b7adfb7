// audit/: entries written on a real SQLite database form one hash chain per
// tenant plus the platform's; verify() finds the first entry that was edited
// or removed behind the application's back (the tampering goes around the
// append-only triggers with the sqlite3 C API, as an attacker with the file
// would), and the application itself cannot UPDATE or DELETE entries.
#include "audit/audit.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/ids.hpp"
#include "db/database.hpp"

namespace keycard::audit {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const std::string kTenantA = "0190f0c4-0000-7000-8000-00000000000a";
const std::string kTenantB = "0190f0c4-0000-7000-8000-00000000000b";

// Runs SQL on the database file directly, outside the application.
void tamper(const fs::path& file, const std::string& sql) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  sqlite3_busy_timeout(db.get(), 5000);
  char* err = nullptr;
  const int rc = sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << message;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("keycard-audit-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir_);
    db_ = db::Database::open("sqlite:" + file().string());
    db_->migrate();
  }
  void TearDown() override {
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  [[nodiscard]] fs::path file() const { return dir_ / "t.db"; }

  void write(const std::optional<std::string>& tenant, const std::string& action,
             json::object changes = json::object{{"n", 1}}) {
    auto tx = db_->begin_platform(db::TxMode::write);
    Actor actor;
    actor.user_id = "0190f0c4-0000-7000-8000-0000000000ff";
    actor.email = "admin@example.com";
    actor.ip = "192.0.2.1";
    actor.request_id = "req-" + action;
    record(tx, actor, {tenant, action, "hotel", new_uuid(), std::move(changes)});
    tx.commit();
  }

  // Platform: p1 p2; tenant A: a1 a2 a3; tenant B: b1 b2; interleaved.
  void write_two_chains() {
    write(std::nullopt, "p1");
    write(kTenantA, "a1");
    write(kTenantB, "b1");
    write(kTenantA, "a2");
    write(std::nullopt, "p2");
    write(kTenantB, "b2");
    write(kTenantA, "a3");
  }

  std::string id_of(const std::string& action) {
    auto tx = db_->begin_platform(db::TxMode::read);
    auto row = tx.one("SELECT id FROM audit_logs WHERE action = $1", {action});
    tx.commit();
    if (!row) throw std::runtime_error("no audit entry " + action);
    return row->text(0);
  }

  VerifyResult check(const std::optional<std::string>& chain = std::nullopt) {
    auto tx = db_->begin_platform(db::TxMode::read);
    auto r = verify(tx, chain);
    tx.commit();
    return r;
  }

  fs::path dir_;
  std::unique_ptr<db::Database> db_;
};

TEST_F(AuditTest, IntactChainsVerify) {
  write_two_chains();
  const auto all = check();
  EXPECT_TRUE(all.ok);
  EXPECT_EQ(all.checked, 7);
  EXPECT_FALSE(all.first_broken_id);
  EXPECT_FALSE(all.chain);

  const std::vector<std::pair<std::string, std::int64_t>> per_chain = {
      {"platform", 2}, {kTenantA, 3}, {kTenantB, 2}, {"0190f0c4-0000-7000-8000-0000000000cc", 0}};
  for (const auto& [chain, count] : per_chain) {
    const auto r = check(chain);
    EXPECT_TRUE(r.ok) << chain;
    EXPECT_EQ(r.checked, count) << chain;
  }
}

TEST_F(AuditTest, EmptyTrailVerifies) {
  const auto r = check();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 0);
}

TEST_F(AuditTest, EntriesAreLinkedFromTheGenesisOfTheirChain) {
  write_two_chains();
  auto tx = db_->begin_platform(db::TxMode::read);
  for (const auto& [chain, actions] : std::map<std::string, std::vector<std::string>>{
           {"platform", {"p1", "p2"}}, {kTenantA, {"a1", "a2", "a3"}}, {kTenantB, {"b1", "b2"}}}) {
    std::string prev = sha256_hex("keycard-audit-genesis:" + chain);
    std::int64_t seq = 0;
    for (const auto& action : actions) {
      auto row = tx.one("SELECT chain_seq, prev_hash, hash, tenant_id, request_id FROM audit_logs WHERE action = $1",
                        {action});
      ASSERT_TRUE(row) << action;
      EXPECT_EQ(row->int64(0), ++seq) << action;
      EXPECT_EQ(row->text(1), prev) << action;
      EXPECT_EQ(row->text(2).size(), 64U) << action;
      EXPECT_EQ(row->opt_text(3), chain == "platform" ? std::nullopt : std::optional<std::string>(chain));
      EXPECT_EQ(row->text(4), "req-" + action);
      prev = row->text(2);
    }
    // The chain head remembers the last entry.
    auto head = tx.one("SELECT seq, hash FROM audit_chain_heads WHERE chain = $1", {chain});
    ASSERT_TRUE(head) << chain;
    EXPECT_EQ(head->int64(0), seq) << chain;
    EXPECT_EQ(head->text(1), prev) << chain;
  }
  tx.commit();
}

TEST_F(AuditTest, AnEntryRolledBackWithItsTransactionLeavesNoTrace) {
  {
    auto tx = db_->begin_platform(db::TxMode::write);
    record(tx, Actor{}, {kTenantA, "rolled.back", "hotel", std::nullopt, {}});
    // no commit: the change it describes did not happen either
  }
  write(kTenantA, "kept");
  auto tx = db_->begin_platform(db::TxMode::read);
  EXPECT_FALSE(tx.one("SELECT id FROM audit_logs WHERE action = 'rolled.back'"));
  EXPECT_EQ(tx.one("SELECT chain_seq FROM audit_logs WHERE action = 'kept'")->int64(0), 1);
  tx.commit();
  EXPECT_TRUE(check().ok);
}

struct TamperCase {
  std::string name;
  std::string sql;           // $ID is replaced by the target entry's id
  std::string target;        // the entry the SQL touches
  std::string first_broken;  // the entry verify must name
  std::string chain;
};

TEST_F(AuditTest, TamperingIsFoundAtTheFirstBrokenEntry) {
  const std::vector<TamperCase> cases = {
      {"action rewritten", "UPDATE audit_logs SET action = 'a2-innocent' WHERE id = '$ID'", "a2", "a2", kTenantA},
      {"changes rewritten", "UPDATE audit_logs SET changes = '{\"n\":2}' WHERE id = '$ID'", "p1", "p1", "platform"},
      {"actor rewritten", "UPDATE audit_logs SET actor_email = 'someone@else.com' WHERE id = '$ID'", "b2", "b2",
       kTenantB},
      {"actor erased", "UPDATE audit_logs SET actor_user_id = NULL WHERE id = '$ID'", "a1", "a1", kTenantA},
      {"time moved", "UPDATE audit_logs SET created_at = '2000-01-01T00:00:00.000000Z' WHERE id = '$ID'", "b1", "b1",
       kTenantB},
      {"ip rewritten", "UPDATE audit_logs SET ip = '10.0.0.1' WHERE id = '$ID'", "a3", "a3", kTenantA},
      {"hash replaced", "UPDATE audit_logs SET hash = '" + std::string(64, '0') + "' WHERE id = '$ID'", "a2", "a2",
       kTenantA},
      {"link replaced", "UPDATE audit_logs SET prev_hash = '" + std::string(64, '0') + "' WHERE id = '$ID'", "a3", "a3",
       kTenantA},
      {"sequence renumbered", "UPDATE audit_logs SET chain_seq = 7 WHERE id = '$ID'", "p2", "p2", "platform"},
      {"entry removed", "DELETE FROM audit_logs WHERE id = '$ID'", "a2", "a3", kTenantA},
      {"first entry removed", "DELETE FROM audit_logs WHERE id = '$ID'", "p1", "p2", "platform"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    TearDown();  // each case tampers with a database of its own
    SetUp();
    write_two_chains();
    ASSERT_TRUE(check().ok);
    std::map<std::string, std::string> ids;
    for (const auto* a : {"p1", "p2", "a1", "a2", "a3", "b1", "b2"}) ids[a] = id_of(a);
    std::string sql = c.sql;
    sql.replace(sql.find("$ID"), 3, ids.at(c.target));
    tamper(file(), "DROP TRIGGER audit_logs_no_update; DROP TRIGGER audit_logs_no_delete; " + sql);

    const auto all = check();
    EXPECT_FALSE(all.ok);
    EXPECT_EQ(all.first_broken_id, ids.at(c.first_broken));
    EXPECT_EQ(all.chain, c.chain);
    const auto one = check(c.chain);
    EXPECT_FALSE(one.ok);
    EXPECT_EQ(one.first_broken_id, ids.at(c.first_broken));
    // The other chains are not affected.
    for (const auto& other : {std::string("platform"), kTenantA, kTenantB}) {
      if (other != c.chain) {
        EXPECT_TRUE(check(other).ok) << other;
      }
    }
  }
}

TEST_F(AuditTest, TheEarliestOfTwoEditsIsNamed) {
  write_two_chains();
  const auto a2 = id_of("a2");
  const auto a3 = id_of("a3");
  tamper(file(), "DROP TRIGGER audit_logs_no_update; UPDATE audit_logs SET action = 'x' WHERE id IN ('" + a2 + "', '" +
                     a3 + "')");
  const auto r = check(kTenantA);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_id, a2);
}

TEST_F(AuditTest, TheApplicationCannotUpdateOrDeleteEntries) {
  write_two_chains();
  const auto a2 = id_of("a2");
  const std::vector<std::string> statements = {
      "UPDATE audit_logs SET action = 'rewritten' WHERE id = $1",
      "DELETE FROM audit_logs WHERE id = $1",
  };
  for (const auto& sql : statements) {
    auto tx = db_->begin_platform(db::TxMode::write);
    try {
      tx.exec(sql, {a2});
      ADD_FAILURE() << "allowed: " << sql;
    } catch (const db::ConstraintError& e) {
      EXPECT_EQ(e.constraint, "audit_logs is append-only") << e.what();
    }
  }
  {
    auto tx = db_->begin_platform(db::TxMode::write);
    EXPECT_THROW(tx.exec("DELETE FROM audit_logs"), db::ConstraintError);
  }
  EXPECT_EQ(id_of("a2"), a2);
  const auto r = check();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 7);
}

TEST_F(AuditTest, SecretsAreRedactedBeforeTheyAreStored) {
  write(kTenantA, "user.created",
        json::object{{"email", "ana@example.com"},
                     {"password", "hunter2-plain"},
                     {"manager", json::object{{"password_hash", "$argon2id$stored"}, {"first_name", "Ana"}}}});
  auto tx = db_->begin_platform(db::TxMode::read);
  const auto stored = tx.one("SELECT changes FROM audit_logs WHERE action = 'user.created'")->text(0);
  tx.commit();
  EXPECT_EQ(stored.find("hunter2-plain"), std::string::npos) << stored;
  EXPECT_EQ(stored.find("$argon2id$stored"), std::string::npos) << stored;
  const auto o = json::parse(stored).as_object();
  EXPECT_EQ(o.at("email").as_string(), "ana@example.com");
  EXPECT_EQ(o.at("password").as_string(), "[redacted]");
  EXPECT_EQ(o.at("manager").at("first_name").as_string(), "Ana");
  EXPECT_TRUE(check().ok);
}

TEST(RedactTest, Cases) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"name":"Grand"})", R"({"name":"Grand"})"},
      {R"({"password":"x"})", R"({"password":"[redacted]"})"},
      {R"({"new_password":"x","current_password":"y"})",
       R"({"new_password":"[redacted]","current_password":"[redacted]"})"},
      {R"({"refresh_token":"x","access_token":"y"})", R"({"refresh_token":"[redacted]","access_token":"[redacted]"})"},
      {R"({"jwt_secret":"x"})", R"({"jwt_secret":"[redacted]"})"},
      {R"({"password_hash":"x"})", R"({"password_hash":"[redacted]"})"},
      {R"({"card_number":"4111111111111111","cvv":"123","cvc":"456"})",
       R"({"card_number":"[redacted]","cvv":"[redacted]","cvc":"[redacted]"})"},
      // A secret key hides its whole value, objects included.
      {R"({"password":{"before":"a","after":"b"}})", R"({"password":"[redacted]"})"},
      {R"({"manager":{"email":"m@x.co","password":"x"}})", R"({"manager":{"email":"m@x.co","password":"[redacted]"}})"},
      {R"({"a":{"b":{"token":"x","n":1}}})", R"({"a":{"b":{"token":"[redacted]","n":1}}})"},
      // Secrets inside lists of objects.
      {R"({"users":[{"email":"a@x.co","password":"x"},"plain",3]})",
       R"({"users":[{"email":"a@x.co","password":"[redacted]"},"plain",3]})"},
      {R"({"batches":[[{"secret":"x"}]]})", R"({"batches":[[{"secret":"[redacted]"}]]})"},
  };
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(json::value(redact(json::parse(in).as_object())), json::parse(out)) << in;
  }
}

}  // namespace
}  // namespace keycard::audit
