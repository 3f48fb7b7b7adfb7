// PostgreSQL backend. Requests run as keycard_app with the tenant in the
// transaction-local setting keycard.tenant_id, so row-level security applies;
// SQLSTATEs become the DbError hierarchy here and nowhere else.
#include "db/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/clock.hpp"

namespace keycard::db::postgres {
namespace {

constexpr unsigned kBoolOid = 16;
constexpr unsigned kTimestampOid = 1114;
constexpr unsigned kTimestamptzOid = 1184;
// Beyond this many distinct SQL texts a connection runs statements unnamed.
constexpr std::size_t kPreparedLimit = 1024;

struct ConnCloser {
  void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct ResultClear {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
struct PqFree {
  void operator()(char* p) const noexcept { PQfreemem(p); }
};
using ConnHandle = std::unique_ptr<PGconn, ConnCloser>;
using ResultHandle = std::unique_ptr<PGresult, ResultClear>;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// libpq messages span lines; our errors are one line.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The password of a URL (userinfo or ?password=), to keep it out of messages.
std::vector<std::string> secrets_of(std::string_view url) {
  std::vector<std::string> out;
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
    const auto rest = url.substr(scheme + 3);
    const auto at = rest.find('@');
    const auto slash = rest.find('/');
    if (at != std::string_view::npos && (slash == std::string_view::npos || at < slash)) {
      const auto userinfo = rest.substr(0, at);
      if (const auto colon = userinfo.find(':'); colon != std::string_view::npos && colon + 1 < userinfo.size()) {
        out.emplace_back(userinfo.substr(colon + 1));
      }
    }
  }
  if (const auto p = url.find("password="); p != std::string_view::npos) {
    auto value = url.substr(p + 9);
    value = value.substr(0, value.find_first_of("& "));
    if (!value.empty()) out.emplace_back(value);
  }
  return out;
}

std::string scrub(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) {
    for (auto pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos + 3)) {
      text.replace(pos, s.size(), "***");
    }
  }
  return text;
}

std::string format_double(double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string param_text(const Param& p) {
  if (const auto* n = std::get_if<std::int64_t>(&p)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&p)) return format_double(*d);
  if (const auto* b = std::get_if<bool>(&p)) return *b ? "true" : "false";
  return std::get<std::string>(p);
}

// The text form of a statement's parameters, kept alive for the libpq call.
struct ParamTexts {
  explicit ParamTexts(const Params& params) {
    storage.reserve(params.size());
    values.reserve(params.size());
    for (const auto& p : params) {
      if (std::holds_alternative<std::nullptr_t>(p)) {
        values.push_back(nullptr);
      } else {
        storage.push_back(param_text(p));
        values.push_back(storage.back().c_str());
      }
    }
  }
  std::vector<std::string> storage;  // reserved up front: c_str() pointers stay valid
  std::vector<const char*> values;
};

std::string normalise(unsigned type, const char* value, int length) {
  std::string text(value, static_cast<std::size_t>(length));
  switch (type) {
    case kBoolOid:
      return text == "t" ? "true" : text == "f" ? "false" : text;
    case kTimestampOid:
    case kTimestamptzOid:
      try {
        return format_time(parse_time(text));
      } catch (const std::exception&) {
        return text;  // infinity and friends
      }
    default:
      return text;
  }
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (const auto p : prefixes) {
    if (s.starts_with(p)) return true;
  }
  return false;
}

class PgConnection final : public BackendConnection {
 public:
  PgConnection(ConnHandle conn, bool app_role) : conn_(std::move(conn)), app_role_(app_role) {}

  // Session setup; SET ROLE is allowed to fail until a transaction needs it
  // (the role does not exist before the first migration).
  void setup() {
    // DateStyle ISO: what parse_time reads; UTC: what format_time writes.
    check(simple("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'"));
    if (app_role_) try_set_role();
  }

