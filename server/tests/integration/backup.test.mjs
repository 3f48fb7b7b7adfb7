// keycard backup / keycard restore on the running server's database (both
// backends): a backup taken under a write load, which goes on being answered
// while the backup runs, holds every write answered before it started, as
// one consistent snapshot; it restores into a fresh database that a server
// then serves and whose audit trail verifies (PostgreSQL: with row-level
// security enabled, forced and keeping two tenants apart); a
// restore refuses a target that is not empty (unless --force), a target a
// server is using, a missing file, and the database itself as FILE.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertStatus, loginOk, strongPassword, waitFor } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import { keycardCli, listAll } from './lib/platform.mjs';
import { IS_POSTGRES, KEYCARD_BIN, freePort, psql, randomId, startServer } from './lib/server.mjs';

const LOOPS = 2;
const MAX_WRITES_PER_LOOP = 3000; // the load stops by itself even if nobody stops it
const SECOND_TENANT_GUESTS = 5;
const SQLITE_BACKUP_ATTEMPTS = 20;

// A database of its own for a restore: a new SQLite file, or a new database
// in the throwaway cluster. Returns its URL; dropped in after().
const made = [];
let tmpDir;
async function freshDatabase(name) {
  if (!IS_POSTGRES) return `sqlite:${path.join(tmpDir, `${name}-${randomId(4)}.db`)}`;
  const db = `kc_${name}_${randomId(6)}`;
  const admin = process.env.KEYCARD_TEST_PG_ADMIN_URL;
  await psql(admin, `CREATE DATABASE ${db};`);
  made.push(db);
  const u = new URL(admin);
  u.pathname = `/${db}`;
  return u.toString();
}

// One query on a database given by URL (the harness's server.sql is bound to
// its own database). Rows as text, one a line, columns split by |.
function sqlOn(url, query) {
  if (IS_POSTGRES) return psql(url, query);
  return new Promise((resolve, reject) => {
    const child = execFile(
      'sqlite3',
      ['-bail', '-batch', '-cmd', '.timeout 10000', url.slice('sqlite:'.length)],
      (err, stdout, stderr) => (err ? reject(new Error(`sqlite3: ${stderr || err.message}`)) : resolve(String(stdout).trim())),
    );
    child.stdin.end(query);
  });
}

const cli = (databaseUrl, args) => keycardCli({ databaseUrl }, args);

