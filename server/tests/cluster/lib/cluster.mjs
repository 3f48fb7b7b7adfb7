// Three keycard instances behind nginx (scripts/cluster-test): the script
// starts nginx from docs/deploy/nginx.conf with its upstream on three ports
// and hands them over in the environment; startCluster() starts the three
// instances at once on those ports, on one fresh PostgreSQL database, with
// one JWT secret, one bootstrap admin and one data dir. Tests talk to the
// cluster through nginx only; nginx's X-Upstream header names the instance
// that answered.
//
// Environment (set by scripts/cluster-test):
//   KEYCARD_CLUSTER_URL        http://127.0.0.1:PORT of nginx
//   KEYCARD_CLUSTER_PORTS      the three instances' ports, comma-separated
//   KEYCARD_TEST_PG_ADMIN_URL  postgresql:// URL of a superuser
//   KEYCARD_CLUSTER_DB_PREFIX  the start of the databases' names (default kc_cluster_)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, httpRequest, psql, randomId, startServer, strongPassword } from '../../integration/lib/server.mjs';
import { waitFor } from '../../integration/lib/api.mjs';
import { checkResponse } from '../../integration/lib/contract.mjs';

export const CLUSTER_URL = process.env.KEYCARD_CLUSTER_URL;
export const PORTS = (process.env.KEYCARD_CLUSTER_PORTS || '')
  .split(',')
  .filter(Boolean)
  .map(Number);
const ADMIN_URL = process.env.KEYCARD_TEST_PG_ADMIN_URL;
// Every database startCluster() makes is named with it: scripts/cluster-test
// drops the ones a run it interrupted left behind.
const DB_PREFIX = process.env.KEYCARD_CLUSTER_DB_PREFIX || 'kc_cluster_';
assert.match(DB_PREFIX, /^[a-z_][a-z0-9_]*$/, 'KEYCARD_CLUSTER_DB_PREFIX is a lowercase SQL name');

if (!CLUSTER_URL || PORTS.length !== 3 || !ADMIN_URL || process.env.KEYCARD_TEST_BACKEND !== 'postgres') {
  throw new Error(
    'the cluster tests run through scripts/cluster-test, which starts nginx and sets KEYCARD_CLUSTER_URL, ' +
      'KEYCARD_CLUSTER_PORTS, KEYCARD_TEST_PG_ADMIN_URL and KEYCARD_TEST_BACKEND=postgres',
  );
}

// Every instance: info logs (migrations_applied, report_job_started), nginx
// as a trusted proxy, two report workers each (six compete for a job).
export const INSTANCE_ENV = {
  KEYCARD_LOG_LEVEL: 'info',
  KEYCARD_TRUSTED_PROXIES: '127.0.0.1/32, ::1',
  KEYCARD_REPORT_WORKERS: '2',
};

