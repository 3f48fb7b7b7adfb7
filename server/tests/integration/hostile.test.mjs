// Hostile values on every route of `keycard routes`: SQL metacharacters and
// classic payloads, LIKE wildcards, path traversal, 100 kB strings, NUL bytes
// and bytes that are not UTF-8, in every query parameter and JSON string
// field docs/openapi.yaml documents for the route and in its path ids; and,
// for bodies, duplicate keys, 100,000 levels of nesting and huge numbers.
//
// Each request starts from the route's valid request (lib/route-fixtures.mjs)
// and changes one thing. Every answer must be a 4xx problem or a correct 2xx
// (never a 5xx), and the server must keep answering. Then every request that
// got a 4xx is sent again, in batches between two dumps of the whole
// database: a refused request must change nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { BACKEND, startServer } from './lib/server.mjs';
import { loginOk, strongPassword } from './lib/api.mjs';
import { FIXTURES, makeWorld, routeTable } from './lib/route-fixtures.mjs';
import { readOperations, readParameters, readRequestBodies, readSchemas, specLines, stringFields } from './lib/openapi.mjs';

const CONCURRENCY = 6; // routes in flight at once; the cases of one route run in order
const REPLAY_BATCH = 400; // refused requests replayed between two database dumps
const LONG = 'A'.repeat(100_000);
const DEPTH = 100_000;
const UTF8_MARK = 'kc-not-utf8-mark';
const CHANGE_PASSWORD = 'POST /api/auth/change-password';

// The JSON a prepared request sent (the last of repeated keys), or null.
function sentJson(sent) {
  try {
    return JSON.parse(Buffer.isBuffer(sent.rawBody) ? sent.rawBody.toString('utf8') : sent.rawBody);
  } catch {
    return null;
  }
}

// [name, value]: sent as a JSON string and as a query value.
const STRINGS = [
  ['sql-or', "' OR 1=1--"],
  ['sql-or-quoted', "x' OR 'a'='a"],
  ['sql-drop', '"; DROP TABLE users; --'],
  ['sql-union', "' UNION SELECT email, password_hash FROM users--"],
  ['sql-sleep', "'||(SELECT pg_sleep(5))||'"],
  ['placeholder', '$1'],
  ['nul', 'a\u0000b'],
  ['backslash', '\\'],
  ['like-percent', '%'],
  ['like-underscore', '_'],
  ['traversal', '../../etc/passwd'],
  ['long-100kB', LONG],
];

// [name, path segment]: put in place of each {id}.
const PATH_IDS = [
  ['not-a-uuid', 'not-a-uuid'],
  ['sql-or', encodeURIComponent("1' OR '1'='1")],
  ['sql-drop', encodeURIComponent('"; DROP TABLE users; --')],
  ['uuid-then-sql', (id) => encodeURIComponent(`${id}' OR 1=1--`)],
  ['uuid-then-nul', (id) => `${id}%00`],
  ['traversal-encoded', '..%2F..%2Fetc%2Fpasswd'],
  ['nul', '%00'],
  ['not-utf8', '%FF%FE'],
  ['like-percent', '%25'],
  ['like-underscore', '_'],
  ['nil-uuid', '00000000-0000-0000-0000-000000000000'],
  ['long-100kB', 'a'.repeat(100_000)],
];

const HUGE_NUMBERS = [
  ['1e400', '1e400'],
  ['30-digit integer', '123456789012345678901234567890'],
  ['-1e400', '-1e400'],
];

const problemOk = (res) =>
  /^application\/problem\+json/i.test(res.headers.get('content-type') || '') &&
  res.json?.status === res.status &&
  typeof res.json?.code === 'string';

const clone = (v) => (v === undefined ? undefined : structuredClone(v));

// Sets `value` at `path` (['manager', 'email'], ['roles', 0]) in a copy of
// `body`; missing objects on the way come from `fill`.
function withField(body, path, value, fill) {
  const out = clone(body) ?? {};
  let at = out;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (at[key] === undefined || at[key] === null || typeof at[key] !== 'object') {
      at[key] = fill?.(key) ?? (typeof path[i + 1] === 'number' ? [] : {});
    }
    at = at[key];
  }
  at[path.at(-1)] = value;
  return out;
}

