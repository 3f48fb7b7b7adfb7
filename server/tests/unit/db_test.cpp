// db/: the same CRUD cases against a temporary SQLite file and, when
// KEYCARD_TEST_POSTGRES_URL is set, against PostgreSQL (in a throwaway schema).
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "access/tenant_scope.hpp"
#include "common/errors.hpp"
#include "common/metrics.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"

namespace keycard::access {
struct TenantScopeTestAccess {
  static TenantScope make(std::string tenant_id) { return TenantScope(std::move(tenant_id)); }
};
}  // namespace keycard::access

namespace keycard::db {
namespace {

using access::TenantScopeTestAccess;
using Kind = ConstraintError::Kind;

std::string random_suffix() {
  std::random_device rd;
  return std::to_string(rd()) + std::to_string(rd() % 1000);
}

const char* postgres_url() { return std::getenv("KEYCARD_TEST_POSTGRES_URL"); }

struct PgConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct PgResultClear {
  void operator()(PGresult* r) const { PQclear(r); }
};

// A plain libpq connection as the URL's user, for test setup only.
class OwnerSession {
 public:
  explicit OwnerSession(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_.get()));
    PQsetNoticeProcessor(
        conn_.get(), [](void*, const char*) {}, nullptr);
  }
  std::string run(const std::string& sql) {
    const std::unique_ptr<PGresult, PgResultClear> r(PQexec(conn_.get(), sql.c_str()));
    const auto st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      throw std::runtime_error(sql + ": " + PQerrorMessage(conn_.get()));
    }
    return st == PGRES_TUPLES_OK && PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
  }

 private:
  std::unique_ptr<PGconn, PgConnCloser> conn_;
};

std::string with_search_path(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" + schema;
}

// One backend's database for one test: SQLite in a fresh temporary directory
// (whose parent does not exist yet), PostgreSQL in a fresh schema.
class TestDatabase {
 public:
  explicit TestDatabase(Backend backend, Options options = {}, const std::string& application_name = {})
      : backend_(backend) {
    if (backend == Backend::sqlite) {
      dir_ = std::filesystem::temp_directory_path() / ("keycard-db-test-" + random_suffix());
      url_ = "sqlite:" + (dir_ / "nested" / "test.db").string();
    } else {
      schema_ = "kc_db_test_" + random_suffix();
      owner_ = std::make_unique<OwnerSession>(postgres_url());
      owner_->run(
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keycard_app') THEN "
          "CREATE ROLE keycard_app NOLOGIN; END IF; END $$");
      owner_->run("CREATE SCHEMA " + schema_);
      owner_->run("GRANT USAGE, CREATE ON SCHEMA " + schema_ + " TO keycard_app");
      url_ = with_search_path(postgres_url(), schema_);
      if (!application_name.empty()) url_ += "&application_name=" + application_name;
    }
    db_ = Database::open(url_, options);
  }
  ~TestDatabase() {
    db_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
    if (owner_) {
      try {
        owner_->run("DROP SCHEMA " + schema_ + " CASCADE");
      } catch (...) {
      }
    }
  }
  Database& operator*() { return *db_; }
  Database* operator->() { return db_.get(); }
  [[nodiscard]] const std::string& url() const { return url_; }
  OwnerSession& owner() { return *owner_; }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  [[nodiscard]] const std::string& schema() const { return schema_; }

 private:
  Backend backend_;
  std::filesystem::path dir_;
  std::string schema_;
  std::string url_;
  std::unique_ptr<OwnerSession> owner_;
  std::unique_ptr<Database> db_;
};

// Portable DDL: the same text creates equivalent tables on both backends.
constexpr const char* kCreateKv =
    "CREATE TABLE kv ("
    " id BIGINT PRIMARY KEY, name TEXT NOT NULL, note TEXT, n BIGINT, flag BOOLEAN,"
    " score DOUBLE PRECISION,"
    " CONSTRAINT kv_name_key UNIQUE (name), CONSTRAINT kv_n_positive CHECK (n > 0))";
constexpr const char* kCreateChild =
    "CREATE TABLE child (id BIGINT PRIMARY KEY, kv_id BIGINT NOT NULL REFERENCES kv (id))";
constexpr const char* kInsertKv = "INSERT INTO kv (id, name, note, n, flag, score) VALUES ($1, $2, $3, $4, $5, $6)";

class DbCrud : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgres && !postgres_url()) {
      GTEST_SKIP() << "KEYCARD_TEST_POSTGRES_URL is not set";
    }
    db_ = std::make_unique<TestDatabase>(GetParam());
    auto tx = (*db_)->begin_platform(TxMode::write);
    tx.exec(kCreateKv);
    tx.exec(kCreateChild);
    tx.commit();
  }
  void TearDown() override { db_.reset(); }

  Database& db() { return **db_; }
  std::int64_t count_kv() {
    auto tx = db().begin_platform(TxMode::read);
    return tx.one("SELECT count(*) FROM kv")->int64(0);
  }
  void insert(std::int64_t id, const std::string& name, std::int64_t n = 1) {
    auto tx = db().begin_platform(TxMode::write);
    tx.exec(kInsertKv, {id, name, nullptr, n, true, 1.5});
    tx.commit();
  }
  template <typename F>
  ConstraintError constraint_error(F&& f) {
    try {
      f();
    } catch (const ConstraintError& e) {
      return e;
    }
    ADD_FAILURE() << "no ConstraintError";
    return ConstraintError(Kind::other, "", "none");
  }

  std::unique_ptr<TestDatabase> db_;
};

