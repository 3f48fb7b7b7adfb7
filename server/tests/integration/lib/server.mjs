// Black-box harness: starts the real keycard binary on a free port with a
// fresh data dir and a fresh database (SQLite file, or a new database in the
// throwaway PostgreSQL cluster), and talks HTTP to it.
//
// Environment:
//   KEYCARD_BIN                 the binary (default <repo>/build/release/server/keycard)
//   KEYCARD_TEST_BACKEND        sqlite (default) | postgres
//   KEYCARD_TEST_PG_ADMIN_URL   postgresql://... of a superuser (postgres backend)
//   KEYCARD_TEST_LOG_DIR        when set, each server's output is also written there
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkResponse } from './contract.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const BACKEND = process.env.KEYCARD_TEST_BACKEND || 'sqlite';
export const IS_POSTGRES = BACKEND === 'postgres';
export const KEYCARD_BIN =
  process.env.KEYCARD_BIN || path.join(REPO_ROOT, 'build/release/server/keycard');

if (!['sqlite', 'postgres'].includes(BACKEND)) {
  throw new Error(`KEYCARD_TEST_BACKEND must be sqlite or postgres, not ${BACKEND}`);
}

const READY_TIMEOUT_MS = 60_000; // a loaded 2-core CI machine can need more than 30 s
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_LIMIT = 1 << 20; // keep the last 1 MiB of each stream
const WRITE_PIECE = 64 * 1024;

export function randomId(bytes = 6) {
  return randomBytes(bytes).toString('hex');
}

// A password that any sane policy accepts: long, mixed case, digits, symbols.
export function strongPassword() {
  return `Kc-${randomBytes(12).toString('base64url')}-Zq7!`;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd, args, { input, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { env: env ?? process.env, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          const e = new Error(
            `${path.basename(cmd)} failed (exit ${err.code}): ${String(stderr).trim() || err.message}`,
          );
          e.stderr = String(stderr);
          e.stdout = String(stdout);
          e.exitCode = err.code;
          reject(e);
        } else {
          resolve({ stdout: String(stdout), stderr: String(stderr) });
        }
      },
    );
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

// psql -X -q -At -v ON_ERROR_STOP=1, script on stdin. Returns trimmed stdout.
export async function psql(url, script) {
  const { stdout } = await run('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', '-'], {
    input: script,
  });
  return stdout.replace(/\n+$/, '');
}

function withDatabase(adminUrl, db) {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

function quoteLiteral(s) {
  return `'${String(s).replaceAll("'", "''")}'`;
}

// Keeps the tail of a growing text.
class Tail {
  constructor() {
    this.text = '';
  }
  push(chunk) {
    this.text += chunk;
    if (this.text.length > OUTPUT_LIMIT) this.text = this.text.slice(-OUTPUT_LIMIT);
  }
}

// One HTTP exchange, checked against docs/openapi.yaml (lib/contract.mjs).
// rawBody (string/Buffer) is sent as is; body is JSON-encoded.
export async function httpRequest(baseUrl, method, urlPath, { token, body, headers = {}, rawBody } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload;
  if (rawBody !== undefined) {
    payload = rawBody;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
      h['content-type'] = 'application/json';
    }
  }
  const res = await fetch(baseUrl + urlPath, { method, headers: h, body: payload, redirect: 'manual' });
  // Files (XLSX, PDF) are bytes: keep them, and the text view for the rest.
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json;
  const ct = res.headers.get('content-type') || '';
  if (/json/i.test(ct) && text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  const answer = { status: res.status, headers: res.headers, json, text, bytes };
  // Throws a ContractError when a documented operation's answer differs from
  // docs/openapi.yaml (lib/contract.mjs).
  checkResponse(method, urlPath, answer);
  return answer;
}

// Sends raw bytes over TCP and parses the HTTP/1.1 answer. Tolerates the
// server closing the connection while we still write (e.g. a 413 answered
// before the body was read).
export function rawHttp(port, chunks, { timeoutMs = 15_000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const received = [];
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(received);
      if (buf.length === 0) {
        reject(err ?? new Error('connection closed without an answer'));
        return;
      }
      try {
        resolve(parseHttpResponse(buf));
      } catch (e) {
        reject(e);
      }
    };
    const timer = setTimeout(() => finish(new Error('timeout waiting for an answer')), timeoutMs);
    sock.on('data', (d) => {
      received.push(d);
      // Stop once a complete answer with Content-Length has arrived.
      try {
        const r = parseHttpResponse(Buffer.concat(received), { partialOk: false });
        if (r.complete) finish();
      } catch {
        /* not complete yet */
      }
    });
    sock.on('error', (e) => finish(e));
    sock.on('close', () => finish());
    // Writes in small pieces and stops as soon as an answer arrives: a server
    // that refuses a body early (413) closes the connection, and writing on
    // would turn that close into a reset that can swallow the answer.
    // After the first chunk (the head) it waits a little for an early answer
    // (a server may refuse a too large Content-Length before any body), then
    // pauses briefly every few pieces to notice an answer mid-body.
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    sock.on('connect', async () => {
      try {
        const list = Array.isArray(chunks) ? chunks : [chunks];
        let pieces = 0;
        for (const [i, c] of list.entries()) {
          const buf = Buffer.isBuffer(c) ? c : Buffer.from(c, 'latin1');
          for (let off = 0; off < buf.length; off += WRITE_PIECE) {
            if (done || sock.destroyed || received.length > 0) return;
            if (!sock.write(buf.subarray(off, off + WRITE_PIECE))) {
              await new Promise((r) => sock.once('drain', r).once('close', r));
            }
            await (++pieces % 4 === 0 ? sleep(5) : new Promise((r) => setImmediate(r)));
          }
          if (i === 0 && list.length > 1) await sleep(300);
        }
      } catch {
        /* the server may close early */
      }
    });
  });
}