// keycardCli with the process at hand: {child, done}, done resolving with
// {code, stdout, stderr} and child.exitCode null while it runs.
function startCli(databaseUrl, args) {
  let child;
  const done = new Promise((resolve) => {
    child = execFile(
      KEYCARD_BIN,
      [...args, '--database', databaseUrl],
      { env: { ...process.env, KEYCARD_LOG_LEVEL: 'error' }, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
  return { child, done };
}

// A psql session holding an ACCESS EXCLUSIVE lock on `table` until release().
async function holdLock(url, table) {
  const child = spawn('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const closed = new Promise((resolve) => child.on('close', resolve));
  child.stdin.write(`BEGIN;\nLOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE;\nSELECT 'held';\n`);
  await waitFor(`the lock on ${table}`, () => {
    if (child.exitCode !== null) throw new Error(`psql ended: ${err}`);
    return out.includes('held');
  });
  return {
    release: async () => {
      child.stdin.end('COMMIT;\n');
      assert.equal(await closed, 0, `psql holding ${table}: ${err}`);
    },
  };
}

// Row-level security after a restore: every tenant table has it enabled
// and forced, as in the source, and keycard_app in one tenant sees its own
// guests and none of the other's.
async function assertRlsHolds(url, sourceUrl, first, second) {
  const flags =
    "SELECT c.relname || ':' || c.relrowsecurity || ':' || c.relforcerowsecurity FROM pg_catalog.pg_class c" +
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'" +
    " AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'" +
    ' AND NOT a.attisdropped) ORDER BY 1';
  const restored = (await psql(url, flags)).split('\n');
  assert.deepEqual(restored, (await psql(sourceUrl, flags)).split('\n'), 'the tenant tables, as in the source');
  assert.ok(restored.includes('guests:true:true'), restored.join(', '));
  for (const line of restored) assert.match(line, /:true:true$/, `row-level security enabled and forced: ${line}`);
  const asApp = (tenantId, query) =>
    psql(
      url,
      `BEGIN; SET LOCAL ROLE keycard_app; SELECT set_config('keycard.tenant_id', '${tenantId}', true) AS t \\gset\n` +
        `${query}; COMMIT;`,
    );
  const firstRows = await psql(url, `SELECT count(*) FROM guests WHERE tenant_id = '${first}'`);
  const secondRows = await psql(url, `SELECT count(*) FROM guests WHERE tenant_id = '${second}'`);
  assert.ok(Number(firstRows) > 0 && secondRows === String(SECOND_TENANT_GUESTS), `${firstRows} and ${secondRows} guests`);
  assert.equal(await asApp(second, `SELECT count(*) FROM guests WHERE tenant_id = '${first}'`), '0');
  assert.equal(await asApp(second, 'SELECT count(*) FROM guests'), secondRows);
  assert.equal(await asApp(first, 'SELECT count(*) FROM guests'), firstRows);
}

function assertExit(result, code, what) {
  assert.equal(result.code, code, `${what}: exit ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
}

describe('backup and restore', () => {
  let server;
  let tenant;
  let tenant2;
  let backupFile;
  let restoredUrl;
  let ackedBeforeBackup; // [loop][i] answered 201 before the backup process was started
  const acked = Array.from({ length: LOOPS }, () => []);
  const sent = Array.from({ length: LOOPS }, () => 0);
  const extraServers = [];

  before(async () => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keycard-backup-'));
    server = await startServer();
    const admin = (await loginOk(server, server.admin.email, server.admin.password)).access_token;
    tenant = await hotelTenant(server, admin);
    // Another tenant's guests in the same tables: row-level security has
    // rows to keep apart after a restore.
    tenant2 = await hotelTenant(server, admin);
    for (let i = 0; i < SECOND_TENANT_GUESTS; i++) {
      assertStatus(
        await tenant2.req('POST', '/api/hotel/guests', { first_name: 'Other', last_name: `T2-${i}` }),
        201,
        `guest T2-${i}`,
      );
    }

    // The write load: LOOPS loops, each creating guests one after the other
    // and recording each answered one (last name L<loop>-<i>).
    let stop = false;
    const loop = async (l) => {
      for (let i = 0; i < MAX_WRITES_PER_LOOP && !stop; i++) {
        sent[l] = i + 1;
        const res = await tenant.req('POST', '/api/hotel/guests', { first_name: 'Load', last_name: `L${l}-${i}` });
        assertStatus(res, 201, `guest L${l}-${i}`);
        acked[l].push(i);
      }
    };
    const loops = Array.from({ length: LOOPS }, (_, l) => loop(l));
    const total = () => acked.reduce((n, a) => n + a.length, 0);
    try {
      await waitFor('the load to get going', () => total() >= 30);
      backupFile = path.join(tmpDir, 'keycard.backup');
      // The server is not held up: writes are answered while the backup
      // process runs, between its start and its exit.
      let result;
      if (IS_POSTGRES) {
        // pg_dump takes its snapshot, then locks each table: it waits for
        // the lock this session holds on a table of its own, created last,
        // with its snapshot taken and Keycard's tables locked.
        await psql(server.databaseUrl, 'CREATE TABLE backup_hold (n int);');
        const hold = await holdLock(server.databaseUrl, 'backup_hold');
        ackedBeforeBackup = acked.map((a) => [...a]);
        const run = startCli(server.databaseUrl, ['backup', '--to', backupFile]);
        try {
          await waitFor('pg_dump to wait for backup_hold', async () => {
            assert.equal(run.child.exitCode, null, 'the backup ended while backup_hold was locked');
            const waiting = await psql(
              server.databaseUrl,
              "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pg_dump'" +
                " AND wait_event_type = 'Lock'",
            );
            return waiting === '1';
          });
          const during = total();
          await waitFor('writes answered while pg_dump runs', () => total() >= during + 10);
          assert.equal(run.child.exitCode, null, 'pg_dump was still running');
        } finally {
          await hold.release();
        }
        result = await run.done;
        assertExit(result, 0, 'backup under load');
      } else {
        // A SQLite copy of this database takes little time: backups are
        // taken until one saw a write answered while it ran.
        let overlapped = false;
        for (let attempt = 1; attempt <= SQLITE_BACKUP_ATTEMPTS && !overlapped; attempt++) {
          ackedBeforeBackup = acked.map((a) => [...a]);
          const run = startCli(server.databaseUrl, ['backup', '--to', backupFile]);
          const atStart = total();
          let atExit;
          run.child.on('exit', () => {
            atExit = total();
          });
          result = await run.done;
          assertExit(result, 0, `backup under load, attempt ${attempt}`);
          overlapped = atExit > atStart;
        }
        assert.ok(overlapped, `no write was answered while a backup ran, in ${SQLITE_BACKUP_ATTEMPTS} backups`);
      }
      assert.match(result.stdout, /^backup written to .* \(\d+ bytes, migration \d+\)$/m);
      // And the load goes on after the backup.
      const after = total();
      await waitFor('writes after the backup', () => total() >= after + 10);
    } finally {
      stop = true;
      await Promise.all(loops);
    }
  });

  after(async () => {
    for (const s of extraServers) await s.stop().catch(() => {});
    await server?.stop();
    for (const db of made) {
      await psql(process.env.KEYCARD_TEST_PG_ADMIN_URL, `DROP DATABASE IF EXISTS ${db} WITH (FORCE);`).catch(() => {});
    }
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  test('the backup is one whole file, no .partial left', () => {
    assert.ok(fs.statSync(backupFile).size > 0);
    assert.deepEqual(fs.readdirSync(tmpDir).filter((n) => n.includes('.partial')), []);
    assert.equal(fs.statSync(backupFile).mode & 0o777, 0o600);
    const magic = fs.readFileSync(backupFile).subarray(0, IS_POSTGRES ? 5 : 16).toString('latin1');
    assert.equal(magic, IS_POSTGRES ? 'PGDMP' : 'SQLite format 3\0');
  });

  test('two backups to one FILE at once: both written, FILE a whole backup, no temporary file left', async () => {
    const dir = fs.mkdtempSync(path.join(tmpDir, 'twice-'));
    const file = path.join(dir, 'k.backup');
    const results = await Promise.all([1, 2].map(() => cli(server.databaseUrl, ['backup', '--to', file])));
    results.forEach((r, i) => assertExit(r, 0, `backup ${i + 1} of 2 to one FILE`));
    assert.deepEqual(fs.readdirSync(dir), ['k.backup']);
    const target = await freshDatabase('twice');
    assertExit(await cli(target, ['restore', '--from', file]), 0, 'restore of the FILE two backups wrote');
    assertExit(await cli(target, ['audit', 'verify']), 0, 'audit verify of that restore');
  });

  test('restore into a fresh database: audit verify passes, migrate has nothing to add', async () => {
    restoredUrl = await freshDatabase('restored');
    const restored = await cli(restoredUrl, ['restore', '--from', backupFile]);
    assertExit(restored, 0, 'restore into a fresh database');
    assert.match(restored.stdout, /^restored .* \(migration (\d+) of \1\)$/m);
    const verify = await cli(restoredUrl, ['audit', 'verify']);
    assertExit(verify, 0, 'audit verify on the restored database');
    assert.match(verify.stdout, /audit trail intact: \d+ entries checked/);
    const migrate = await cli(restoredUrl, ['migrate']);
    assertExit(migrate, 0, 'migrate on the restored database');
    assert.match(migrate.stdout, /database is at migration (\d+) of \1/);
  });

  test('a server on the restored database has every write answered before the backup, as a snapshot', async () => {
    assert.ok(restoredUrl, 'the restore test ran');
    const restoredServer = await startServer({ env: { KEYCARD_DATABASE: restoredUrl } });
    extraServers.push(restoredServer);
    // The users came back with the data: the manager logs in with the same password.
    const { access_token: token } = await loginOk(restoredServer, tenant.manager.email, tenant.manager.password);
    const guests = await listAll(restoredServer, token, '/api/hotel/guests');
    const present = Array.from({ length: LOOPS }, () => new Set());
    for (const g of guests) {
      const m = /^L(\d+)-(\d+)$/.exec(g.last_name);
      assert.ok(m, `a guest the load did not make: ${g.last_name}`);
      present[Number(m[1])].add(Number(m[2]));
    }
    for (let l = 0; l < LOOPS; l++) {
      for (const i of ackedBeforeBackup[l]) assert.ok(present[l].has(i), `L${l}-${i} was answered before the backup began`);
      // Each loop writes one guest after the other, so a consistent snapshot
      // holds a prefix of each loop's guests: none missing below the last.
      const n = present[l].size;
      for (let i = 0; i < n; i++) assert.ok(present[l].has(i), `L${l}: ${n} guests restored but L${l}-${i} is missing`);
      assert.ok(n <= sent[l], `L${l}: no more guests than were sent`);
    }
    // The load went on after the backup: the live database has more.
    const live = await listAll(server, tenant.token, '/api/hotel/guests');
    assert.ok(live.length > guests.length, `live ${live.length} > restored ${guests.length}`);

    // A restore while this server uses the target is refused.
    const refused = await cli(restoredUrl, ['restore', '--from', backupFile, '--force']);
    assertExit(refused, 2, 'restore into a database a server is using');
    assert.match(refused.stderr, /in use/);
    await restoredServer.stop();
    if (IS_POSTGRES) await assertRlsHolds(restoredUrl, server.databaseUrl, tenant.hotel.id, tenant2.hotel.id);
  });

  test('a target that is not empty: refused and unchanged without --force, replaced with it', async () => {
    const target = await freshDatabase('other');
    assertExit(await cli(target, ['migrate']), 0, 'migrate the other database');
    const other = `other-${randomId(4)}@keycard.test`;
    assertExit(
      await cli(target, ['create-admin', '--email', other, '--password', strongPassword()]),
      0,
      'an admin of the other database',
    );
    const before = await sqlOn(target, 'SELECT count(*) FROM users; SELECT count(*) FROM guests;');

    const refused = await cli(target, ['restore', '--from', backupFile]);
    assertExit(refused, 2, 'restore into a non-empty database without --force');
    assert.match(refused.stderr, /not empty: it holds Keycard data at migration \d+ .*--force/);
    assert.equal(await sqlOn(target, 'SELECT count(*) FROM users; SELECT count(*) FROM guests;'), before);
    assert.equal(await sqlOn(target, `SELECT count(*) FROM users WHERE email = '${other}'`), '1');

    const forced = await cli(target, ['restore', '--from', backupFile, '--force']);
    assertExit(forced, 0, 'restore --force');
    assert.equal(await sqlOn(target, `SELECT count(*) FROM users WHERE email = '${other}'`), '0');
    assert.equal(
      await sqlOn(target, 'SELECT count(*) FROM guests'),
      await sqlOn(restoredUrl, 'SELECT count(*) FROM guests'),
      'the forced restore holds the backup',
    );
    assertExit(await cli(target, ['audit', 'verify']), 0, 'audit verify after restore --force');
    if (IS_POSTGRES) await assertRlsHolds(target, server.databaseUrl, tenant.hotel.id, tenant2.hotel.id);
  });

  test('refusals exit 2 with a message: a missing file, not a backup, the database itself', async () => {
    const target = await freshDatabase('refused');
    const missing = await cli(target, ['restore', '--from', path.join(tmpDir, 'no-such.backup')]);
    assertExit(missing, 2, 'restore of a missing file');
    assert.match(missing.stderr, /no backup file at/);

    const junk = path.join(tmpDir, 'junk.backup');
    fs.writeFileSync(junk, 'not a backup');
    const notBackup = await cli(target, ['restore', '--from', junk]);
    assertExit(notBackup, 2, 'restore of a file that is no backup');
    assert.match(notBackup.stderr, /is not a (SQLite database|pg_dump archive)/);

    const noFolder = await cli(server.databaseUrl, ['backup', '--to', path.join(tmpDir, 'no-folder', 'x.backup')]);
    assertExit(noFolder, 2, 'backup into a missing folder');
    assert.match(noFolder.stderr, /does not exist/);

    if (IS_POSTGRES) {
      // A database that does not exist is a refusal, not a failed copy.
      const u = new URL(process.env.KEYCARD_TEST_PG_ADMIN_URL);
      u.pathname = `/kc_missing_${randomId(6)}`;
      const noSource = await cli(u.toString(), ['backup', '--to', path.join(tmpDir, 'missing.backup')]);
      assertExit(noSource, 2, 'backup of a database that does not exist');
      assert.match(noSource.stderr, /no database "kc_missing_\w+" on the PostgreSQL server: check the database name/);
      const noTarget = await cli(u.toString(), ['restore', '--from', backupFile]);
      assertExit(noTarget, 2, 'restore into a database that does not exist');
      assert.match(noTarget.stderr, /no database "kc_missing_\w+" on the PostgreSQL server: create it first/);
      // A server that is not there is a failure (exit 1), which may pass.
      const closedPort = await freePort();
      const down = await cli(`postgresql://postgres@127.0.0.1:${closedPort}/x`, ['backup', '--to', path.join(tmpDir, 'down.backup')]);
      assertExit(down, 1, 'backup of a server that is not running');
      assert.match(down.stderr, /cannot connect to PostgreSQL/);
    } else {
      const file = server.databaseUrl.slice('sqlite:'.length);
      for (const to of [file, `${file}-wal`]) {
        const itself = await cli(server.databaseUrl, ['backup', '--to', to]);
        assertExit(itself, 2, `backup --to ${path.basename(to)}`);
        assert.match(itself.stderr, /is the database itself/);
      }
      const into = await cli(server.databaseUrl, ['restore', '--from', file, '--force']);
      assertExit(into, 2, 'restore of the database into itself');
      assert.match(into.stderr, /is the target database itself/);
      // A copy of the live file (cp keycard.db) is in WAL mode, its latest
      // commits perhaps in the -wal it left behind: no backup.
      const copied = path.join(tmpDir, 'copied-live.db');
      fs.copyFileSync(file, copied);
      const live = await cli(target, ['restore', '--from', copied]);
      assertExit(live, 2, 'restore of a copy of the live database file');
      assert.match(live.stderr, /copied-live\.db is a live database file in WAL mode, not a keycard backup; make one with keycard backup/);
    }
  });

  if (IS_POSTGRES) {
    test('PostgreSQL: a schema owner with a password and no BYPASSRLS backs up and restores', async () => {
      const admin = process.env.KEYCARD_TEST_PG_ADMIN_URL;
      const role = `kc_owner_${randomId(4)}`;
      const other = `kc_other_${randomId(4)}`;
      const password = `p@ss w'rd:${randomId(3)}`;
      const source = `kc_owned_${randomId(6)}`;
      const target = `kc_owned_${randomId(6)}`;
      await psql(
        admin,
        // CREATEROLE: migration 0001 creates keycard_app, and CREATE ROLE is
        // checked before the role is found to exist. No BYPASSRLS.
        `CREATE ROLE ${role} LOGIN CREATEROLE PASSWORD '${password.replaceAll("'", "''")}';\n` +
          `GRANT keycard_app TO ${role};\nCREATE DATABASE ${source} OWNER ${role};\nCREATE DATABASE ${target} OWNER ${role};`,
      );
      made.push(source, target);
      const url = (db) => {
        const u = new URL(admin);
        u.username = role;
        u.password = encodeURIComponent(password);
        u.pathname = `/${db}`;
        return u.toString();
      };
      try {
        assertExit(await cli(url(source), ['migrate']), 0, 'migrate as the owner');
        const email = `owned-${randomId(4)}@keycard.test`;
        assertExit(await cli(url(source), ['create-admin', '--email', email, '--password', strongPassword()]), 0, 'admin');
        const file = path.join(tmpDir, 'owned.backup');
        const dumped = await cli(url(source), ['backup', '--to', file]);
        assertExit(dumped, 0, 'backup as an owner under FORCE ROW LEVEL SECURITY');
        assert.ok(!dumped.stderr.includes(password));
        assertExit(await cli(url(target), ['restore', '--from', file]), 0, 'restore as the owner');
        assert.equal(await psql(url(target), `SELECT count(*) FROM users WHERE email = '${email}'`), '1');
        const verify = await cli(url(target), ['audit', 'verify']);
        assertExit(verify, 0, 'audit verify of the owner-restored database');
        assert.match(verify.stdout, /intact: 1 entries/);

        // A policy that opens to the platform scope but applies to a role
        // the owner is not in shows the owner no rows: refused, not dumped
        // empty. TO keycard_app, whose privileges the owner has, applies.
        await psql(admin, `CREATE ROLE ${other} NOLOGIN;`);
        await psql(
          url(source),
          'CREATE TABLE rls_probe (n int);\nINSERT INTO rls_probe VALUES (1);\n' +
            'ALTER TABLE rls_probe ENABLE ROW LEVEL SECURITY;\nALTER TABLE rls_probe FORCE ROW LEVEL SECURITY;\n' +
            `CREATE POLICY platform_probe ON rls_probe TO ${other}` +
            " USING (current_setting('keycard.platform', true) = 'on');",
        );
        const closed = await cli(url(source), ['backup', '--to', path.join(tmpDir, 'closed.backup')]);
        assertExit(closed, 2, 'backup of a table whose platform policy applies to another role');
        assert.match(closed.stderr, /table rls_probe has a row-level security policy that Keycard's platform scope does not open/);
        assert.equal(fs.existsSync(path.join(tmpDir, 'closed.backup')), false);
        await psql(url(source), 'ALTER POLICY platform_probe ON rls_probe TO keycard_app;');
        assert.equal(await psql(url(source), "SET keycard.platform = 'on'; SELECT count(*) FROM rls_probe;"), '1');
        assertExit(await cli(url(source), ['backup', '--to', path.join(tmpDir, 'open.backup')]), 0, 'TO keycard_app');
      } finally {
        for (const db of [source, target]) await psql(admin, `DROP DATABASE IF EXISTS ${db} WITH (FORCE);`).catch(() => {});
        await psql(admin, `DROP ROLE IF EXISTS ${role}; DROP ROLE IF EXISTS ${other};`).catch(() => {});
      }
    });
  }
});