TEST_P(DbCrud, RepeatedParameterBindsTheSameValue) {
  auto tx = db().begin_platform(TxMode::write);
  tx.exec("INSERT INTO kv (id, name, note) VALUES ($1, $2, $2)", {std::int64_t{1}, std::string("same")});
  const auto row = tx.one("SELECT name, note FROM kv WHERE id = $1 AND name = $2 AND note = $2",
                          {std::int64_t{1}, std::string("same")});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0), "same");
  EXPECT_EQ(row->text(1), "same");
}

TEST_P(DbCrud, NullsRoundTrip) {
  auto tx = db().begin_platform(TxMode::write);
  tx.exec(kInsertKv, {std::int64_t{1}, std::string("a"), nullable(std::optional<std::string>{}),
                      nullable(std::optional<std::int64_t>{}), nullptr, nullptr});
  const auto row = tx.one("SELECT note, n, flag, score FROM kv");
  ASSERT_TRUE(row);
  for (std::size_t c = 0; c < 4; ++c) EXPECT_TRUE(row->is_null(c)) << c;
  EXPECT_EQ(row->opt_text(0), std::nullopt);
  EXPECT_EQ(row->opt_int64(1), std::nullopt);
  EXPECT_THROW((void)row->text(0), DbError);
  EXPECT_THROW((void)row->int64(1), DbError);
  EXPECT_THROW((void)row->boolean(2), DbError);
  EXPECT_THROW((void)row->text(9), DbError);
  EXPECT_EQ(tx.one("SELECT count(*) FROM kv WHERE note IS NULL AND n IS NULL")->int64(0), 1);
}

TEST_P(DbCrud, ValuesRoundTrip) {
  struct Case {
    std::int64_t id;
    std::int64_t n;
    bool flag;
    double score;
    std::string name;
  };
  const std::vector<Case> cases = {
      {1, 9007199254740993LL, true, 0.1, "plain"},
      {2, 1, false, -2.5, "quotes ' \" and \\ backslash"},
      {3, std::numeric_limits<std::int64_t>::max(), true, 1e300, "ünïcødé ✓"},
      {4, 42, false, 3.0, ""},
  };
  {
    auto tx = db().begin_platform(TxMode::write);
    for (const auto& c : cases) tx.exec(kInsertKv, {c.id, c.name, std::string("note"), c.n, c.flag, c.score});
    tx.commit();
  }
  auto tx = db().begin_platform(TxMode::read);
  const auto r = tx.exec("SELECT id, name, n, flag, score FROM kv ORDER BY id");
  ASSERT_EQ(r.rows.size(), cases.size());
  EXPECT_EQ(r.columns, (std::vector<std::string>{"id", "name", "n", "flag", "score"}));
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& row = r.rows[i];
    EXPECT_EQ(row.int64(0), cases[i].id);
    EXPECT_EQ(row.text(1), cases[i].name);
    EXPECT_EQ(row.int64(2), cases[i].n);
    EXPECT_EQ(row.boolean(3), cases[i].flag);
    EXPECT_EQ(row.real(4), cases[i].score);
  }
  // Booleans read back the same whatever the backend stores.
  const auto b = tx.one("SELECT flag FROM kv WHERE id = $1", {std::int64_t{1}});
  EXPECT_TRUE(b->text(0) == "true" || b->text(0) == "1") << b->text(0);
  // An integral real is still an integer.
  EXPECT_EQ(tx.one("SELECT score FROM kv WHERE id = 4")->int64(0), 3);
}

TEST_P(DbCrud, ConstraintViolationsAreClassified) {
  insert(1, "taken");
  const auto unique = constraint_error([&] { insert(2, "taken"); });
  EXPECT_EQ(unique.kind, Kind::unique);
  // The constraint's exact name on both backends (SQLite reports columns).
  EXPECT_EQ(unique.constraint, "kv_name_key");
  const auto primary = constraint_error([&] { insert(1, "other"); });
  EXPECT_EQ(primary.kind, Kind::unique);
  EXPECT_EQ(primary.constraint, "kv_pkey");

  const auto check = constraint_error([&] { insert(3, "negative", -5); });
  EXPECT_EQ(check.kind, Kind::check);
  EXPECT_EQ(check.constraint, "kv_n_positive");

  const auto not_null = constraint_error([&] {
    auto tx = db().begin_platform(TxMode::write);
    tx.exec("INSERT INTO kv (id, name) VALUES ($1, $2)", {std::int64_t{4}, nullptr});
  });
  EXPECT_EQ(not_null.kind, Kind::not_null);
  EXPECT_EQ(not_null.constraint, "kv.name");

  const auto fk = constraint_error([&] {
    auto tx = db().begin_platform(TxMode::write);
    tx.exec("INSERT INTO child (id, kv_id) VALUES ($1, $2)", {std::int64_t{1}, std::int64_t{999}});
  });
  EXPECT_EQ(fk.kind, Kind::foreign_key);

  const auto pk = constraint_error([&] { insert(1, "other"); });
  EXPECT_EQ(pk.kind, Kind::unique);
  EXPECT_EQ(count_kv(), 1);
}