function parseHttpResponse(buf, { partialOk = true } = {}) {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error(`incomplete HTTP answer: ${buf.toString('latin1').slice(0, 200)}`);
  const head = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
  if (!m) throw new Error(`not an HTTP answer: ${head[0]}`);
  const headers = new Headers();
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  let body = buf.subarray(headEnd + 4);
  const len = headers.get('content-length');
  let complete = false;
  if (len !== null) {
    complete = body.length >= Number(len);
    body = body.subarray(0, Number(len));
  } else if (/chunked/i.test(headers.get('transfer-encoding') || '')) {
    const decoded = [];
    let rest = body;
    for (;;) {
      const nl = rest.indexOf('\r\n');
      if (nl < 0) break;
      const size = parseInt(rest.subarray(0, nl).toString('latin1'), 16);
      if (Number.isNaN(size)) break;
      if (size === 0) {
        complete = true;
        break;
      }
      if (rest.length < nl + 2 + size) break;
      decoded.push(rest.subarray(nl + 2, nl + 2 + size));
      rest = rest.subarray(nl + 2 + size + 2);
    }
    body = Buffer.concat(decoded);
  }
  if (!partialOk && !complete) throw new Error('incomplete');
  const text = body.toString('utf8');
  let json;
  if (/json/i.test(headers.get('content-type') || '')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: Number(m[1]), headers, text, json, complete };
}

async function waitReady(baseUrl, child, output) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const err = new Error(
        `keycard exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}):\n` +
          `--- stderr ---\n${output.stderr.text}\n--- stdout ---\n${output.stdout.text.slice(-4000)}`,
      );
      err.exited = true;
      throw err;
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `keycard did not answer 200 on /readyz within ${READY_TIMEOUT_MS / 1000} s:\n` +
      `--- stderr ---\n${output.stderr.text}\n--- stdout ---\n${output.stdout.text.slice(-4000)}`,
  );
}

function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('KEYCARD_') && !k.startsWith('KEYCARD_TEST_')) continue;
    env[k] = v;
  }
  return env;
}