  Result exec(std::string_view sql, const Params& params) override {
    settle();
    if (pending_begin_) return exec_first(sql, params);
    const ParamTexts texts(params);
    const int n = static_cast<int>(params.size());
    const std::string* name = prepared(sql);
    ResultHandle res(name ? PQexecPrepared(conn_.get(), name->c_str(), n, texts.values.data(), nullptr, nullptr, 0)
                          : PQexecParams(conn_.get(), std::string(sql).c_str(), n, nullptr, texts.values.data(),
                                         nullptr, nullptr, 0));
    if (name && stale_plan(res.get())) {
      // The table changed under the prepared statement (a migration by
      // another instance): prepare it afresh next time.
      prepared_.erase(prepared_.find(sql));
    }
    return to_result(check(std::move(res)));
  }

  // The statements (after BEGIN and the scope, when the transaction has sent
  // nothing yet) in one pipeline: one round trip.
  std::vector<Result> exec_batch(const std::vector<Statement>& statements) override {
    settle();
    std::optional<PendingBegin> b = std::move(pending_begin_);
    pending_begin_.reset();
    if (statements.empty() && !b) return {};
    // Statements are prepared outside the pipeline (once per connection).
    std::vector<const std::string*> names;
    names.reserve(statements.size());
    for (const auto& st : statements) names.push_back(prepared(st.sql));
    const std::string* scope = b ? prepared(kScope) : nullptr;
    if (PQenterPipelineMode(conn_.get()) != 1) {
      pending_begin_ = std::move(b);
      begin_now();
      std::vector<Result> results;
      results.reserve(statements.size());
      for (const auto& st : statements) results.push_back(exec(st.sql, st.params));
      return results;
    }
    std::vector<ParamTexts> texts;
    texts.reserve(statements.size());  // never reallocates: the c_str() pointers stay put
    bool sent = !b || (PQsendQueryParams(conn_.get(), "BEGIN", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                       send_scope(scope, b->tenant, b->platform, b->mode));
    for (std::size_t i = 0; i < statements.size() && sent; ++i) {
      const auto& t = texts.emplace_back(statements[i].params);
      const int n = static_cast<int>(statements[i].params.size());
      sent = (names[i] ? PQsendQueryPrepared(conn_.get(), names[i]->c_str(), n, t.values.data(), nullptr, nullptr, 0)
                       : PQsendQueryParams(conn_.get(), std::string(statements[i].sql).c_str(), n, nullptr,
                                           t.values.data(), nullptr, nullptr, 0)) == 1;
    }
    sent = sent && PQpipelineSync(conn_.get()) == 1;
    const std::size_t skip = b ? 2 : 0;
    const std::size_t commands = skip + statements.size();
    auto results = pipeline_results(sent, static_cast<int>(commands));
    if (b) read_only_ = b->mode == TxMode::read;
    if (!sent || results.size() != commands) {
      broken_ = true;
      fail(results.empty() ? nullptr : results.back().get());
    }
    // The first failure is the one to report; the commands after it were
    // skipped (PGRES_PIPELINE_ABORTED) and the transaction is failed.
    for (std::size_t i = 0; i < commands; ++i) {
      const auto status = PQresultStatus(results[i].get());
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) continue;
      if (i >= skip && names[i - skip] && stale_plan(results[i].get())) {
        prepared_.erase(prepared_.find(statements[i - skip].sql));
      }
      fail(results[i].get());
    }
    if (b) check_role(to_result(results[1]));
    std::vector<Result> out;
    out.reserve(statements.size());
    for (std::size_t i = skip; i < commands; ++i) out.push_back(to_result(results[i]));
    return out;
  }