TEST_P(DbCrud, DestructionRollsBackAndCommitPersists) {
  {
    auto tx = db().begin_platform(TxMode::write);
    tx.exec(kInsertKv, {std::int64_t{1}, std::string("gone"), nullptr, std::int64_t{1}, false, 0.0});
    EXPECT_EQ(tx.one("SELECT count(*) FROM kv")->int64(0), 1);
  }
  EXPECT_EQ(count_kv(), 0);
  {
    auto tx = db().begin_platform(TxMode::write);
    tx.exec(kInsertKv, {std::int64_t{1}, std::string("kept"), nullptr, std::int64_t{1}, false, 0.0});
    tx.commit();
    EXPECT_THROW(tx.exec("SELECT 1"), DbError);
    EXPECT_THROW(tx.commit(), DbError);
  }
  EXPECT_EQ(count_kv(), 1);
  // A moved transaction is rolled back once, by its new owner.
  {
    auto tx = db().begin_platform(TxMode::write);
    tx.exec(kInsertKv, {std::int64_t{2}, std::string("moved"), nullptr, std::int64_t{1}, false, 0.0});
    Transaction moved(std::move(tx));
    moved.commit();
  }
  EXPECT_EQ(count_kv(), 2);
}

TEST_P(DbCrud, ReturningAndAffectedRows) {
  auto tx = db().begin_platform(TxMode::write);
  const auto ins = tx.exec("INSERT INTO kv (id, name, n) VALUES ($1, $2, $3) RETURNING id, name",
                           {std::int64_t{7}, std::string("seven"), std::int64_t{3}});
  ASSERT_EQ(ins.rows.size(), 1u);
  EXPECT_EQ(ins.rows[0].int64(0), 7);
  EXPECT_EQ(ins.rows[0].text(1), "seven");
  EXPECT_EQ(ins.affected, 1);
  tx.exec("INSERT INTO kv (id, name, n) VALUES (8, 'eight', 3)");
  const auto upd = tx.exec("UPDATE kv SET n = n + 1 WHERE n = $1 RETURNING n", {std::int64_t{3}});
  EXPECT_EQ(upd.affected, 2);
  EXPECT_EQ(upd.rows.size(), 2u);
  EXPECT_EQ(tx.exec("UPDATE kv SET n = 1 WHERE id = 999").affected, 0);
  EXPECT_EQ(tx.exec("SELECT * FROM kv").affected, 0);
  EXPECT_EQ(tx.exec("DELETE FROM kv WHERE id = $1", {std::int64_t{7}}).affected, 1);
  tx.commit();
}

TEST_P(DbCrud, OneWantsAtMostOneRow) {
  insert(1, "a");
  insert(2, "b");
  auto tx = db().begin_platform(TxMode::read);
  EXPECT_FALSE(tx.one("SELECT id FROM kv WHERE id = $1", {std::int64_t{5}}).has_value());
  const auto one = tx.one("SELECT name FROM kv WHERE id = $1", {std::int64_t{1}});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->text(0), "a");
  EXPECT_THROW((void)tx.one("SELECT id FROM kv"), DbError);
}

TEST_P(DbCrud, ReadTransactionsRefuseWrites) {
  auto tx = db().begin_platform(TxMode::read);
  EXPECT_THROW(tx.exec("INSERT INTO kv (id, name) VALUES (1, 'x')"), DbError);
}

TEST_P(DbCrud, BatchRunsInOrderAndItsFirstFailureRollsBack) {
  {
    auto tx = db().begin_platform(TxMode::write);
    std::vector<Statement> batch;
    batch.push_back({kInsertKv, {std::int64_t{1}, std::string("a"), nullptr, std::int64_t{1}, true, 1.0}});
    batch.push_back({"SELECT count(*) FROM kv", {}});
    batch.push_back({"UPDATE kv SET n = n + 1 WHERE id = $1 RETURNING n", {std::int64_t{1}}});
    const auto results = tx.exec_batch(std::move(batch));
    ASSERT_EQ(results.size(), 3U);
    EXPECT_EQ(results[0].affected, 1);
    EXPECT_EQ(results[1].rows.at(0).int64(0), 1);  // sees the insert before it
    EXPECT_EQ(results[2].rows.at(0).int64(0), 2);
    EXPECT_TRUE(tx.exec_batch({}).empty());
    tx.commit();
  }
  {
    auto tx = db().begin_platform(TxMode::write);
    std::vector<Statement> batch;
    batch.push_back({kInsertKv, {std::int64_t{2}, std::string("b"), nullptr, std::int64_t{1}, true, 1.0}});
    batch.push_back(
        {kInsertKv, {std::int64_t{3}, std::string("a"), nullptr, std::int64_t{1}, true, 1.0}});  // name taken
    batch.push_back({kInsertKv, {std::int64_t{4}, std::string("c"), nullptr, std::int64_t{1}, true, 1.0}});
    const auto e = constraint_error([&] { (void)tx.exec_batch(std::move(batch)); });
    EXPECT_EQ(e.kind, Kind::unique);
  }
  EXPECT_EQ(count_kv(), 1);
  // A batch after the first statement runs in the open transaction.
  auto tx = db().begin_platform(TxMode::read);
  EXPECT_EQ(tx.one("SELECT count(*) FROM kv")->int64(0), 1);
  std::vector<Statement> batch;
  batch.push_back({"SELECT name FROM kv WHERE id = $1", {std::int64_t{1}}});
  batch.push_back({"SELECT name FROM kv WHERE id = $1", {std::int64_t{9}}});
  const auto results = tx.exec_batch(std::move(batch));
  EXPECT_EQ(results[0].rows.at(0).text(0), "a");
  EXPECT_TRUE(results[1].rows.empty());
}