// The migrations the binary embeds for PostgreSQL: server/migrations/postgres/NNNN_*.sql.
export function postgresMigrationVersions() {
  return fs
    .readdirSync(path.join(REPO_ROOT, 'server/migrations/postgres'))
    .map((f) => /^(\d+)_.*\.sql$/.exec(f))
    .filter(Boolean)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

// The instance (0, 1, 2) that answered, from nginx's X-Upstream header. After
// nginx retried elsewhere the header lists every address tried; the last one
// answered.
export function upstreamOf(res) {
  const value = res.headers.get('x-upstream');
  assert.ok(value, `nginx names the upstream (X-Upstream) on a ${res.status} answer`);
  // nginx separates the addresses tried with ", " (and internal redirects with " : ").
  const tried = value.split(/\s*,\s*|\s+:\s+/);
  const last = tried[tried.length - 1];
  const port = Number(/:(\d+)$/.exec(last)?.[1]);
  const index = PORTS.indexOf(port);
  assert.ok(index >= 0, `X-Upstream "${value}" names one of the instances ${PORTS.join(', ')}`);
  return index;
}

// Number of addresses nginx tried for this answer (more than 1: it moved the
// request on to another instance).
export const upstreamsTried = (res) => (res.headers.get('x-upstream') || '').split(/\s*,\s*/).filter(Boolean).length;

// nginx's own error page (502 when the instance died under the request, 504
// when none answered in time): no answer of Keycard's, so not held to
// docs/openapi.yaml.
export const isGatewayError = (res) =>
  [502, 504].includes(res.status) && !/json/i.test(res.headers.get('content-type') || '');

// One exchange through nginx that may meet a dying instance: like
// httpRequest, but nginx's own error pages come back as {gateway: true}
// instead of failing the contract check (which would fail the whole file).
// `signal` (an AbortSignal) bounds an exchange that may wait long.
async function tryRequest(method, urlPath, { token, body, headers = {}, signal } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(CLUSTER_URL + urlPath, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
    signal,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json;
  if (/json/i.test(res.headers.get('content-type') || '') && text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  const answer = { status: res.status, headers: res.headers, json, text, bytes, gateway: isGatewayError(res) };
  if (!answer.gateway) {
    checkResponse(method, urlPath, answer);
    answer.instance = upstreamOf(answer);
  }
  return answer;
}

// Each instance connects to PostgreSQL under an application_name of its own
// (a parameter of its database URL, which libpq applies), so that
// pg_stat_activity tells which instance a backend serves.
export const applicationName = (i) => `keycard-cluster-${i}`;
export function instanceOfApplication(name) {
  const index = PORTS.findIndex((_, i) => applicationName(i) === name);
  assert.ok(index >= 0, `application_name "${name}" is one of the instances'`);
  return index;
}
function withApplicationName(url, name) {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

// The backends that wait for a lock the backend `pid` holds:
// [{pid, application_name, wait_event_type}] (pg_blocking_pids).
export async function lockWaiters(databaseUrl, pid) {
  const rows = await psql(
    databaseUrl,
    `SELECT pid, application_name, coalesce(wait_event_type, '') FROM pg_stat_activity
      WHERE ${Number(pid)} = ANY (pg_blocking_pids(pid)) ORDER BY pid;`,
  );
  return rows
    ? rows.split('\n').map((l) => {
        const [p, name, waitEventType] = l.split('|');
        return { pid: Number(p), application_name: name, wait_event_type: waitEventType };
      })
    : [];
}

/**
 * Opens a transaction in a psql process of its own and runs `lockQuery` in it
 * (e.g. a SELECT ... FOR UPDATE), keeping the transaction, and so the locks,
 * open: psql reads its script from a pipe that stays open. Resolves once
 * pg_stat_activity shows the statement done and the transaction idle (the
 * locks held). Returns {pid (its backend's), release(), kill()}:
 *   release()  rolls the transaction back and lets psql end
 *   kill()     SIGKILLs psql if it still runs (for `after`: safe to repeat)
 */
export async function holdLocks(databaseUrl, lockQuery, { timeoutMs = 30_000 } = {}) {
  const name = `keycard-cluster-lock-${randomId(4)}`;
  const args = ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', withApplicationName(databaseUrl, name)];
  const child = spawn('psql', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d;
  });
  child.on('error', (e) => {
    stderr += `spawn error: ${e.message}\n`;
  });
  child.stdin.on('error', () => {}); // psql gone: its exit tells
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const kill = async () => {
    if (alive()) child.kill('SIGKILL');
    await exited;
  };
  const statement = lockQuery.trim().replace(/;$/, '');
  // The marker runs after the lock statement in the same transaction: the
  // backend's last query being it, and the transaction idle, is the state
  // "the locks are held" (ON_ERROR_STOP ends psql if the statement fails).
  const marker = `${name} holds its locks`;
  child.stdin.write(`BEGIN;\n${statement};\nSELECT '${marker}';\n`);
  let pid;
  try {
    pid = await waitFor(
      `psql (${name}) holding the locks of: ${statement}`,
      async () => {
        if (!alive()) throw new Error(`psql (${name}) ended before holding the locks: ${stderr}`);
        const row = await psql(
          databaseUrl,
          `SELECT pid FROM pg_stat_activity WHERE application_name = '${name}'
             AND state = 'idle in transaction' AND strpos(query, '${marker}') > 0;`,
        );
        return row ? Number(row) : undefined;
      },
      timeoutMs,
    );
  } catch (e) {
    await kill();
    throw e;
  }
  return {
    pid,
    async release() {
      assert.ok(alive(), `psql (${name}) still holds the locks until released: ${stderr}`);
      child.stdin.end('ROLLBACK;\n');
      const bound = new Promise((resolve) => {
        const timer = setTimeout(() => resolve('hung'), timeoutMs);
        exited.then(() => clearTimeout(timer));
      });
      if ((await Promise.race([exited, bound])) === 'hung') {
        await kill();
        throw new Error(`psql (${name}) did not end within ${timeoutMs / 1000} s of its ROLLBACK`);
      }
      const result = await exited;
      assert.equal(result.code, 0, `psql (${name}) rolled back and ended: ${stderr}`);
    },
    kill,
  };
}

/**
 * Starts the three instances at once on a fresh database (`name` names their
 * log files in KEYCARD_TEST_LOG_DIR). Returns
 * {instances, databaseUrl, dataDir, admin, request, onEach, sql, restart, stop}:
 *   request(method, path, opts)  through nginx; the answer (checked against
 *       docs/openapi.yaml like every harness request) carries `instance`
 *   tryRequest(method, path, opts)  through nginx, when an instance may die
 *       under the request: nginx's own 502/504 come back as {gateway: true}
 *   onEach(method, path, opts)   sends the request through nginx until each
 *       instance has answered it; returns {answers: [[...], [...], [...]]
 *       (every answer of each instance, in order), first: [a0, a1, a2]}
 *   restart(i)   starts instance i again on its port after a kill, and
 *       waits until nginx routes to it again
 */
export async function startCluster({ name = 'cluster', env = {} } = {}) {
  const db = `${DB_PREFIX}${randomId(6)}`;
  await psql(ADMIN_URL, `CREATE DATABASE ${db};`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${db}`;
  const databaseUrl = u.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keycard-cluster-data-'));
  const shared = {
    databaseUrl,
    dataDir,
    jwtSecret: randomBytes(32).toString('hex'),
    admin: { email: 'admin@keycard.test', password: strongPassword() },
    env: { ...INSTANCE_ENV, ...env },
  };
  const dropStorage = async () => {
    await psql(ADMIN_URL, `DROP DATABASE IF EXISTS ${db} WITH (FORCE);`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  // All three at once: they race for the migrations and the bootstrap admin,
  // and every one of them must come up at the first try.
  const started = await Promise.allSettled(
    PORTS.map((port, i) =>
      startServer({
        ...shared,
        databaseUrl: withApplicationName(databaseUrl, applicationName(i)),
        port,
        name: `${name}-${i}`,
      }),
    ),
  );
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    for (const s of started) if (s.status === 'fulfilled') await s.value.stop().catch(() => {});
    await dropStorage().catch(() => {});
    throw failed.reason;
  }
  const first = started.map((s) => s.value); // the processes started together (output kept)
  const current = [...first]; // the live process of each instance (after a restart: the new one)

  const request = async (method, urlPath, opts) => {
    const res = await httpRequest(CLUSTER_URL, method, urlPath, opts);
    res.instance = upstreamOf(res);
    return res;
  };

  const onEach = async (method, urlPath, opts, { maxRequests = 30 } = {}) => {
    const answers = [[], [], []];
    for (let n = 0; answers.some((a) => a.length === 0); n++) {
      assert.ok(n < maxRequests, `all three instances answered within ${maxRequests} requests through nginx`);
      const res = await request(method, urlPath, opts);
      answers[res.instance].push(res);
    }
    return { answers, first: answers.map((a) => a[0]) };
  };

  const cluster = {
    instances: current,
    started: first,
    databaseUrl,
    dataDir,
    admin: shared.admin,
    request,
    tryRequest,
    onEach,
    sql: (query) => psql(databaseUrl, query),
    async restart(i) {
      assert.equal(current[i].alive, false, `instance ${i} is down before its restart`);
      // startAnother: same database, secret, admin and data dir; waits for /readyz.
      current[i] = await first[i].startAnother({ port: PORTS[i], env: shared.env });
      // nginx takes it back once its fail_timeout has passed.
      await waitFor(
        `nginx routing to instance ${i} again`,
        async () => (await request('GET', '/readyz')).instance === i,
        30_000,
      );
      return current[i];
    },
    async stop() {
      const errors = [];
      for (const h of first) await h.stop().catch((e) => errors.push(e));
      await dropStorage().catch((e) => errors.push(e));
      if (errors.length) throw errors[0];
    },
  };

  // Ready behind nginx: each instance answers /readyz through it.
  await waitFor('each instance answering through nginx', async () => {
    const { first: ready } = await onEach('GET', '/readyz');
    return ready.every((r) => r.status === 200);
  });
  return cluster;
}

// Lines of a process's JSON log with the given event (and fields).
export function logEvents(output, event, fields = {}) {
  const out = [];
  for (const line of output.split('\n')) {
    if (!line.includes(`"${event}"`)) continue;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (entry.event !== event) continue;
    if (Object.entries(fields).every(([k, v]) => entry[k] === v)) out.push(entry);
  }
  return out;
}