  void each(std::string_view sql, const Params& params, const RowSink& sink) override {
    settle();
    begin_now();
    const ParamTexts texts(params);
    const int n = static_cast<int>(params.size());
    if (PQsendQueryParams(conn_.get(), std::string(sql).c_str(), n, nullptr, texts.values.data(), nullptr, nullptr,
                          0) == 0) {
      fail(nullptr);
    }
    PQsetSingleRowMode(conn_.get());  // if refused, the rows come in one result: still correct
    // Every result must be read before the connection takes another query,
    // so a failure (ours or the sink's) is kept until the end.
    std::exception_ptr error;
    std::vector<unsigned> types;
    for (;;) {
      ResultHandle res(PQgetResult(conn_.get()));
      if (!res) break;
      const auto status = PQresultStatus(res.get());
      if (status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) {
        if (error) continue;
        try {
          if (types.empty()) types = column_types(res.get());
          for (int i = 0; i < PQntuples(res.get()); ++i) sink(row_at(res.get(), i, types));
        } catch (...) {
          error = std::current_exception();
          cancel();  // the sink wants no more rows: do not read the rest of a large result
        }
      } else if (status != PGRES_COMMAND_OK && !error) {
        try {
          fail(res.get());
        } catch (...) {
          error = std::current_exception();
        }
      }
    }
    if (error) std::rethrow_exception(error);
  }

  void exec_script(std::string_view sql) override {
    settle();
    begin_now();
    check(simple(std::string(sql)));
  }

  [[nodiscard]] Backend backend() const override { return Backend::postgres; }

  // Nothing is sent yet: BEGIN and the scope go out with the transaction's
  // first statement, in one round trip (exec_first). The role is checked
  // here, once per connection.
  void begin(TxMode mode, std::string_view tenant_id, bool platform) override {
    settle();
    if (app_role_ && !role_set_) {
      try_set_role();
      if (!role_set_) {
        throw DbError(std::string("cannot run as PostgreSQL role ") + kAppRole +
                      " (have the migrations run?): " + role_error_);
      }
    }
    pending_begin_ = PendingBegin{mode, platform ? std::string() : std::string(tenant_id), platform};
  }