TEST_P(DbCrud, DeferredStatementsGoWithTheNextStatementOrTheCommit) {
  {
    auto tx = db().begin_platform(TxMode::write);
    tx.defer({kInsertKv, {std::int64_t{1}, std::string("a"), nullptr, std::int64_t{1}, true, 1.0}});
    tx.defer({"UPDATE kv SET n = 5 WHERE id = 1", {}});
    // The next statement runs after them, in the same transaction.
    EXPECT_EQ(tx.one("SELECT n FROM kv WHERE id = $1", {std::int64_t{1}})->int64(0), 5);
    tx.defer({kInsertKv, {std::int64_t{2}, std::string("b"), nullptr, std::int64_t{1}, true, 1.0}});
    tx.commit();  // with the last one
  }
  EXPECT_EQ(count_kv(), 2);
  {
    // Deferred before any statement: BEGIN, the statement and COMMIT together.
    auto tx = db().begin_platform(TxMode::write);
    tx.defer({kInsertKv, {std::int64_t{3}, std::string("c"), nullptr, std::int64_t{1}, true, 1.0}});
    tx.commit();
    EXPECT_THROW(tx.defer({"SELECT 1", {}}), DbError);
  }
  EXPECT_EQ(count_kv(), 3);
  {
    // A deferred failure fails the commit, and nothing of the transaction stays.
    auto tx = db().begin_platform(TxMode::write);
    tx.exec(kInsertKv, {std::int64_t{4}, std::string("d"), nullptr, std::int64_t{1}, true, 1.0});
    tx.defer({kInsertKv, {std::int64_t{5}, std::string("a"), nullptr, std::int64_t{1}, true, 1.0}});  // name taken
    const auto e = constraint_error([&] { tx.commit(); });
    EXPECT_EQ(e.kind, Kind::unique);
  }
  EXPECT_EQ(count_kv(), 3);
  // The pool's connection is fine afterwards.
  insert(6, "f");
  EXPECT_EQ(count_kv(), 4);
}

// A check that counts its runs and holds while `holds` says so.
struct CountingCheck {
  RequestCheck check;
  int runs = 0;
  bool holds = true;
  CountingCheck() {
    check.sql = "SELECT count(*) FROM kv";
    check.holds = [this](const Result& r) {
      ++runs;
      EXPECT_EQ(r.rows.size(), 1U);
      return holds;
    };
  }
};

TEST_P(DbCrud, RequestCheckRunsOnceWithTheFirstStatementOfTheRequest) {
  CountingCheck c;
  {
    const RequestCheckScope scope(c.check);
    auto tx = db().begin_platform(TxMode::write);
    EXPECT_EQ(c.runs, 0);  // nothing is sent before the first statement
    tx.exec(kInsertKv, {std::int64_t{1}, std::string("a"), nullptr, std::int64_t{1}, true, 1.0});
    EXPECT_EQ(c.runs, 1);
    EXPECT_TRUE(c.check.done);
    tx.commit();
    auto again = db().begin_platform(TxMode::read);
    EXPECT_EQ(again.one("SELECT count(*) FROM kv")->int64(0), 1);
    (void)db().read_platform("SELECT 1", {});
    EXPECT_EQ(c.runs, 1);  // it held: the rest of the request runs without it
  }
  // Outside the scope no check rides along.
  CountingCheck other;
  EXPECT_EQ(count_kv(), 1);
  EXPECT_EQ(other.runs, 0);
}