// Starts one keycard process. Shared state (database, secret, admin) comes in
// through `shared`; returns the process handle.
async function spawnKeycard(shared, { env: extraEnv = {}, args = [], dataDir, name, port: fixedPort }) {
  let lastErr;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = fixedPort ?? (await freePort());
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      ...cleanEnv(),
      KEYCARD_LISTEN: `127.0.0.1:${port}`,
      KEYCARD_DATABASE: shared.databaseUrl,
      KEYCARD_DATA_DIR: dataDir,
      KEYCARD_JWT_SECRET: shared.jwtSecret,
      KEYCARD_BOOTSTRAP_ADMIN_EMAIL: shared.admin.email,
      KEYCARD_BOOTSTRAP_ADMIN_PASSWORD: shared.admin.password,
      KEYCARD_PASSWORD_COST: 'low',
      KEYCARD_LOG_LEVEL: 'warn',
      // The night audit runs when a test asks for it (a test of the scheduler turns it on).
      KEYCARD_NIGHT_AUDIT_INTERVAL: '0',
      ...extraEnv,
    };
    for (const [k, v] of Object.entries(env)) if (v === undefined || v === null) delete env[k];
    const child = spawn(KEYCARD_BIN, ['serve', ...args], { env, cwd: shared.tmpDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { stdout: new Tail(), stderr: new Tail() };
    let logFile;
    if (process.env.KEYCARD_TEST_LOG_DIR) {
      fs.mkdirSync(process.env.KEYCARD_TEST_LOG_DIR, { recursive: true });
      const file = path.join(process.env.KEYCARD_TEST_LOG_DIR, `${BACKEND}-${name}-${port}.log`);
      logFile = fs.createWriteStream(file);
    }
    child.stdout.setEncoding('utf8').on('data', (d) => {
      output.stdout.push(d);
      logFile?.write(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      output.stderr.push(d);
      logFile?.write(d);
    });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.on('error', (e) => output.stderr.push(`spawn error: ${e.message}\n`));
    try {
      await waitReady(baseUrl, child, output);
      return { child, port, baseUrl, output, exited, logFile };
    } catch (e) {
      lastErr = e;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      logFile?.end();
      // A port taken between freePort() and bind(): try another one (a port
      // the caller chose stays that port).
      if (fixedPort !== undefined) throw e;
      if (!(e.exited && /in use|EADDRINUSE/i.test(output.stderr.text + output.stdout.text))) throw e;
    }
  }
  throw lastErr;
}

// SIGKILL, sent before the first await: whatever the caller saw in flight when
// it called is still in flight when the process dies. Resolves once the
// process is gone. A process that had already died is a failure, not a kill.
async function killProcess(proc) {
  const { child, exited, output } = proc;
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(
      `keycard was already dead before the kill (code ${child.exitCode}, signal ${child.signalCode}):\n` +
        output.stderr.text.slice(-8000),
    );
  }
  proc.killed = true;
  child.kill('SIGKILL');
  return exited;
}

async function stopProcess(proc) {
  const { child, exited, output, logFile } = proc;
  let result;
  if (proc.stopRequested) return proc.stopResult;
  proc.stopRequested = true;
  if (proc.killed) {
    result = { ...(await exited), killed: true };
    logFile?.end();
    proc.stopResult = result;
    return result;
  }
  if (child.exitCode !== null || child.signalCode !== null) {
    result = { code: child.exitCode, signal: child.signalCode, crashed: true };
  } else {
    let hung = false;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    result = { ...(await exited), crashed: false, hung };
    clearTimeout(timer);
  }
  logFile?.end();
  proc.stopResult = result;
  const tail = output.stderr.text.slice(-8000);
  if (result.crashed) {
    throw new Error(`keycard died during the tests (code ${result.code}, signal ${result.signal}):\n${tail}`);
  }
  if (result.hung) throw new Error(`keycard did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM:\n${tail}`);
  if (result.signal ? result.signal !== 'SIGTERM' : result.code !== 0) {
    throw new Error(`keycard ended badly on SIGTERM (code ${result.code}, signal ${result.signal}):\n${tail}`);
  }
  return result;
}

function makeHandle(shared, proc) {
  return {
    baseUrl: proc.baseUrl,
    port: proc.port,
    pid: proc.child.pid,
    databaseUrl: shared.databaseUrl,
    backend: BACKEND,
    admin: shared.admin,
    jwtSecret: shared.jwtSecret,
    get stderr() {
      return proc.output.stderr.text;
    },
    get stdout() {
      return proc.output.stdout.text;
    },
    get alive() {
      return proc.child.exitCode === null && proc.child.signalCode === null;
    },
    request: (method, urlPath, opts) => httpRequest(proc.baseUrl, method, urlPath, opts),
    raw: (chunks, opts) => rawHttp(proc.port, chunks, opts),
    kill: () => killProcess(proc),
  };
}

/**
 * Starts keycard on a fresh database.
 * opts.env   extra environment for the process (undefined/null removes a variable)
 * opts.args  extra arguments after `serve`
 * opts.port  the port to listen on (default: a free one); startAnother takes it too
 * opts.name  names the process's log file in KEYCARD_TEST_LOG_DIR (default: main)
 * opts.databaseUrl  run on this existing database instead (sqlite:<file> or a
 *            postgresql:// URL): the harness neither creates nor removes it
 * opts.jwtSecret, opts.admin ({email, password}), opts.dataDir: use these
 *            instead of fresh ones, so that several startServer() calls made at
 *            once on one databaseUrl start processes that share them
 * Returns a handle: {baseUrl, port, databaseUrl, admin, stderr, stdout,
 *   request(method, path, {token, body, headers, rawBody}), raw(chunks),
 *   sql(query), sqlAsApp(tenantId, query) (PostgreSQL),
 *   startAnother(opts) (a second process on the same database), kill(), stop()}.
 * kill() SIGKILLs that handle's process (a crash: no shutdown code runs) and
 * resolves with {code, signal} once it is gone; stop() then does not count it
 * as a failure. To start again after a crash on the same database and data
 * dir, call startAnother() on the killed handle: it waits for /readyz 200.
 * Every handle startAnother() returns has kill() too, and the first handle's
 * stop() stops them all and removes the database.
 */
