// Citus readiness (PostgreSQL only): could the schema be distributed by
// tenant_id, and does every statement of a tenant transaction stay inside
// one tenant, so that Citus would route it to that tenant's shard?
//
// 1. The catalog after the migrations, against lib/citus.mjs's rules: every
//    table with tenant_id is distributed unless NOT_DISTRIBUTED lists it
//    (reference or coordinator-local, with why); a distributed table has
//    tenant_id NOT NULL, a primary key led by tenant_id, tenant_id in every
//    unique constraint, unique index and exclusion constraint, and tenant_id
//    on both sides of every foreign key to another distributed table; no
//    reference or local table refers to a distributed one; a table without
//    tenant_id must be classified. The rules a kept-out table with tenant_id
//    would break are listed with it and must stay true. docs/architecture.md's
//    "Sharding with Citus" calls must name the same tables, parents first.
// 2. The statements the server sends, read back from PostgreSQL's own log:
//    this file's database gets log_statement = 'all' (ALTER DATABASE, so only
//    sessions opened afterwards log: a second server process on the same
//    database does the walk), then two tenants are populated and every hotel
//    route of the router's table is called through lib/route-fixtures.mjs, as
//    A's manager and as an admin impersonating B. The log lines carry the
//    database, session and virtual transaction (scripts/pg-start's
//    log_line_prefix), so the statements group into transactions even though
//    parallel tests share the cluster's log. A transaction whose scope
//    statement sets keycard.tenant_id is a tenant transaction; in it, every
//    table with a tenant_id column must be pinned to that tenant by the
//    statement's own text (row-level security adds a tenant predicate to
//    every plan, so only the text tells what Citus could route on).
//
// What the text check does not prove: it reads the SQL with a small
// tokenizer, not PostgreSQL's parser (see lib/citus.mjs); it sees only the
// statements this walk makes the server send (background jobs other than
// the report worker, which the walk waits for, are not driven); it does not
// run Citus. citus-checker.test.mjs shows each rule catching real violations.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, REPO_ROOT, psql, startServer } from './lib/server.mjs';
import { assertStatus } from './lib/api.mjs';
import { populateTenant } from './lib/hotel.mjs';
import { FIXTURES, makeWorld, routeTable, send } from './lib/route-fixtures.mjs';
import {
  CATALOG_QUERY,
  LOG_PREFIX_MARK,
  catalogProblems,
  citusCallsIn,
  markdownSection,
  oneLine,
  parseLog,
  tenantTransactionProblems,
  transactions,
} from './lib/citus.mjs';

// Statements reasoned about and allowed although the check flags them:
// [substring of the SQL, why]. Empty: every statement passes as it is.
const ALLOWED = [];

const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;