TEST_P(DbCrud, AFailedRequestCheckStopsTheTransactionBeforeItsOwnWork) {
  CountingCheck c;
  c.holds = false;
  {
    const RequestCheckScope scope(c.check);
    auto tx = db().begin_platform(TxMode::write);
    EXPECT_THROW(tx.exec(kInsertKv, {std::int64_t{1}, std::string("a"), nullptr, std::int64_t{1}, true, 1.0}),
                 CheckFailed);
    EXPECT_FALSE(c.check.done);
  }
  EXPECT_EQ(count_kv(), 0);  // the insert sent with the check was rolled back
  {
    const RequestCheckScope scope(c.check);
    EXPECT_THROW((void)db().read_platform("SELECT 1", {}), CheckFailed);
    auto tx = db().begin_platform(TxMode::read);
    EXPECT_THROW(tx.each("SELECT id FROM kv", {}, [](const Row&) { ADD_FAILURE() << "no row may be read"; }),
                 CheckFailed);
  }
  EXPECT_EQ(c.runs, 3);
  // On its own (a request that used no transaction).
  EXPECT_FALSE(db().run_check(c.check));
  c.holds = true;
  EXPECT_TRUE(db().run_check(c.check));
  EXPECT_TRUE(c.check.done);
  EXPECT_TRUE(db().run_check(c.check));  // done: not run again
  EXPECT_EQ(c.runs, 5);
}

TEST_P(DbCrud, ParameterMistakesAreErrors) {
  auto tx = db().begin_platform(TxMode::write);
  EXPECT_THROW(tx.exec("SELECT $1, $2", {std::int64_t{1}}), DbError);
  EXPECT_THROW(tx.exec("SELECT nosuchcolumn FROM kv"), DbError);
}

TEST_P(DbCrud, ConnectionsAreReusedAfterErrors) {
  Options small;
  small.pool_size = 1;
  small.acquire_timeout_ms = 2000;
  auto db = Database::open(db_->url(), small);
  for (int i = 0; i < 5; ++i) {
    {
      auto tx = db->begin_platform(TxMode::write);
      EXPECT_THROW(tx.exec("INSERT INTO kv (id, name) VALUES (1, NULL)"), ConstraintError);
    }
    auto tx = db->begin_platform(TxMode::read);
    EXPECT_EQ(tx.one("SELECT count(*) FROM kv")->int64(0), 0);
  }
}

TEST_P(DbCrud, PoolTimesOutWhenExhausted) {
  Options one;
  one.pool_size = 1;
  one.acquire_timeout_ms = 100;
  auto db = Database::open(db_->url(), one);
  auto held = db->begin_platform(TxMode::read);
  EXPECT_THROW((void)db->begin_platform(TxMode::read), UnavailableError);
}

// The pool and transaction metrics follow every connection lent and given
// back, and every transaction's end (common/metrics).
std::int64_t metric(const std::string& series) {
  const auto text = metrics::render();
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stoll(text.substr(at + series.size() + 2));
}

TEST_P(DbCrud, PoolAndTransactionOutcomesAreCounted) {
  const auto in_use = metric("keycard_db_pool_in_use");
  const auto commits = metric(R"(keycard_db_transactions_total{outcome="commit"})");
  const auto rollbacks = metric(R"(keycard_db_transactions_total{outcome="rollback"})");
  const auto waits = metric("keycard_db_pool_wait_seconds_count");
  {
    auto tx = db().begin_platform(TxMode::write);
    EXPECT_EQ(metric("keycard_db_pool_in_use"), in_use + 1);
    tx.exec(kInsertKv, {std::int64_t{1}, "counted", nullptr, std::int64_t{1}, true, 1.0});
    tx.commit();
  }
  EXPECT_EQ(metric("keycard_db_pool_in_use"), in_use);
  EXPECT_EQ(metric(R"(keycard_db_transactions_total{outcome="commit"})"), commits + 1);
  {
    auto tx = db().begin_platform(TxMode::write);
    tx.exec(kInsertKv, {std::int64_t{2}, "rolled back", nullptr, std::int64_t{1}, true, 1.0});
  }
  {
    auto tx = db().begin_platform(TxMode::write);
    EXPECT_THROW(tx.exec(kInsertKv, {std::int64_t{3}, "counted", nullptr, std::int64_t{1}, true, 1.0}),
                 ConstraintError);
  }
  EXPECT_EQ(metric(R"(keycard_db_transactions_total{outcome="rollback"})"), rollbacks + 2);
  EXPECT_EQ(metric("keycard_db_pool_in_use"), in_use);
  EXPECT_EQ(metric("keycard_db_pool_wait_seconds_count"), waits + 3);
  EXPECT_LE(metric("keycard_db_pool_in_use"), metric("keycard_db_pool_open"));
  EXPECT_LE(metric("keycard_db_pool_open"), metric("keycard_db_pool_size"));

  Options one;
  one.pool_size = 1;
  one.acquire_timeout_ms = 50;
  const auto size = metric("keycard_db_pool_size");
  const auto timeouts = metric("keycard_db_pool_timeouts_total");
  {
    auto small = Database::open(db_->url(), one);
    EXPECT_EQ(metric("keycard_db_pool_size"), size + 1);
    auto held = small->begin_platform(TxMode::read);
    EXPECT_THROW((void)small->begin_platform(TxMode::read), UnavailableError);
    EXPECT_EQ(metric("keycard_db_pool_timeouts_total"), timeouts + 1);
  }
  EXPECT_EQ(metric("keycard_db_pool_size"), size);
  EXPECT_EQ(metric("keycard_db_pool_in_use"), in_use);
}