export async function startServer(opts = {}) {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keycard-it-'));
  const shared = {
    tmpDir,
    jwtSecret: opts.jwtSecret ?? randomBytes(32).toString('hex'),
    admin: opts.admin ?? { email: 'admin@keycard.test', password: strongPassword() },
    databaseUrl: undefined,
    pgDatabase: undefined,
    adminUrl: undefined,
  };
  let sqliteFile;
  if (opts.databaseUrl) {
    shared.databaseUrl = opts.databaseUrl;
    if (opts.databaseUrl.startsWith('sqlite:')) sqliteFile = opts.databaseUrl.slice('sqlite:'.length);
  } else if (IS_POSTGRES) {
    shared.adminUrl = process.env.KEYCARD_TEST_PG_ADMIN_URL;
    if (!shared.adminUrl) throw new Error('KEYCARD_TEST_PG_ADMIN_URL is required for the postgres backend');
    shared.pgDatabase = `kc_${randomId(8)}`;
    await psql(shared.adminUrl, `CREATE DATABASE ${shared.pgDatabase};`);
    shared.databaseUrl = withDatabase(shared.adminUrl, shared.pgDatabase);
  } else {
    sqliteFile = path.join(tmpDir, 'keycard.db');
    shared.databaseUrl = `sqlite:${sqliteFile}`;
  }

  const cleanupStorage = async () => {
    if (shared.pgDatabase) {
      await psql(shared.adminUrl, `DROP DATABASE IF EXISTS ${shared.pgDatabase} WITH (FORCE);`);
    }
    fs.rmSync(tmpDir, { recursive: true, force: true });
  };

  const dataDir = opts.dataDir ?? path.join(tmpDir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  let main;
  try {
    main = await spawnKeycard(shared, { ...opts, dataDir, name: opts.name ?? 'main' });
  } catch (e) {
    await cleanupStorage().catch(() => {});
    throw e;
  }

  const others = [];
  let stopped = false;
  const handle = makeHandle(shared, main);

  handle.sql = async (query) => {
    if (!sqliteFile) return psql(shared.databaseUrl, query);
    const { stdout } = await run('sqlite3', ['-bail', '-batch', '-cmd', '.timeout 10000', sqliteFile], {
      input: query,
    });
    return stdout.replace(/\n+$/, '');
  };

  // Runs `query` in one transaction as the application role with the tenant
  // set transaction-locally (tenantId null: no tenant set).
  handle.sqlAsApp = async (tenantId, query) => {
    if (!IS_POSTGRES) throw new Error('sqlAsApp needs the postgres backend');
    const setTenant =
      tenantId === null || tenantId === undefined
        ? ''
        : `SELECT set_config('keycard.tenant_id', ${quoteLiteral(tenantId)}, true) AS kc_tenant \\gset\n`;
    const body = query.trim().replace(/;$/, '');
    return psql(shared.databaseUrl, `BEGIN;\nSET LOCAL ROLE keycard_app;\n${setTenant}${body};\nCOMMIT;\n`);
  };

  // A second keycard process on the same database, JWT secret and admin.
  // opts.separateDataDir: give it its own data dir (default: shared).
  handle.startAnother = async (o = {}) => {
    let dir = dataDir;
    if (o.separateDataDir) {
      dir = path.join(tmpDir, `data-${others.length + 1}`);
      fs.mkdirSync(dir, { recursive: true });
    }
    const proc = await spawnKeycard(shared, { ...o, dataDir: dir, name: `extra${others.length + 1}` });
    others.push(proc);
    const h = makeHandle(shared, proc);
    h.sql = handle.sql;
    h.sqlAsApp = handle.sqlAsApp;
    h.stop = () => stopProcess(proc);
    return h;
  };

  handle.stop = async () => {
    if (stopped) return;
    stopped = true;
    const errors = [];
    for (const p of others) await stopProcess(p).catch((e) => errors.push(e));
    await stopProcess(main).catch((e) => errors.push(e));
    await cleanupStorage().catch((e) => errors.push(e));
    if (errors.length) throw errors[0];
  };

  return handle;
}