function fieldAt(obj, path) {
  let at = obj;
  for (const k of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = at[k];
  }
  return at;
}

// Every string value in a JSON value.
function stringsIn(v, out = []) {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsIn(x, out);
  return out;
}

// A JSON object text with the members in order, keys possibly repeated.
const objectText = (members) => `{${members.map(([k, raw]) => `${JSON.stringify(k)}:${raw}`).join(',')}}`;

// A raw HTTP/1.1 request: bytes as given, so a request target can carry
// bytes that fetch would encode or normalise.
function rawRequest(method, target, token) {
  const head = [`${method} `, target, ` HTTP/1.1\r\nHost: 127.0.0.1\r\n`];
  if (token) head.push(`Authorization: Bearer ${token}\r\n`);
  head.push('Content-Length: 0\r\nConnection: close\r\n\r\n');
  return Buffer.concat(head.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p, 'latin1'))));
}

async function pool(items, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

describe(`hostile values on every route (${BACKEND})`, () => {
  let server;
  let world;
  let routes;
  let spec; // {params: Map(key -> [{name, in}]), fields: Map(key -> [[path]])}
  let otherTenantId;
  let pwCaller; // the user whose password change-password changes
  const results = []; // every case sent: {route, c, sent, token, headers, status}
  const failures = [];
  const timings = []; // [route key, ms, cases]
  const counts = { routes: 0, queryParams: 0, bodyFields: 0, pathRoutes: 0, cases: 0, refused: 0, accepted: 0 };

  before(async () => {
    server = await startServer({ env: { KEYCARD_LOG_LEVEL: 'error' } });
    routes = await routeTable();
    world = await makeWorld(server);
    otherTenantId = (await world.platformHotel()).id;
    const { email, password } = await world.staff('hotel', 'housekeeping');
    pwCaller = { email, password, token: (await loginOk(server, email, password)).access_token, userType: 'hotel', tenantId: world.tenantId };
    const lines = specLines();
    const ops = readOperations(lines);
    const params = readParameters(lines, ops);
    const bodies = readRequestBodies(lines, ops);
    const schemas = readSchemas(lines);
    spec = { params, fields: new Map([...bodies].map(([key, name]) => [key, stringFields(schemas, name)])) };
  });
  after(async () => {
    await server?.stop();
  });

  // The token and the fixture caller a route is called with.
  function callerFor(route) {
    if (route.scope === 'public') return { token: undefined, caller: null };
    if (route.key === CHANGE_PASSWORD) return { token: pwCaller.token, caller: pwCaller };
    if (route.scope === 'admin') return { token: world.admin, caller: { userType: 'admin', tenantId: null } };
    return { token: world.tenant.token, caller: { userType: 'hotel', tenantId: world.tenantId } };
  }

  // What a valid request of the route carries: {path, query, body, headers, after}.
  async function build(route, caller) {
    const req = await FIXTURES[route.key].build(world, caller);
    const [path, query = ''] = req.path.split('?');
    return { path, query: new URLSearchParams(query), body: req.body, headers: req.headers ?? {}, after: req.after };
  }

  // Fresh headers per case: an Idempotency-Key is single-use per body.
  const headersOf = (base) => {
    const h = { ...base };
    if (h['idempotency-key']) h['idempotency-key'] = `hostile-${randomUUID()}`;
    return h;
  };

  // One hostile case of a route, as a function of the route's valid request
  // that returns what to send: {path, query?, rawBody?, raw?, headers?}.
  // `expect`: '4xx' when only a refusal is right, a status when only that one
  // is; `check(res)` adds the rules a 2xx must follow.
  function cases(route) {
    const out = [];
    const params = (spec.params.get(route.key) ?? []).filter((p) => p.in === 'query');
    const fields = spec.fields.get(route.key) ?? [];
    const hasBody = spec.fields.has(route.key);
    const idIndex = route.path.split('/').indexOf('{id}');
    counts.queryParams += params.length;
    counts.bodyFields += fields.length;
    if (idIndex >= 0) counts.pathRoutes++;

    const json = (b) => (b === undefined ? undefined : JSON.stringify(b));

    for (const p of params) {
      for (const [name, value] of STRINGS) {
        out.push({
          kind: 'query',
          name: `${p.name}=${name}`,
          // A NUL cut the search pattern short on both backends (SQLite's
          // LIKE and libpq read up to it): "a\0b" searched for "a".
          expect: p.name === 'sort' || (p.name === 'q' && name === 'nul') ? '4xx' : undefined,
          make: (v) => {
            const q = new URLSearchParams(v.query);
            q.set(p.name, value);
            return { path: v.path, query: q.toString(), rawBody: json(v.body) };
          },
          // A search or filter answers only items that hold the value: %
          // and _ are no wildcards, a quote no way out of the string.
          check: (res) => {
            for (const item of res.json?.items ?? []) {
              const hay = stringsIn(item).join('\n').toLowerCase();
              if (!hay.includes(value.toLowerCase())) {
                return `item ${item.id ?? JSON.stringify(item).slice(0, 80)} does not hold the ${p.name} value`;
              }
            }
            return null;
          },
        });
      }
      out.push({
        kind: 'query',
        name: `${p.name}=%FF%FE`,
        expect: '4xx',
        make: (v) => ({ path: v.path, query: `${v.query.toString()}${v.query.size ? '&' : ''}${p.name}=%FF%FE`, rawBody: json(v.body) }),
      });
      out.push({
        kind: 'query',
        name: `${p.name}=raw bytes ff fe`,
        expect: '4xx',
        make: (v) => {
          const q = v.query.toString();
          const target = Buffer.concat([Buffer.from(`${v.path}?${q}${q ? '&' : ''}${p.name}=`), Buffer.from([0xff, 0xfe])]);
          return { raw: target };
        },
      });
    }

    for (const f of fields) {
      const fname = f.join('.');
      const isPassword = /password/.test(fname);
      const fill = (key) =>
        key === 'manager'
          ? { email: `m-${randomUUID()}@hostile.test`, first_name: 'Mo', last_name: 'Manager', password: strongPassword() }
          : undefined;
      for (const [name, value] of STRINGS) {
        out.push({
          kind: 'body',
          name: `${fname}=${name}`,
          // The API refuses control characters in strings (passwords aside).
          expect: name === 'nul' && !isPassword ? '4xx' : undefined,
          make: (v) => ({ path: v.path, query: v.query.toString(), rawBody: json(withField(v.body, f, value, fill)) }),
          // A value that was taken is stored as sent (trimmed), never
          // interpreted: the answer's field of the same name shows it.
          check: (res) => {
            if (isPassword || typeof f.at(-1) === 'number') return null;
            const got = fieldAt(res.json, f);
            if (typeof got !== 'string') return null;
            return got === value || got === value.trim() || got.toLowerCase() === value.trim().toLowerCase()
              ? null
              : `the answer's ${fname} is ${JSON.stringify(got.slice(0, 80))}, not the value sent`;
          },
        });
      }
      out.push({
        kind: 'body',
        name: `${fname}=bytes ff fe`,
        expect: '4xx',
        make: (v) => {
          const text = json(withField(v.body, f, UTF8_MARK, fill));
          const [pre, post] = text.split(UTF8_MARK);
          return { path: v.path, query: v.query.toString(), rawBody: Buffer.concat([Buffer.from(pre), Buffer.from([0xff, 0xfe]), Buffer.from(post)]) };
        },
      });
    }

    if (hasBody) {
      const own = ['tenant_id', JSON.stringify(world.tenantId)];
      const other = ['tenant_id', JSON.stringify(otherTenantId)];
      for (const [order, first, second] of [['other tenant, then own', other, own], ['own, then other tenant', own, other]]) {
        out.push({
          kind: 'body',
          name: `duplicate tenant_id (${order})`,
          expect: 400,
          make: (v) => {
            const rest = Object.entries(v.body ?? {}).filter(([k]) => k !== 'tenant_id').map(([k, x]) => [k, JSON.stringify(x)]);
            return { path: v.path, query: v.query.toString(), rawBody: objectText([first, second, ...rest]) };
          },
        });
      }
      out.push({
        kind: 'body',
        name: `${DEPTH} levels of [`,
        expect: '4xx',
        make: (v) => ({ path: v.path, query: v.query.toString(), rawBody: '['.repeat(DEPTH) + ']'.repeat(DEPTH) }),
      });
      out.push({
        kind: 'body',
        name: `${DEPTH} unclosed levels of [`,
        expect: '4xx',
        make: (v) => ({ path: v.path, query: v.query.toString(), rawBody: '['.repeat(DEPTH) }),
      });
      const firstField = fields.find((f) => f.length === 1)?.[0];
      if (firstField) {
        out.push({
          kind: 'body',
          name: `${firstField}=${DEPTH} levels of [`,
          expect: '4xx',
          make: (v) => {
            const rest = Object.entries(v.body ?? {}).filter(([k]) => k !== firstField).map(([k, x]) => [k, JSON.stringify(x)]);
            return { path: v.path, query: v.query.toString(), rawBody: objectText([...rest, [firstField, '['.repeat(DEPTH) + ']'.repeat(DEPTH)]]) };
          },
        });
        for (const [name, raw] of HUGE_NUMBERS) {
          out.push({
            kind: 'body',
            name: `${firstField}=${name}`,
            expect: '4xx',
            make: (v) => {
              const rest = Object.entries(v.body ?? {}).filter(([k]) => k !== firstField).map(([k, x]) => [k, JSON.stringify(x)]);
              return { path: v.path, query: v.query.toString(), rawBody: objectText([...rest, [firstField, raw]]) };
            },
          });
        }
      }
    }
    return out;
  }

  // Cases that depend on the valid body's own members: a duplicate of each
  // member, and huge numbers in each numeric member.
  function memberCases(valid) {
    const out = [];
    for (const [key, value] of Object.entries(valid.body ?? {})) {
      out.push({
        kind: 'body',
        name: `duplicate ${key}`,
        expect: 400,
        make: (v) => {
          const members = Object.entries(v.body ?? {}).map(([k, x]) => [k, JSON.stringify(x)]);
          const other = typeof value === 'number' ? '1' : typeof value === 'string' ? JSON.stringify(`${value}x`) : 'null';
          return { path: v.path, query: v.query.toString(), rawBody: objectText([[key, other], ...members]) };
        },
      });
      if (typeof value !== 'number') continue;
      for (const [name, raw] of HUGE_NUMBERS) {
        out.push({
          kind: 'body',
          name: `${key}=${name}`,
          expect: '4xx',
          make: (v) => {
            const members = Object.entries(v.body ?? {}).map(([k, x]) => [k, k === key ? raw : JSON.stringify(x)]);
            return { path: v.path, query: v.query.toString(), rawBody: objectText(members) };
          },
        });
      }
    }
    return out;
  }

  function pathCases(route) {
    const idIndex = route.path.split('/').indexOf('{id}');
    if (idIndex < 0) return [];
    const swap = (v, seg) => {
      const parts = v.path.split('/');
      const id = parts[idIndex];
      parts[idIndex] = typeof seg === 'function' ? seg(id) : seg;
      return parts.join('/');
    };
    const out = PATH_IDS.map(([name, seg]) => ({
      kind: 'path',
      name: `{id}=${name}`,
      expect: '4xx',
      make: (v) => ({ path: swap(v, seg), query: v.query.toString(), rawBody: v.body === undefined ? undefined : JSON.stringify(v.body) }),
    }));
    // Sent as raw bytes: fetch resolves dot segments itself, %2e%2e included.
    for (const seg of ['../../etc/passwd', '%2e%2e', '%2E%2E%2F%2E%2E', '..%2F..%2F..%2Fetc%2Fpasswd']) {
      out.push({ kind: 'path', name: `{id}=${seg} (raw)`, expect: '4xx', make: (v) => ({ raw: Buffer.from(swap(v, seg)) }) });
    }
    out.push({
      kind: 'path',
      name: '{id}=bytes ff fe (raw)',
      expect: '4xx',
      make: (v) => {
        const [pre, post] = swap(v, UTF8_MARK).split(UTF8_MARK);
        return { raw: Buffer.concat([Buffer.from(pre), Buffer.from([0xff, 0xfe]), Buffer.from(post)]) };
      },
    });
    return out;
  }

  // Sends one prepared request; `sent` as made by a case's make().
  function sendPrepared(method, sent, token, headers) {
    if (sent.raw) return server.raw([rawRequest(method, sent.raw, token)], { timeoutMs: 30_000 });
    const url = sent.query ? `${sent.path}?${sent.query}` : sent.path;
    const h = { ...headers };
    if (sent.rawBody !== undefined) h['content-type'] = 'application/json';
    return server.request(method, url, { token, headers: h, rawBody: sent.rawBody });
  }

  function judge(route, c, res) {
    const where = `${route.key} [${c.kind}: ${c.name}] -> ${res.status} ${res.text.slice(0, 200)}`;
    const is2xx = res.status >= 200 && res.status < 300;
    const is4xx = res.status >= 400 && res.status < 500;
    if (!is2xx && !is4xx) return failures.push(`${where}: neither 2xx nor 4xx`);
    if (is4xx) {
      counts.refused++;
      if (!problemOk(res)) failures.push(`${where}: a 4xx that is not a problem+json with status and code`);
      if (typeof c.expect === 'number' && res.status !== c.expect) failures.push(`${where}: expected ${c.expect}`);
      return;
    }
    counts.accepted++;
    if (c.expect !== undefined) return failures.push(`${where}: expected ${c.expect}`);
    if (/json/i.test(res.headers.get('content-type') || '') && res.text.length > 0 && res.json === undefined) {
      return failures.push(`${where}: a 2xx whose body is not JSON`);
    }
    const problem = c.check?.(res);
    if (problem) failures.push(`${where}: ${problem}`);
  }

  // Runs every case of one route in order, on a fresh valid request after
  // each 2xx (which may have used up what the request names).
  async function runRoute(route) {
    const fixture = FIXTURES[route.key];
    assert.ok(fixture, `no fixture for ${route.key}`);
    const { token, caller } = callerFor(route);
    let valid = await build(route, caller);
    const list = [...cases(route), ...memberCases(valid), ...pathCases(route)];
    const started = Date.now();
    counts.routes++;
    for (const c of list) {
      const sent = c.make(valid);
      const headers = headersOf(valid.headers);
      const res = await sendPrepared(route.method, sent, token, headers);
      counts.cases++;
      results.push({ route, c, sent, token, headers, status: res.status });
      judge(route, c, res);
      if (res.status >= 200 && res.status < 300) {
        // The fixture's after() knows the password it chose, not the one sent.
        if (route.key === CHANGE_PASSWORD) pwCaller.password = sentJson(sent)?.new_password ?? pwCaller.password;
        else await valid.after?.(res);
        if (route.method !== 'GET') valid = await build(route, caller);
      }
    }
    // A password no case sent, so that no refused request can succeed when
    // it is sent again.
    if (route.key === CHANGE_PASSWORD) {
      const next = strongPassword();
      const res = await server.request('POST', '/api/auth/change-password', {
        token: pwCaller.token,
        body: { current_password: pwCaller.password, new_password: next },
      });
      assert.ok(res.status >= 200 && res.status < 300, `change-password back to a fresh password: ${res.status} ${res.text}`);
      pwCaller.password = next;
    }
    timings.push([route.key, Date.now() - started, list.length]);
    const health = await server.request('GET', '/healthz');
    if (health.status !== 200) failures.push(`after ${route.key}: /healthz answered ${health.status}`);
  }

  // The whole database as text, table by table, rows sorted. login_attempts
  // is left out: recording a failed sign-in is what the throttle is for.
  let dumpMs = 0;
  async function dump() {
    const started = Date.now();
    const tables = (
      await server.sql(
        server.backend === 'postgres'
          ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1;"
          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1;",
      )
    )
      .split('\n')
      .filter((t) => t && t !== 'login_attempts');
    const text = await server.sql(tables.map((t) => `SELECT '#table ${t}';\nSELECT * FROM ${t};`).join('\n'));
    const out = {};
    let current = null;
    for (const line of text.split('\n')) {
      const m = /^#table (\S+)$/.exec(line);
      if (m) out[(current = m[1])] = [];
      else if (current) out[current].push(line);
    }
    for (const t of Object.keys(out)) out[t].sort();
    dumpMs += Date.now() - started;
    assert.ok(Object.keys(out).length >= 10, `the dump read the tables: ${Object.keys(out).join(', ')}`);
    return out;
  }

  const diff = (a, b) =>
    Object.keys({ ...a, ...b }).filter((t) => JSON.stringify(a[t]) !== JSON.stringify(b[t]));

  const replay = (r) => sendPrepared(r.route.method, r.sent, r.token, r.headers);

  test('every route answers hostile values with a 4xx problem or a correct 2xx, never a 5xx', async (t) => {
    const started = Date.now();
    // Sign-in failures lock out the address after a while, and refresh and
    // logout fixtures sign in: the two routes that fail sign-ins go last.
    const lastKeys = ['POST /api/auth/login', CHANGE_PASSWORD];
    const first = routes.filter((r) => !lastKeys.includes(r.key));
    await pool(first, CONCURRENCY, runRoute);
    for (const key of lastKeys) await runRoute(routes.find((r) => r.key === key));
    assert.ok(server.alive, 'the server is still running');
    assert.equal((await server.request('GET', '/readyz')).status, 200, 'the server is still ready');
    t.diagnostic(
      `${counts.routes} routes, ${counts.queryParams} query parameters, ${counts.bodyFields} body string fields, ` +
        `${counts.pathRoutes} routes with an {id}; ${counts.cases} requests: ${counts.refused} refused, ` +
        `${counts.accepted} accepted, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const slowest = timings.sort((x, y) => y[1] - x[1]).slice(0, 3);
    t.diagnostic(`slowest routes: ${slowest.map(([k, ms, n]) => `${k} ${n} cases ${(ms / 1000).toFixed(1)} s`).join('; ')}`);
    assert.equal(counts.routes, routes.length, 'every route was called');
    assert.ok(failures.length === 0, `${failures.length} wrong answers:\n  ${failures.join('\n  ')}`);
  });

  test('a request answered 4xx changes nothing in the database', async (t) => {
    const started = Date.now();
    const refused = results.filter((r) => r.status >= 400 && r.status < 500);
    assert.ok(refused.length > 1000, `refused requests to replay: ${refused.length}`);
    const changed = [];
    for (let i = 0; i < refused.length; i += REPLAY_BATCH) {
      const batch = refused.slice(i, i + REPLAY_BATCH);
      const before = await dump();
      const answers = new Array(batch.length);
      await pool(batch, CONCURRENCY, async (r, j) => {
        answers[j] = await replay(r);
      });
      const accepted = batch.filter((r, j) => answers[j].status < 400 || answers[j].status >= 500);
      for (const r of accepted) {
        changed.push(`${r.route.key} [${r.c.name}]: ${r.status} at first, ${answers[batch.indexOf(r)].status} when sent again`);
      }
      const tables = diff(before, await dump());
      if (tables.length === 0) continue;
      // Find the request that changed the database: one at a time.
      for (const r of batch) {
        const one = await dump();
        await replay(r);
        const moved = diff(one, await dump());
        if (moved.length) changed.push(`${r.route.key} [${r.c.kind}: ${r.c.name}] answered ${r.status} and changed ${moved.join(', ')}`);
      }
      if (!changed.length) changed.push(`batch ${i / REPLAY_BATCH} changed ${tables.join(', ')} (no single request did)`);
    }
    t.diagnostic(
      `${refused.length} refused requests replayed in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(${(dumpMs / 1000).toFixed(1)} s of it dumping the database)`,
    );
    assert.deepEqual(changed, []);
  });
});