TEST_P(DbCrud, ConcurrentWritersAllSucceed) {
  insert(1, "counter", 1);
  constexpr int kThreads = 4;
  constexpr int kIncrements = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        try {
          auto tx = db().begin_platform(TxMode::write);
          // A locking read first, as services do for read-modify-write.
          const auto sql = tx.backend() == Backend::postgres ? "SELECT n FROM kv WHERE id = 1 FOR UPDATE"
                                                             : "SELECT n FROM kv WHERE id = 1";
          const auto n = tx.one(sql)->int64(0);
          tx.exec("UPDATE kv SET n = $1 WHERE id = 1", {n + 1});
          tx.commit();
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = db().begin_platform(TxMode::read);
  EXPECT_EQ(tx.one("SELECT n FROM kv WHERE id = 1")->int64(0), 1 + kThreads * kIncrements);
}

TEST_P(DbCrud, MigrateIsIdempotent) {
  const auto first = db().migrate();
  const auto status = db().migration_status();
  EXPECT_TRUE(status.current()) << status.applied << " of " << status.latest;
  const auto& list = GetParam() == Backend::sqlite ? embedded_migrations_sqlite() : embedded_migrations_postgres();
  EXPECT_EQ(first, static_cast<int>(list.size()));
  EXPECT_EQ(db().migrate(), 0);
  EXPECT_TRUE(db().migration_status().current());
}

TEST_P(DbCrud, ConcurrentMigrationsApplyEachOnce) {
  // Two instances starting together against one database.
  std::vector<std::unique_ptr<Database>> instances;
  for (int i = 0; i < 2; ++i) instances.push_back(Database::open(db_->url()));
  std::atomic<int> applied{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (auto& db : instances) {
    threads.emplace_back([&db, &applied, &failures] {
      try {
        applied += db->migrate();
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto& list = GetParam() == Backend::sqlite ? embedded_migrations_sqlite() : embedded_migrations_postgres();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(applied.load(), static_cast<int>(list.size()));
  EXPECT_TRUE(db().migration_status().current());
}

INSTANTIATE_TEST_SUITE_P(Backends, DbCrud, ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const auto& info) { return info.param == Backend::sqlite ? "sqlite" : "postgres"; });

// --- SQLite only ------------------------------------------------------------------

TEST(DbSqlite, CreatesParentDirectoryAndUsesWal) {
  TestDatabase db(Backend::sqlite);
  EXPECT_TRUE(std::filesystem::exists(db.dir() / "nested" / "test.db"));
  auto tx = db->begin_platform(TxMode::read);
  EXPECT_EQ(tx.one("PRAGMA journal_mode")->text(0), "wal");
  EXPECT_EQ(tx.one("PRAGMA foreign_keys")->int64(0), 1);
  EXPECT_EQ(tx.one("PRAGMA busy_timeout")->int64(0), 5000);
  // FULL: an answered write survives power loss too, not just a crash.
  EXPECT_EQ(tx.one("PRAGMA synchronous")->int64(0), 2);
  EXPECT_EQ(tx.backend(), Backend::sqlite);
}

TEST(DbSqlite, TriggerAbortIsAConstraintError) {
  TestDatabase db(Backend::sqlite);
  auto tx = db->begin_platform(TxMode::write);
  tx.exec("CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT)");
  tx.exec(
      "CREATE TRIGGER log_no_update BEFORE UPDATE ON log "
      "BEGIN SELECT RAISE(ABORT, 'log is append-only'); END");
  tx.exec("INSERT INTO log (msg) VALUES ('x')");
  try {
    tx.exec("UPDATE log SET msg = 'y'");
    FAIL() << "no error";
  } catch (const ConstraintError& e) {
    EXPECT_EQ(e.kind, Kind::other);
    EXPECT_EQ(e.constraint, "log is append-only");
  }
}

TEST(DbSqlite, MemoryDatabaseIsSharedByThePoolAndPrivateToIt) {
  Options opts;
  opts.pool_size = 3;
  auto a = Database::open("sqlite::memory:", opts);
  auto b = Database::open("sqlite::memory:", opts);
  {
    auto tx = a->begin_platform(TxMode::write);
    tx.exec("CREATE TABLE t (x INTEGER)");
    tx.exec("INSERT INTO t VALUES (1)");
    tx.commit();
  }
  // Several transactions at once, each on its own pooled connection.
  auto r1 = a->begin_platform(TxMode::read);
  auto r2 = a->begin_platform(TxMode::read);
  EXPECT_EQ(r1.one("SELECT count(*) FROM t")->int64(0), 1);
  EXPECT_EQ(r2.one("SELECT count(*) FROM t")->int64(0), 1);
  auto other = b->begin_platform(TxMode::read);
  EXPECT_THROW(other.exec("SELECT count(*) FROM t"), DbError);
}

TEST(DbSqlite, MultipleStatementsNeedExecScript) {
  auto db = Database::open("sqlite::memory:");
  auto tx = db->begin_platform(TxMode::write);
  EXPECT_THROW(tx.exec("CREATE TABLE a (x); CREATE TABLE b (y)"), DbError);
  EXPECT_NO_THROW(tx.exec("CREATE TABLE a (x); -- trailing comment"));
}

TEST(DbSqlite, FailedMigrationLeavesNothingBehind) {
  const auto& list = embedded_migrations_sqlite();
  if (list.empty()) GTEST_SKIP() << "no SQLite migrations";
  const std::regex create(R"(CREATE TABLE (?:IF NOT EXISTS )?([A-Za-z_][A-Za-z0-9_]*))");
  std::match_results<std::string_view::const_iterator> m;
  const auto sql = list.front().sql;
  if (!std::regex_search(sql.begin(), sql.end(), m, create)) GTEST_SKIP() << "no CREATE TABLE";
  const std::string table = m[1].str();

  TestDatabase db(Backend::sqlite);
  {
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("CREATE TABLE " + table + " (clash INTEGER)");
    tx.commit();
  }
  try {
    (void)db->migrate();
    FAIL() << "migrate() succeeded over an existing table " << table;
  } catch (const DbError& e) {
    EXPECT_NE(std::string(e.what()).find(std::string(list.front().name)), std::string::npos) << e.what();
  }
  EXPECT_EQ(db->migration_status().applied, 0);
  auto tx = db->begin_platform(TxMode::read);
  EXPECT_EQ(tx.one("SELECT count(*) FROM sqlite_master WHERE type = 'table'")->int64(0), 2)
      << "only the clashing table and schema_migrations";
}

TEST(DbSqlite, ChangedMigrationIsRefused) {
  if (embedded_migrations_sqlite().empty()) GTEST_SKIP() << "no SQLite migrations";
  TestDatabase db(Backend::sqlite);
  (void)db->migrate();
  {
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("UPDATE schema_migrations SET checksum = 'x' WHERE version = $1",
            {std::int64_t{embedded_migrations_sqlite().front().version}});
    tx.commit();
  }
  char expected[64];
  std::snprintf(expected, sizeof expected, "migration %04d was changed after it was applied",
                embedded_migrations_sqlite().front().version);
  try {
    (void)db->migrate();
    FAIL() << "no error";
  } catch (const DbError& e) {
    EXPECT_EQ(std::string(e.what()), expected);
  }
}

TEST(DbSqlite, StatusOfAnEmptyDatabase) {
  auto db = Database::open("sqlite::memory:");
  const auto s = db->migration_status();
  EXPECT_EQ(s.applied, 0);
  EXPECT_EQ(s.current(), embedded_migrations_sqlite().empty());
}

TEST(DbOpen, RejectsUnknownSchemes) {
  EXPECT_THROW((void)Database::open("mysql://u:secret@host/db"), ConfigError);
  EXPECT_THROW((void)Database::open("var/keycard.db"), ConfigError);
  EXPECT_THROW((void)Database::open("sqlite:"), ConfigError);
  try {
    (void)Database::open("mysql://u:secret@host/db");
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
}

TEST(DbOpen, UnreachablePostgresIsUnavailableWithoutThePassword) {
  try {
    (void)Database::open("postgresql://keycard:s3cr3t-pw@127.0.0.1:1/keycard?connect_timeout=2");
    FAIL() << "connected to port 1";
  } catch (const UnavailableError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("s3cr3t-pw"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    EXPECT_NE(what.find("PostgreSQL"), std::string::npos) << what;
  }
}

// --- PostgreSQL only ------------------------------------------------------------------

class DbPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!postgres_url()) GTEST_SKIP() << "KEYCARD_TEST_POSTGRES_URL is not set";
  }
};

TEST_F(DbPostgres, TenantAndPlatformSettingsAreTransactionLocal) {
  Options one;
  one.pool_size = 1;
  TestDatabase db(Backend::postgres, one);
  const auto scope = TenantScopeTestAccess::make("0190b7a4-1f6e-7000-8000-000000000001");
  constexpr const char* kProbe =
      "SELECT current_setting('keycard.tenant_id', true), current_setting('keycard.platform', true),"
      " current_user";
  {
    auto tx = db->begin(TxMode::read, scope);
    const auto row = tx.one(kProbe);
    EXPECT_EQ(row->text(0), scope.tenant_id());
    EXPECT_EQ(row->text(1), "");
    EXPECT_EQ(row->text(2), "keycard_app");
    tx.commit();
  }
  {
    auto tx = db->begin_platform(TxMode::write);
    const auto row = tx.one(kProbe);
    EXPECT_EQ(row->text(0), "");
    EXPECT_EQ(row->text(1), "on");
    EXPECT_EQ(row->text(2), "keycard_app");
  }
}

TEST_F(DbPostgres, ValuesAreNormalised) {
  TestDatabase db(Backend::postgres);
  auto tx = db->begin_platform(TxMode::read);
  const auto row = tx.one(
      "SELECT '2026-11-23 11:44:44.5+02'::timestamptz, '2026-01-02 03:04:05'::timestamp, true, false,"
      " 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid, '{\"a\": 1}'::jsonb, 12.50::numeric,"
      " $1::bigint, $2::boolean, $3::float8",
      {std::int64_t{-7}, true, 0.25});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0), "2026-11-23T09:44:44.500000Z");
  EXPECT_EQ(row->text(1), "2026-01-02T03:04:05.000000Z");
  EXPECT_EQ(row->text(2), "true");
  EXPECT_EQ(row->text(3), "false");
  EXPECT_EQ(row->text(4), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(row->text(5), "{\"a\": 1}");
  EXPECT_EQ(row->text(6), "12.50");
  EXPECT_EQ(row->int64(7), -7);
  EXPECT_TRUE(row->boolean(8));
  EXPECT_EQ(row->real(9), 0.25);
}

TEST_F(DbPostgres, ExclusionAndRetryableErrors) {
  TestDatabase db(Backend::postgres);
  {
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("CREATE TABLE slot (id int, r int4range, CONSTRAINT slot_no_overlap EXCLUDE USING gist (r WITH &&))");
    tx.exec("INSERT INTO slot VALUES (1, '[1,5)')");
    tx.commit();
  }
  try {
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("INSERT INTO slot VALUES (2, '[3,7)')");
    FAIL() << "no error";
  } catch (const ConstraintError& e) {
    EXPECT_EQ(e.kind, Kind::exclusion);
    EXPECT_EQ(e.constraint, "slot_no_overlap");
  }
  // A lock timeout is worth retrying.
  auto holder = db->begin_platform(TxMode::write);
  holder.exec("SELECT * FROM slot FOR UPDATE");
  auto waiter = db->begin_platform(TxMode::write);
  waiter.exec("SET LOCAL lock_timeout = '50ms'");
  EXPECT_THROW(waiter.exec("SELECT * FROM slot FOR UPDATE"), RetryableError);
}

TEST_F(DbPostgres, DroppedConnectionsAreReplaced) {
  Options two;
  two.pool_size = 2;
  const std::string app = "kc_drop_" + random_suffix();
  TestDatabase db(Backend::postgres, two, app);
  const std::string kill =
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '" + app + "'";
  {
    auto a = db->begin_platform(TxMode::read);
    auto b = db->begin_platform(TxMode::read);
  }
  // The server drops every idle pooled connection (a restart, say).
  EXPECT_EQ(db.owner().run(kill), "2");
  {
    auto tx = db->begin_platform(TxMode::read);
    EXPECT_EQ(tx.one("SELECT 1")->int64(0), 1);
    // A connection lost mid-transaction is an UnavailableError, and is not reused.
    EXPECT_EQ(db.owner().run(kill), "1");
    EXPECT_THROW(tx.exec("SELECT 1"), UnavailableError);
  }
  auto tx = db->begin_platform(TxMode::read);
  EXPECT_EQ(tx.one("SELECT 2")->int64(0), 2);
}

TEST_F(DbPostgres, StatementsPreparedBeforeASchemaChangeRecover) {
  Options one;
  one.pool_size = 1;
  TestDatabase db(Backend::postgres, one);
  {
    auto tx = db->begin_platform(TxMode::write);
    tx.exec("CREATE TABLE widened (a int)");
    tx.exec("INSERT INTO widened VALUES (1)");
    tx.commit();
  }
  constexpr const char* kSelect = "SELECT * FROM widened";
  {
    auto tx = db->begin_platform(TxMode::read);
    EXPECT_EQ(tx.exec(kSelect).columns.size(), 1u);
  }
  db.owner().run("ALTER TABLE " + db.schema() + ".widened ADD COLUMN b int");
  {
    auto tx = db->begin_platform(TxMode::read);
    EXPECT_THROW(tx.exec(kSelect), RetryableError);
  }
  auto tx = db->begin_platform(TxMode::read);
  EXPECT_EQ(tx.exec(kSelect).columns.size(), 2u);
}

TEST_F(DbPostgres, MissingRoleFailsOnlyWhenATransactionBegins) {
  // A URL whose user cannot become keycard_app: a fresh login role.
  OwnerSession owner(postgres_url());
  const std::string user = "kc_norole_" + random_suffix();
  owner.run("CREATE ROLE " + user + " LOGIN");
  std::string url = postgres_url();
  const auto scheme_end = url.find("://") + 3;
  const auto at = url.find('@', scheme_end);
  url = url.substr(0, scheme_end) + user + (at == std::string::npos ? "@" + url.substr(scheme_end) : url.substr(at));
  {
    std::unique_ptr<Database> db;
    try {
      db = Database::open(url);
    } catch (const UnavailableError& e) {
      owner.run("DROP ROLE " + user);
      GTEST_SKIP() << "cannot log in as a fresh role here: " << e.what();
    }
    try {
      (void)db->begin_platform(TxMode::read);
      FAIL() << "began a transaction without keycard_app";
    } catch (const DbError& e) {
      EXPECT_NE(std::string(e.what()).find("keycard_app"), std::string::npos) << e.what();
    }
  }
  owner.run("DROP ROLE " + user);
}

}  // namespace
}  // namespace keycard::db