describe('Citus readiness', { skip: IS_POSTGRES ? false : 'PostgreSQL only' }, () => {
  const adminUrl = process.env.KEYCARD_TEST_PG_ADMIN_URL;
  let server;
  let catalog;
  let classes;
  let tenantTables;
  let hotelRoutes;
  let txs = [];
  let tenants = [];
  const walked = { manager: [], impersonating: [] }; // [route key, status]

  // The cluster's log file, as the superuser reads it (the file belongs to
  // the server's user): the collector's current file, or scripts/pg-start's
  // DIR/postgres.log beside DIR/data.
  async function logFile() {
    const prefix = await psql(adminUrl, 'SHOW log_line_prefix');
    if (!prefix.includes(LOG_PREFIX_MARK)) {
      throw new Error(
        `log_line_prefix is ${lit(prefix)}; this test needs it to contain ${LOG_PREFIX_MARK} (start the cluster with scripts/pg-start)`,
      );
    }
    const current = await psql(adminUrl, 'SELECT pg_current_logfile()');
    if (current) return current;
    return path.join(path.dirname(await psql(adminUrl, "SELECT current_setting('data_directory')")), 'postgres.log');
  }
  const logSize = async (file) => Number(await psql(adminUrl, `SELECT (pg_stat_file(${lit(file)})).size`));

  before(async () => {
    server = await startServer();
    const db = new URL(server.databaseUrl).pathname.slice(1);
    catalog = JSON.parse(await server.sql(CATALOG_QUERY));
    ({ classes } = catalogProblems(catalog));
    tenantTables = new Set(catalog.tables.filter((t) => t.tenant_id).map((t) => t.name));
    hotelRoutes = (await routeTable()).filter((r) => r.scope === 'hotel');

    const file = await logFile();
    const from = await logSize(file);
    await psql(adminUrl, `ALTER DATABASE ${db} SET log_statement = 'all';`);
    const walker = await server.startAnother();

    const A = await makeWorld(walker);
    const B = await makeWorld(walker, { admin: A.admin });
    await populateTenant(A.tenant);
    await populateTenant(B.tenant);
    const imp = await walker.request('POST', '/api/admin/impersonation/start', {
      token: A.admin,
      body: { target_tenant_id: B.tenantId, reason: 'citus readiness: the hotel routes while impersonating' },
    });
    const { access_token: impersonating } = assertStatus(imp, 200, 'start impersonation');
    for (const [who, world, token] of [
      ['manager', A, A.tenant.token],
      ['impersonating', B, impersonating],
    ]) {
      for (const route of hotelRoutes.filter((r) => FIXTURES[r.key])) {
        const req = await FIXTURES[route.key].build(world, null);
        const res = await send(walker, route.method, req, token);
        walked[who].push([route.key, res.status]);
        if (res.status >= 200 && res.status < 300) await req.after?.(res);
      }
    }
    tenants = [A.tenantId, B.tenantId];

    const to = await logSize(file);
    const b64 = await psql(adminUrl, `SELECT encode(pg_read_binary_file(${lit(file)}, ${from}, ${to - from}), 'base64')`);
    const text = Buffer.from(b64.replace(/\s+/g, ''), 'base64').toString('utf8');
    txs = transactions(parseLog(text, db));
  });
  after(async () => {
    await server?.stop();
  });

  test('every table is classified, and the tenant-owned ones follow the Citus rules', (t) => {
    const { problems, blockers } = catalogProblems(catalog);
    const of = (kind) => Object.keys(classes).filter((n) => classes[n] === kind).sort();
    t.diagnostic(`distributed by tenant_id: ${of('distributed').join(', ')}`);
    t.diagnostic(`reference: ${of('reference').join(', ')}`);
    t.diagnostic(`coordinator-local: ${of('local').join(', ')}`);
    t.diagnostic(`what keeps tables with tenant_id out of distribution: ${blockers.join('; ')}`);
    assert.ok(of('distributed').length > 0, 'no distributed table at all');
    assert.deepEqual(problems, [], `schema problems for Citus:\n  ${problems.join('\n  ')}`);
  });

  test("docs/architecture.md's Citus steps name every table as classified", () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/architecture.md'), 'utf8');
    const section = markdownSection(doc, '## Sharding with Citus');
    assert.ok(section, 'docs/architecture.md has no "## Sharding with Citus" section');
    const calls = citusCallsIn(section);
    for (const kind of ['distributed', 'reference', 'local']) {
      const want = Object.keys(classes).filter((n) => classes[n] === kind).sort();
      assert.deepEqual([...calls[kind]].sort(), want, `the section's ${kind} tables`);
    }
    // Parents before children: a foreign key must point at a table already
    // distributed or reference when its table is distributed.
    const order = [...calls.reference, ...calls.distributed];
    const late = (catalog.constraints ?? [])
      .filter((k) => k.type === 'f' && k.table !== k.references && order.includes(k.table) && order.includes(k.references))
      .filter((k) => order.indexOf(k.references) > order.indexOf(k.table))
      .map((k) => `${k.table} comes before ${k.references}, which ${k.name} refers to`);
    assert.deepEqual(late, [], 'the order of the create_* calls');
  });

  test('the walk called every hotel route, 2xx as the manager, never 5xx', () => {
    const missing = hotelRoutes.filter((r) => !FIXTURES[r.key]).map((r) => r.key);
    assert.deepEqual(missing, [], `hotel routes without a fixture in lib/route-fixtures.mjs: ${missing.join(', ')}`);
    const refused = walked.manager.filter(([, s]) => s < 200 || s > 299);
    assert.deepEqual(refused, [], 'the manager walk answered non-2xx');
    const failed = walked.impersonating.filter(([, s]) => s >= 500);
    assert.deepEqual(failed, [], 'the impersonation walk answered 5xx');
    assert.ok(walked.impersonating.filter(([, s]) => s >= 200 && s < 300).length > hotelRoutes.length / 2);
  });

  test("the log holds both tenants' transactions, touching every distributed table", (t) => {
    const tenantTxs = txs.filter((x) => x.tenant);
    t.diagnostic(`${txs.length} transactions logged, ${tenantTxs.length} of them tenant transactions`);
    assert.ok(tenantTxs.length >= hotelRoutes.length * 2, `only ${tenantTxs.length} tenant transactions in the log`);
    for (const id of tenants) assert.ok(tenantTxs.some((x) => x.tenant === id), `no transaction of tenant ${id} in the log`);
    const { touched } = tenantTransactionProblems(tenantTxs, { classes, tenantTables });
    const untouched = Object.keys(classes).filter((n) => classes[n] === 'distributed' && !touched.has(n));
    assert.deepEqual(untouched, [], 'distributed tables no tenant transaction of the walk touched');
  });

  test("every statement of a tenant transaction is pinned to that tenant on every table with tenant_id", (t) => {
    const allowed = (sql) => ALLOWED.some(([part]) => sql.includes(part));
    const { offending, statements } = tenantTransactionProblems(txs, { classes, tenantTables, allowed });
    t.diagnostic(`${statements} statements of tenant transactions checked`);
    // One entry per statement text.
    const seen = new Map();
    for (const o of offending) if (!seen.has(o.sql)) seen.set(o.sql, o);
    const report = [...seen.values()].map((o) => `${o.problems.join('; ')}\n    in: ${oneLine(o.sql)}`);
    assert.deepEqual(report, [], `statements of tenant transactions Citus could not route to one tenant:\n  ${report.join('\n  ')}`);
  });
});