  Result read_once(std::string_view sql, const Params& params, std::string_view tenant_id, bool platform) override {
    settle();
    if (app_role_ && !role_set_) try_set_role();
    // The statement is prepared outside the pipeline (once per connection);
    // a full cache, or no role yet, takes the plain path.
    const std::string* name = (!app_role_ || role_set_) ? prepared(sql) : nullptr;
    const std::string* scope = name ? prepared(kScope) : nullptr;
    if (!name || PQenterPipelineMode(conn_.get()) != 1) {
      return BackendConnection::read_once(sql, params, tenant_id, platform);
    }
    // No BEGIN and no COMMIT: the commands up to a Sync run as one implicit
    // transaction, which the scope (set_config(..., true)) lasts for and
    // which the Sync ends. The scope also makes it read only.
    const std::string tenant(platform ? std::string_view() : tenant_id);
    const ParamTexts texts(params);
    const bool sent = send_scope(scope, tenant, platform, TxMode::read) &&
                      PQsendQueryPrepared(conn_.get(), name->c_str(), static_cast<int>(params.size()),
                                          texts.values.data(), nullptr, nullptr, 0) == 1 &&
                      PQpipelineSync(conn_.get()) == 1;
    auto results = pipeline_results(sent, 2);
    if (!sent || results.size() != 2) {
      broken_ = true;
      fail(results.empty() ? nullptr : results.back().get());
    }
    for (auto& r : results) {
      const auto status = PQresultStatus(r.get());
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) continue;
      // A failed command aborts the transaction and skips the rest.
      if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) rollback();
      if (status == PGRES_PIPELINE_ABORTED) continue;
      if (name && stale_plan(r.get())) prepared_.erase(prepared_.find(sql));
      fail(r.get());
    }
    check_role(to_result(results[0]));
    return to_result(results[1]);
  }

  // The statements and COMMIT in one pipeline. A failure of any of them is
  // thrown with the transaction still open (the caller rolls it back).
  void commit_after(const std::vector<Statement>& statements) override {
    if (statements.empty()) return commit();
    std::vector<Statement> all = statements;
    all.push_back(Statement{"COMMIT", {}});
    (void)exec_batch(all);
  }

  void commit() override {
    if (pending_begin_) {  // no statement ran: there is no transaction to end
      pending_begin_.reset();
      return;
    }
    if (PQtransactionStatus(conn_.get()) == PQTRANS_INERROR) {
      throw DbError("the transaction was already rolled back by an earlier error");
    }
    if (read_only_) {
      // A read-only transaction has nothing to make durable: send COMMIT and
      // read its answer when the connection is next used (settle()).
      if (PQsendQueryParams(conn_.get(), "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1) {
        commit_in_flight_ = true;
        return;
      }
      fail(nullptr);
    }
    const auto res = check(simple("COMMIT"));
    // COMMIT of a failed transaction answers ROLLBACK, not an error.
    if (std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
      throw DbError("the transaction was already rolled back by an earlier error");
    }
  }

  void rollback() override {
    if (pending_begin_) {
      pending_begin_.reset();
      return;
    }
    settle();
    if (PQtransactionStatus(conn_.get()) == PQTRANS_IDLE) return;
    try {
      check(simple("ROLLBACK"));
    } catch (...) {
      broken_ = true;
      throw;
    }
  }

  [[nodiscard]] bool reusable() const override {
    if (broken_ || pending_begin_ || PQstatus(conn_.get()) != CONNECTION_OK) return false;
    // A read-only COMMIT may still be on its way back (settle() reads it).
    return commit_in_flight_ || PQtransactionStatus(conn_.get()) == PQTRANS_IDLE;
  }

  [[nodiscard]] bool started() const override { return !pending_begin_; }

 private:
  struct PendingBegin {
    TxMode mode;
    std::string tenant;
    bool platform;
  };

  // Reads the answer to a read-only COMMIT sent earlier. A lost connection
  // shows here: UnavailableError, and the connection is not reused.
  void settle() {
    if (!commit_in_flight_) return;
    commit_in_flight_ = false;
    while (ResultHandle res{PQgetResult(conn_.get())}) {
    }
    if (PQstatus(conn_.get()) != CONNECTION_OK || PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) {
      broken_ = true;
      throw UnavailableError("lost the connection to PostgreSQL: " + one_line(PQerrorMessage(conn_.get())));
    }
  }

  // BEGIN + the scope of a pending transaction, now, in one round trip (for
  // the paths that cannot pipeline: streaming, scripts).
  void begin_now() {
    if (!pending_begin_) return;
    const auto b = std::move(*pending_begin_);
    pending_begin_.reset();
    const std::unique_ptr<char, PqFree> tenant(PQescapeLiteral(conn_.get(), b.tenant.data(), b.tenant.size()));
    if (!tenant) fail(nullptr);
    std::string sql = b.mode == TxMode::read ? "BEGIN READ ONLY; " : "BEGIN; ";
    sql += "SELECT set_config('keycard.tenant_id', ";
    sql += tenant.get();
    sql += ", true), set_config('keycard.platform', ";
    sql += b.platform ? "'on'" : "''";
    sql += ", true), current_user";
    const Result r = to_result(check(simple(sql)));
    read_only_ = b.mode == TxMode::read;
    check_role(r);
  }

  static constexpr std::string_view kScope =
      "SELECT set_config('keycard.tenant_id', $1, true), set_config('keycard.platform', $2, true), "
      "current_user, set_config('transaction_read_only', $3, true)";

  // Queues the statement that sets a transaction's scope (and, for reads,
  // makes it read only), prepared once per connection. Its answer's third
  // column is the role it runs as (check_role).
  // `name`: prepared(kScope), asked for before the pipeline began.
  bool send_scope(const std::string* name, const std::string& tenant, bool platform, TxMode mode) {
    const char* values[] = {tenant.c_str(), platform ? "on" : "", mode == TxMode::read ? "on" : "off"};
    if (name) {
      return PQsendQueryPrepared(conn_.get(), name->c_str(), 3, values, nullptr, nullptr, 0) == 1;
    }
    return PQsendQueryParams(conn_.get(), std::string(kScope).c_str(), 3, nullptr, values, nullptr, nullptr, 0) == 1;
  }

  void check_role(const Result& r) {
    if (app_role_ && (r.rows.size() != 1 || r.rows[0].opt_text(2) != kAppRole)) {
      broken_ = true;  // someone changed the session's role: never reuse it
      throw DbError(std::string("transaction is not running as ") + kAppRole);
    }
  }

  // The first statement of a transaction: BEGIN, the scope and the statement
  // in one pipeline, one round trip.
  Result exec_first(std::string_view sql, const Params& params) {
    std::vector<Statement> one;
    one.push_back(Statement{sql, params});
    return std::move(exec_batch(one).front());
  }

  // The results of `commands` pipelined commands, read up to the sync, and
  // the connection out of pipeline mode again.
  std::vector<ResultHandle> pipeline_results(bool sent, int commands) {
    std::vector<ResultHandle> results;
    bool synced = false;
    for (int done = 0; done < commands && sent;) {
      ResultHandle res(PQgetResult(conn_.get()));
      if (!res) {
        ++done;  // the end of one command's results
        if (PQstatus(conn_.get()) != CONNECTION_OK) break;
        continue;
      }
      if (PQresultStatus(res.get()) == PGRES_PIPELINE_SYNC) {
        synced = true;
        break;
      }
      results.push_back(std::move(res));
    }
    while (sent && !synced && PQstatus(conn_.get()) == CONNECTION_OK) {
      ResultHandle res(PQgetResult(conn_.get()));
      synced = res && PQresultStatus(res.get()) == PGRES_PIPELINE_SYNC;
    }
    PQexitPipelineMode(conn_.get());
    return results;
  }

  ResultHandle simple(const std::string& sql) { return ResultHandle(PQexec(conn_.get(), sql.c_str())); }

  // Asks the server to stop the running statement; its result then ends in
  // an error (which the caller already has a reason to ignore).
  void cancel() {
    const std::unique_ptr<PGcancel, decltype(&PQfreeCancel)> handle(PQgetCancel(conn_.get()), &PQfreeCancel);
    char message[256];
    if (handle) PQcancel(handle.get(), message, sizeof message);
  }

  void try_set_role() {
    const ResultHandle res(PQexec(conn_.get(), (std::string("SET ROLE ") + kAppRole).c_str()));
    if (res && PQresultStatus(res.get()) == PGRES_COMMAND_OK) {
      role_set_ = true;
      role_error_.clear();
      return;
    }
    if (PQstatus(conn_.get()) != CONNECTION_OK) fail(res.get());
    const char* primary = res ? PQresultErrorField(res.get(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    role_error_ = primary ? primary : one_line(PQerrorMessage(conn_.get()));
  }

  // The name of the prepared statement for sql, preparing it on first use;
  // nullptr once the cache is full (the statement then runs unnamed).
  const std::string* prepared(std::string_view sql) {
    if (const auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
    if (prepared_.size() >= kPreparedLimit) return nullptr;
    std::string name = "kc_" + std::to_string(++statement_counter_);
    const std::string text(sql);
    check(ResultHandle(PQprepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr)));
    return &prepared_.emplace(text, std::move(name)).first->second;
  }

  static bool stale_plan(const PGresult* res) {
    if (!res || PQresultStatus(res) != PGRES_FATAL_ERROR) return false;
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char* message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    return state && message && std::string_view(state) == "0A000" &&
           std::string_view(message).starts_with("cached plan must not change result type");
  }

  ResultHandle check(ResultHandle res) {
    const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return res;
    if (status == PGRES_EMPTY_QUERY) throw DbError("empty SQL statement");
    fail(res.get());
  }

  [[noreturn]] void fail(const PGresult* res) {
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      broken_ = true;
      throw UnavailableError("lost the connection to PostgreSQL: " + one_line(PQerrorMessage(conn_.get())));
    }
    if (PQtransactionStatus(conn_.get()) == PQTRANS_UNKNOWN) broken_ = true;
    const auto field = [res](int code) -> std::string {
      const char* v = res ? PQresultErrorField(res, code) : nullptr;
      return v ? v : "";
    };
    const std::string state = field(PG_DIAG_SQLSTATE);
    std::string message = field(PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) {
      message = one_line(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_.get()));
    }
    if (message.empty()) message = "PostgreSQL error";
    using Kind = ConstraintError::Kind;
    if (state.starts_with("23")) {
      Kind kind = Kind::other;
      std::string constraint = field(PG_DIAG_CONSTRAINT_NAME);
      if (state == "23505") {
        kind = Kind::unique;
      } else if (state == "23503") {
        kind = Kind::foreign_key;
      } else if (state == "23514") {
        kind = Kind::check;
      } else if (state == "23P01") {
        kind = Kind::exclusion;
      } else if (state == "23502") {
        kind = Kind::not_null;
        // "table.column", as SQLite reports it.
        const std::string table = field(PG_DIAG_TABLE_NAME);
        const std::string column = field(PG_DIAG_COLUMN_NAME);
        constraint = table.empty() ? column : table + "." + column;
      }
      throw ConstraintError(kind, std::move(constraint), message);
    }
    if (state == "40001" || state == "40P01" || state == "55P03" || stale_plan(res)) {
      throw RetryableError(message);
    }
    throw DbError(message);
  }

  static std::vector<unsigned> column_types(const PGresult* r) {
    std::vector<unsigned> types(static_cast<std::size_t>(PQnfields(r)));
    for (std::size_t c = 0; c < types.size(); ++c) types[c] = PQftype(r, static_cast<int>(c));
    return types;
  }

  static Row row_at(const PGresult* r, int i, const std::vector<unsigned>& types) {
    std::vector<std::optional<std::string>> values;
    values.reserve(types.size());
    for (std::size_t c = 0; c < types.size(); ++c) {
      const int col = static_cast<int>(c);
      if (PQgetisnull(r, i, col)) {
        values.emplace_back(std::nullopt);
      } else {
        values.emplace_back(normalise(types[c], PQgetvalue(r, i, col), PQgetlength(r, i, col)));
      }
    }
    return Row(std::move(values));
  }

  static Result to_result(const ResultHandle& res) {
    Result out;
    PGresult* r = res.get();
    const auto types = column_types(r);
    out.columns.reserve(types.size());
    for (std::size_t c = 0; c < types.size(); ++c) out.columns.emplace_back(PQfname(r, static_cast<int>(c)));
    const int nr = PQntuples(r);
    out.rows.reserve(static_cast<std::size_t>(nr));
    for (int i = 0; i < nr; ++i) out.rows.push_back(row_at(r, i, types));
    // SELECT also reports a count; affected means rows written, as on SQLite.
    if (starts_with_any(PQcmdStatus(r), {"INSERT", "UPDATE", "DELETE", "MERGE"})) {
      const std::string_view tuples = PQcmdTuples(r);
      std::int64_t n = 0;
      std::from_chars(tuples.data(), tuples.data() + tuples.size(), n);
      out.affected = n;
    }
    return out;
  }

  ConnHandle conn_;
  bool app_role_;
  bool role_set_ = false;
  std::string role_error_;
  bool broken_ = false;
  std::optional<PendingBegin> pending_begin_;
  bool read_only_ = false;         // the open transaction is READ ONLY
  bool commit_in_flight_ = false;  // a read-only COMMIT whose answer is not read yet
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> prepared_;
  std::uint64_t statement_counter_ = 0;
};

void ignore_notice(void* /*arg*/, const char* /*message*/) {}

}  // namespace

std::unique_ptr<BackendConnection> connect(const std::string& url, bool app_role, int connect_timeout_seconds) {
  const std::string timeout = std::to_string(connect_timeout_seconds < 2 ? 2 : connect_timeout_seconds);
  // Keywords before dbname are defaults the URL may override.
  const char* const keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname", nullptr};
  const char* const values[] = {timeout.c_str(), "keycard", "UTF8", url.c_str(), nullptr};
  ConnHandle conn(PQconnectdbParams(keys, values, 1));
  if (!conn) throw UnavailableError("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw UnavailableError("cannot connect to PostgreSQL: " +
                           scrub(one_line(PQerrorMessage(conn.get())), secrets_of(url)));
  }
  PQsetNoticeProcessor(conn.get(), ignore_notice, nullptr);
  auto pg = std::make_unique<PgConnection>(std::move(conn), app_role);
  pg->setup();
  return pg;
}

}  // namespace keycard::db::postgres
