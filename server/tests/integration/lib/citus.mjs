// Citus readiness: the rules a schema must follow for its tenant-owned tables
// to be distributed by tenant_id, the classification of every other table,
// and a text check of the statements the server sends in tenant
// transactions. Used by citus-readiness.test.mjs (on PostgreSQL) and checked
// on sample SQL by citus-checker.test.mjs (any backend).
//
// Why a text check: row-level security adds `tenant_id = current_setting(...)`
// to every plan, so a look at plans would find every table constrained. Citus
// routes a statement to one shard on what the statement itself says about
// the distribution column: an equality with a parameter or a literal, or a
// join on it with a table so constrained. That is what statementProblems()
// looks for in the text the server sends.

// --- classification ------------------------------------------------------------------

// Every table of the schema is one of:
//  - distributed: has tenant_id and is not listed below; distributed by
//    tenant_id, co-located with the others; must follow catalogProblems' rules;
//  - reference: replicated to every node (create_reference_table); small, or
//    global, or bound by a foreign key to another reference table;
//  - local: stays on the coordinator only (citus_add_local_table_to_metadata):
//    platform or authentication state that no tenant route joins with a
//    distributed table, or a table that cannot be distributed as it is.
// `breaks` lists, for a table with tenant_id that is not distributed, the
// rules of a distributed table it breaks as built (exactly what
// distributedProblems() reports): the test fails when the list is no longer
// true, so a fixed blocker or a new one shows.
export const NOT_DISTRIBUTED = {
  tenants: {
    kind: 'reference',
    why: 'the tenant registry itself: every distributed table has a foreign key to it, and platform routes list it',
  },
  users: {
    kind: 'reference',
    why: 'global accounts (architecture.md (d)): one user may belong to several tenants; joined with tenant_users in tenant routes',
  },
  permissions: { kind: 'reference', why: 'the permission catalogue, the same for every tenant' },
  roles: {
    kind: 'reference',
    why: 'platform roles have tenant_id NULL (architecture.md (a)); hotel roles are a few per tenant',
    breaks: ['roles: tenant_id is nullable', 'roles: primary key (id) does not start with tenant_id'],
  },
  role_permissions: {
    kind: 'reference',
    why: 'permissions of platform and hotel roles; refers to roles (reference)',
    breaks: [
      'role_permissions: tenant_id is nullable',
      'role_permissions: primary key (role_id, permission) does not start with tenant_id',
      'role_permissions: foreign key role_permissions_role_id_fkey (role_id) -> roles (id) does not include tenant_id on both sides',
    ],
  },
  user_roles: {
    kind: 'reference',
    why: 'platform grants have tenant_id NULL; refers to roles and tenant_users (reference)',
    breaks: [
      'user_roles: tenant_id is nullable',
      'user_roles: primary key (user_id, role_id) does not start with tenant_id',
      'user_roles: foreign key user_roles_role_id_fkey (role_id) -> roles (id) does not include tenant_id on both sides',
    ],
  },
  tenant_users: {
    kind: 'reference',
    why: 'memberships: user_roles (reference) refers to them, and a reference table cannot refer to a distributed one; a few rows per tenant',
  },
  access_versions: {
    kind: 'reference',
    why: "one row per tenant, bumped by triggers on tenants, tenant_users, roles, role_permissions and user_roles (reference tables) and read with users' row in every request",
  },
  impersonation_sessions: {
    kind: 'reference',
    why: 'platform support sessions, few; refresh_sessions (local) refers to them by id alone',
    breaks: ['impersonation_sessions: unique impersonation_sessions_id_key (id) lacks tenant_id'],
  },
  refresh_sessions: {
    kind: 'local',
    why: 'authentication state, found by token hash on the platform path; platform sessions have tenant_id NULL',
    breaks: [
      'refresh_sessions: tenant_id is nullable',
      'refresh_sessions: primary key (id) does not start with tenant_id',
      'refresh_sessions: unique refresh_sessions_token_hash_key (token_hash) lacks tenant_id',
      'refresh_sessions: foreign key refresh_sessions_impersonation_session_id_fkey (impersonation_session_id) -> impersonation_sessions (id) does not include tenant_id on both sides',
    ],
  },
  audit_logs: {
    kind: 'local',
    why: 'the platform chain has tenant_id NULL in the same table; to distribute it, the platform chain must move to a table of its own first',
    breaks: ['audit_logs: tenant_id is nullable', 'audit_logs: primary key (id) does not start with tenant_id'],
  },
  audit_chain_heads: {
    kind: 'local',
    why: 'one row per audit chain (a tenant id as text, or platform), written with audit_logs in the same transactions',
  },
  login_attempts: { kind: 'local', why: 'throttling state keyed by email and address, written before anyone is authenticated' },
  platform_report_jobs: { kind: 'local', why: "the platform's own exports; no tenant" },
  schema_migrations: { kind: 'local', why: 'the migrations applied; migrations run on the coordinator' },
};

// --- catalog rules ---------------------------------------------------------------------

// One JSON document describing the public schema: tables, their tenant_id
// column, constraints and unique indexes that back no constraint.
export const CATALOG_QUERY = `
SELECT json_build_object(
  'tables', (SELECT json_agg(json_build_object(
      'name', c.relname,
      'tenant_id', (SELECT json_build_object('not_null', a.attnotnull) FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
      ORDER BY c.relname)
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')),
  'constraints', (SELECT json_agg(json_build_object(
      'table', c.relname, 'name', k.conname, 'type', k.contype,
      'columns', (SELECT json_agg(a.attname ORDER BY u.i) FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n),
      'references', f.relname,
      'ref_columns', (SELECT json_agg(a.attname ORDER BY u.i) FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
                        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n))
      ORDER BY c.relname, k.conname)
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class f ON f.oid = k.confrelid
   WHERE c.relnamespace = 'public'::regnamespace AND k.contype IN ('p', 'u', 'f', 'x')),
  'unique_indexes', (SELECT json_agg(json_build_object(
      'table', c.relname, 'name', i.relname,
      'columns', (SELECT json_agg(a.attname ORDER BY u.i) FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(n, i)
                    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n))
      ORDER BY c.relname, i.relname)
    FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
   WHERE c.relnamespace = 'public'::regnamespace AND x.indisunique
     AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid))
)`;

const list = (cols) => `(${(cols ?? []).join(', ')})`;

// Splits the catalog's tables into distributed / reference / local, with
// problems for tables that are neither distributed nor classified, and for
// classifications of tables that do not exist.
export function classify(catalog, notDistributed = NOT_DISTRIBUTED) {
  const classes = {};
  const problems = [];
  const names = new Set(catalog.tables.map((t) => t.name));
  for (const t of catalog.tables) {
    const listed = notDistributed[t.name];
    if (listed) classes[t.name] = listed.kind;
    else if (t.tenant_id) classes[t.name] = 'distributed';
    else problems.push(`${t.name}: has no tenant_id and is not classified (add it to NOT_DISTRIBUTED in lib/citus.mjs, with why)`);
  }
  for (const name of Object.keys(notDistributed)) {
    if (!names.has(name)) problems.push(`${name}: classified in NOT_DISTRIBUTED but not in the schema`);
  }
  return { classes, problems };
}

// The rules of a table distributed by tenant_id, as broken by `table`.
export function distributedProblems(catalog, table, classes) {
  const out = [];
  const info = catalog.tables.find((t) => t.name === table);
  if (!info?.tenant_id) return [`${table}: has no tenant_id column`];
  if (!info.tenant_id.not_null) out.push(`${table}: tenant_id is nullable`);
  const own = (catalog.constraints ?? []).filter((k) => k.table === table);
  const pk = own.find((k) => k.type === 'p');
  if (!pk) out.push(`${table}: has no primary key`);
  else if (pk.columns[0] !== 'tenant_id') out.push(`${table}: primary key ${list(pk.columns)} does not start with tenant_id`);
  for (const k of own.filter((c) => c.type === 'u' || c.type === 'x')) {
    if (!k.columns.includes('tenant_id')) {
      out.push(`${table}: ${k.type === 'u' ? 'unique' : 'exclusion constraint'} ${k.name} ${list(k.columns)} lacks tenant_id`);
    }
  }
  for (const ix of (catalog.unique_indexes ?? []).filter((i) => i.table === table)) {
    if (!(ix.columns ?? []).includes('tenant_id')) out.push(`${table}: unique index ${ix.name} ${list(ix.columns)} lacks tenant_id`);
  }
  for (const fk of own.filter((k) => k.type === 'f')) {
    const target = classes[fk.references];
    const what = `foreign key ${fk.name} ${list(fk.columns)} -> ${fk.references} ${list(fk.ref_columns)}`;
    if (target === 'local') out.push(`${table}: ${what} refers to a coordinator-local table`);
    if (target !== 'distributed') continue;
    const i = fk.columns.indexOf('tenant_id');
    if (i < 0 || fk.ref_columns[i] !== 'tenant_id') out.push(`${table}: ${what} does not include tenant_id on both sides`);
  }
  return out;
}

// Every rule broken by the schema as classified: distributed tables break
// none, reference and local tables do not refer to distributed ones (Citus
// refuses that foreign key), and the `breaks` of each classified table with
// tenant_id are exactly what it would break if it were distributed with the
// others (a classified table with tenant_id and no breaks is kept out for
// its foreign keys' sake, as its why says). Returns {classes, problems,
// blockers}: blockers are the breaks of the tables kept out of distribution.
export function catalogProblems(catalog, notDistributed = NOT_DISTRIBUTED) {
  const { classes, problems } = classify(catalog, notDistributed);
  const blockers = [];
  const allDistributed = { ...classes };
  for (const t of catalog.tables) if (t.tenant_id) allDistributed[t.name] = 'distributed';
  for (const t of catalog.tables) {
    const kind = classes[t.name];
    if (kind === 'distributed') {
      problems.push(...distributedProblems(catalog, t.name, classes));
      continue;
    }
    if (!kind) continue;
    for (const fk of (catalog.constraints ?? []).filter((k) => k.table === t.name && k.type === 'f')) {
      if (classes[fk.references] === 'distributed') {
        problems.push(
          `${t.name} (${kind}): foreign key ${fk.name} -> ${fk.references} refers to a distributed table, which Citus refuses`,
        );
      }
    }
    if (!t.tenant_id) continue;
    // As if every table with tenant_id were distributed: what stands in
    // the way of distributing this one.
    const breaks = distributedProblems(catalog, t.name, allDistributed);
    const claimed = notDistributed[t.name].breaks ?? [];
    blockers.push(...breaks);
    const missing = breaks.filter((b) => !claimed.includes(b));
    const stale = claimed.filter((b) => !breaks.includes(b));
    if (missing.length) problems.push(`${t.name} (${kind}) also breaks, not listed in its breaks: ${missing.join('; ')}`);
    if (stale.length) problems.push(`${t.name} (${kind}) no longer breaks (update NOT_DISTRIBUTED): ${stale.join('; ')}`);
  }
  return { classes, problems, blockers };
}

// --- the server log ----------------------------------------------------------------------

// A line of scripts/pg-start's log_line_prefix:
//   '%m [%p] %q<db=%d session=%c vxid=%v app=%a> '
const LINE_RE =
  /^\S+ \S+ \S+ \[\d+\] <db=(\S*) session=(\S+) vxid=(\S*) app=(.*?)> ([A-Z0-9]+):  ([\s\S]*)$/;
export const LOG_PREFIX_MARK = '<db=%d session=%c vxid=%v app=%a>';

// The log's messages of one database: [{session, vxid, app, level, message}].
// A message's continuation lines begin with a tab; lines of other databases
// and of processes without a session are skipped.
export function parseLog(text, database) {
  const out = [];
  let cur = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      if (cur) cur.message += `\n${line.slice(1)}`;
      continue;
    }
    const m = LINE_RE.exec(line);
    if (!m || m[1] !== database) {
      cur = null;
      continue;
    }
    cur = { session: m[2], vxid: m[3], app: m[4], level: m[5], message: m[6] };
    out.push(cur);
  }
  return out;
}

// `$1 = 'a', $2 = NULL` -> {1: 'a', 2: null}.
export function parseParameters(detail) {
  const params = {};
  const re = /\$(\d+) = (NULL|'((?:[^']|'')*)')/g;
  for (let m = re.exec(detail); m; m = re.exec(detail)) params[m[1]] = m[2] === 'NULL' ? null : m[3].replaceAll("''", "'");
  return params;
}

// Statements of a simple query, split on semicolons outside quotes.
export function splitStatements(sql) {
  const out = [];
  let start = 0;
  for (const t of tokenize(sql)) {
    if (t.type === 'op' && t.value === ';') {
      out.push(sql.slice(start, t.pos));
      start = t.pos + 1;
    }
  }
  out.push(sql.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

// The logged statements grouped by session and virtual transaction, in log
// order: [{session, vxid, tenant, platform, statements: [{sql, params}]}].
// `tenant` is the tenant the transaction set with set_config (a literal, or
// the parameter the server binds), or null.
export function transactions(records, { app = 'keycard' } = {}) {
  const byKey = new Map();
  let last = null;
  for (const r of records) {
    if (r.app !== app) continue;
    if (r.level === 'DETAIL' && last && last.session === r.session && r.message.startsWith('parameters: ')) {
      Object.assign(last.params, parseParameters(r.message.slice('parameters: '.length)));
      continue;
    }
    if (r.level !== 'LOG') continue;
    const m = /^(?:statement|execute [^:]+): ([\s\S]*)$/.exec(r.message);
    if (!m) continue;
    const key = `${r.session} ${r.vxid}`;
    if (!byKey.has(key)) byKey.set(key, { session: r.session, vxid: r.vxid, tenant: null, platform: false, statements: [] });
    const tx = byKey.get(key);
    const pieces = r.message.startsWith('statement: ') ? splitStatements(m[1]) : [m[1].trim()];
    for (const sql of pieces) {
      const st = { sql, params: {} };
      tx.statements.push(st);
      last = { session: r.session, params: st.params };
    }
  }
  for (const tx of byKey.values()) {
    for (const st of tx.statements) {
      const scope = scopeOf(st);
      if (scope?.tenant) tx.tenant = scope.tenant;
      if (scope?.platform) tx.platform = true;
    }
  }
  return [...byKey.values()];
}

// The scope a statement sets: {tenant, platform} from
// set_config('keycard.tenant_id', X, true), set_config('keycard.platform', Y, true).
export function scopeOf({ sql, params }) {
  const value = (raw) => {
    if (raw === undefined) return undefined;
    const p = /^\$(\d+)$/.exec(raw);
    if (p) return params[p[1]] ?? '';
    return raw.slice(1, -1).replaceAll("''", "'");
  };
  const arg = "(\\$\\d+|'(?:[^']|'')*')";
  const t = new RegExp(`set_config\\(\\s*'keycard\\.tenant_id'\\s*,\\s*${arg}`, 'i').exec(sql);
  if (!t) return null;
  const p = new RegExp(`set_config\\(\\s*'keycard\\.platform'\\s*,\\s*${arg}`, 'i').exec(sql);
  return { tenant: value(t[1]) || null, platform: value(p?.[1]) === 'on' };
}

// --- the statement check -------------------------------------------------------------------

// Tokens: {type: ident|qident|string|param|number|op, value, pos}.
// Unquoted identifiers are folded to lower case, as PostgreSQL does.
export function tokenize(sql) {
  const out = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      const pos = i;
      i += c === "'" ? 1 : 2;
      let v = '';
      while (i < n) {
        if (sql[i] === "'" && sql[i + 1] === "'") {
          v += "'";
          i += 2;
        } else if (sql[i] === "'") {
          i++;
          break;
        } else {
          v += sql[i++];
        }
      }
      out.push({ type: 'string', value: v, pos });
    } else if (c === '"') {
      const pos = i;
      let v = '';
      i++;
      while (i < n) {
        if (sql[i] === '"' && sql[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (sql[i] === '"') {
          i++;
          break;
        } else {
          v += sql[i++];
        }
      }
      out.push({ type: 'qident', value: v, pos });
    } else if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      const m = /^\$(\d+)/.exec(sql.slice(i));
      out.push({ type: 'param', value: m[1], pos: i });
      i += m[0].length;
    } else if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (!m) {
        out.push({ type: 'op', value: c, pos: i++ });
        continue;
      }
      const end = sql.indexOf(m[0], i + m[0].length);
      const stop = end < 0 ? n : end + m[0].length;
      out.push({ type: 'string', value: sql.slice(i + m[0].length, end < 0 ? n : end), pos: i });
      i = stop;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i));
      out.push({ type: 'ident', value: m[0].toLowerCase(), pos: i });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(sql.slice(i));
      out.push({ type: 'number', value: m[0], pos: i });
      i += m[0].length;
    } else {
      const two = sql.slice(i, i + 2);
      if (['::', '<=', '>=', '<>', '!=', '||'].includes(two)) {
        out.push({ type: 'op', value: two, pos: i });
        i += 2;
      } else {
        out.push({ type: 'op', value: c, pos: i++ });
      }
    }
  }
  return out;
}

// Words that end a table reference (so they are never taken for an alias).
const NOT_ALIAS = new Set(
  ('where join left right inner full cross natural lateral on using set order group limit offset for values ' +
    'returning union except intersect having window as default select with do and or not from into')
    .split(' '),
);
const CLAUSE = new Set(['select', 'from', 'where', 'on', 'set', 'values', 'returning', 'group', 'order', 'having', 'limit', 'using']);
// Where a conjunct ends, going right.
const CONJUNCT_END = new Set(
  ('order group limit offset returning join left right inner full cross union except intersect for window having ' +
    'where on set select from')
    .split(' '),
);
// Where a conjunct begins, going left.
const CONJUNCT_START = new Set(['where', 'on', 'having', 'join', 'from', 'select', 'set', 'and']);

const isWord = (t, w) => t && t.type === 'ident' && t.value === w;
const isOp = (t, v) => t && t.type === 'op' && t.value === v;
const nameOf = (t) => (t && (t.type === 'ident' || t.type === 'qident') ? t.value : null);

// Annotates tokens with depth (parentheses), scope (subquery) and clause.
function annotate(tokens) {
  const scopes = [{ id: 0, parent: null }];
  const stack = []; // {scope: boolean, prevScope}
  let scope = 0;
  let depth = 0;
  const clause = { 0: null };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (isOp(t, '(')) {
      t.depth = depth;
      t.scope = scope;
      t.clause = clause[scope];
      const next = tokens[i + 1];
      const opens = isWord(next, 'select') || isWord(next, 'with');
      stack.push({ opens, prevScope: scope });
      depth++;
      if (opens) {
        const id = scopes.length;
        scopes.push({ id, parent: scope });
        scope = id;
        clause[id] = null;
      }
      continue;
    }
    if (isOp(t, ')')) {
      const top = stack.pop();
      depth = Math.max(0, depth - 1);
      if (top?.opens) scope = top.prevScope;
      t.depth = depth;
      t.scope = scope;
      t.clause = clause[scope];
      continue;
    }
    if (t.type === 'ident' && ['union', 'except', 'intersect'].includes(t.value)) {
      const id = scopes.length;
      scopes.push({ id, parent: scopes[scope].parent });
      scope = id;
      clause[id] = null;
    }
    if (t.type === 'ident') {
      if (t.value === 'on' && isWord(tokens[i + 1], 'conflict')) clause[scope] = 'conflict';
      else if (t.value === 'join') clause[scope] = 'from';
      else if (CLAUSE.has(t.value) && !(t.value === 'set' && clause[scope] === 'conflict-do')) clause[scope] = t.value;
      if (t.value === 'do' && clause[scope] === 'conflict') clause[scope] = 'conflict-do';
    }
    t.depth = depth;
    t.scope = scope;
    t.clause = clause[scope];
  }
  return scopes;
}

// Table references: [{table, alias, scope, start, end, kind: from|update|insert}].
function tableRefs(tokens, tables) {
  const refs = [];
  const readRef = (i, kind) => {
    let j = i;
    if (isWord(tokens[j], 'only')) j++;
    let name = nameOf(tokens[j]);
    if (!name) return null;
    if (isOp(tokens[j + 1], '.')) {
      if (name !== 'public') return null; // a column (EXTRACT(... FROM r.x)), not a table
      j += 2;
      name = nameOf(tokens[j]);
      if (!name || isOp(tokens[j + 1], '.')) return null;
    }
    if (!tables.has(name)) return null;
    const ref = { table: name, alias: name, scope: tokens[j].scope, start: i, end: j, kind, at: j };
    let k = j + 1;
    if (isWord(tokens[k], 'as') && nameOf(tokens[k + 1])) {
      ref.alias = nameOf(tokens[k + 1]);
      k += 2;
    } else if (kind !== 'insert' && tokens[k] && (tokens[k].type === 'qident' || (tokens[k].type === 'ident' && !NOT_ALIAS.has(tokens[k].value)))) {
      ref.alias = tokens[k].value;
      k++;
    }
    ref.end = k - 1;
    return ref;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'ident') continue;
    let kind = null;
    if (t.value === 'from' || t.value === 'join') kind = 'from';
    else if (t.value === 'using' && !isOp(tokens[i + 1], '(')) kind = 'from';
    else if (t.value === 'into') kind = 'insert';
    else if (t.value === 'update' && !['for', 'do', 'key', 'no'].includes(tokens[i - 1]?.value)) kind = 'update';
    if (!kind) continue;
    let ref = readRef(i + 1, kind);
    while (ref) {
      refs.push(ref);
      if (kind !== 'from' || !isOp(tokens[ref.end + 1], ',')) break;
      ref = readRef(ref.end + 2, kind);
    }
  }
  return refs;
}

// An operand that pins a value: a parameter or a literal, with casts.
// Returns {value: {param}|{literal}, start, end} or null.
function valueAt(tokens, i) {
  let t = tokens[i];
  let end = i;
  let v = null;
  if (t?.type === 'param') v = { param: t.value };
  else if (t?.type === 'string') v = { literal: t.value };
  else if (isWord(t, 'cast') && isOp(tokens[i + 1], '(')) {
    const inner = valueAt(tokens, i + 2);
    if (!inner || !isWord(tokens[inner.end + 1], 'as')) return null;
    let k = inner.end + 2;
    while (tokens[k] && !isOp(tokens[k], ')')) k++;
    return { value: inner.value, start: i, end: k };
  }
  if (!v) return null;
  while (isOp(tokens[end + 1], '::') && nameOf(tokens[end + 2])) end += 2;
  return { value: v, start: i, end };
}

// The same, for an operand that ends at i (the left side of `= tenant_id`).
function valueEndingAt(tokens, i) {
  let k = i;
  while (nameOf(tokens[k]) && isOp(tokens[k - 1], '::')) k -= 2;
  const t = tokens[k];
  if (t?.type === 'param' || t?.type === 'string') return valueAt(tokens, k);
  if (isOp(t, ')')) {
    // CAST(x AS type)
    let depth = 0;
    let j = k;
    for (; j >= 0; j--) {
      if (isOp(tokens[j], ')')) depth++;
      if (isOp(tokens[j], '(') && --depth === 0) break;
    }
    if (j > 0 && isWord(tokens[j - 1], 'cast')) return valueAt(tokens, j - 1);
  }
  return null;
}

// A tenant_id column reference ending at i ("x . tenant_id" or "tenant_id"):
// {qualifier|null, start} or null.
function columnEndingAt(tokens, i) {
  if (!isWord(tokens[i], 'tenant_id') && !(tokens[i]?.type === 'qident' && tokens[i].value === 'tenant_id')) return null;
  if (isOp(tokens[i - 1], '.') && nameOf(tokens[i - 2])) return { qualifier: nameOf(tokens[i - 2]), start: i - 2 };
  return { qualifier: null, start: i };
}

function columnStartingAt(tokens, i) {
  if (nameOf(tokens[i]) && isOp(tokens[i + 1], '.') && columnEndingAt(tokens, i + 2)?.qualifier) {
    return { qualifier: nameOf(tokens[i]), end: i + 2 };
  }
  if (columnEndingAt(tokens, i) && !isOp(tokens[i + 1], '.')) return { qualifier: null, end: i };
  return null;
}

// Is the equality spanning tokens [start, end] a conjunct of its WHERE / ON
// (not under an OR or a NOT, not inside a function call)?
function isConjunct(tokens, start, end) {
  const d = tokens[start].depth;
  if (isWord(tokens[start - 1], 'not')) return false;
  let l = start - 1;
  let clauseStart = false;
  for (; l >= 0; l--) {
    const t = tokens[l];
    if (t.depth < d) break;
    if (t.depth > d) continue;
    if (isWord(t, 'or')) return false;
    if (t.type === 'ident' && CONJUNCT_START.has(t.value) && t.value !== 'and') {
      clauseStart = true; // WHERE / ON at this depth
      break;
    }
  }
  for (let r = end + 1; r < tokens.length; r++) {
    const t = tokens[r];
    if (t.depth < d) break;
    if (t.depth > d) continue;
    if (isWord(t, 'or')) return false;
    if (t.type === 'ident' && CONJUNCT_END.has(t.value)) break;
  }
  if (clauseStart) return true;
  // Inside parentheses: the group must itself be a conjunct, and not a
  // function's argument.
  if (l < 0 || !isOp(tokens[l], '(')) return false;
  const before = tokens[l - 1];
  if (before && before.type === 'ident' && !['and', 'where', 'on', 'having'].includes(before.value)) return false;
  let close = end + 1;
  for (let depth = 0; close < tokens.length; close++) {
    if (isOp(tokens[close], '(')) depth++;
    if (isOp(tokens[close], ')') && depth-- === 0) break;
  }
  return isConjunct(tokens, l, Math.min(close, tokens.length - 1));
}

// Problems of one statement of a tenant transaction:
//   sql, params   the statement and its bound parameters ({1: '...'})
//   tenant        the transaction's tenant
//   classes       table -> distributed | reference | local
//   tenantTables  the tables with a tenant_id column (each must be pinned)
// A table with tenant_id must be constrained to the transaction's tenant:
// `<alias>.tenant_id = $n | 'literal'` (or unqualified tenant_id where it
// can only mean that table) as a conjunct of a WHERE or ON, or a join
// `a.tenant_id = b.tenant_id` with a table so constrained; an INSERT names
// tenant_id in its column list with a parameter or literal for it. The value
// must be the transaction's tenant. A statement may not join a
// coordinator-local table with a distributed one.
// Returns {problems: [string], tables: [table]}.
export function statementProblems({ sql, params = {}, tenant, classes, tenantTables }) {
  const tokens = tokenize(sql);
  const scopes = annotate(tokens);
  const known = new Set(Object.keys(classes));
  const refs = tableRefs(tokens, known);
  const problems = [];
  const tables = [...new Set(refs.map((r) => r.table))];
  if (refs.length === 0) return { problems, tables };

  const resolve = (qualifier, scope) => {
    for (let s = scope; s !== null && s !== undefined; s = scopes[s].parent) {
      const here = refs.filter((r) => r.scope === s);
      const hits = qualifier
        ? here.filter((r) => r.alias === qualifier)
        : here.filter((r) => tenantTables.has(r.table));
      if (hits.length === 1) return hits[0];
      if (hits.length > 1) return null; // ambiguous
    }
    return null;
  };
  const pins = new Map(refs.map((r) => [r, []]));
  const joins = new Map(refs.map((r) => [r, new Set()]));
  const pinValue = (ref, v) => pins.get(ref).push(v.param !== undefined ? { param: v.param, value: params[v.param] } : { value: v.literal });

  for (let i = 0; i < tokens.length; i++) {
    const col = columnEndingAt(tokens, i);
    if (!col || columnStartingAt(tokens, col.start)?.end !== i) continue;
    const t = tokens[i];
    if (t.clause !== 'where' && t.clause !== 'on') continue;
    const ref = resolve(col.qualifier, t.scope);
    if (!ref) continue;
    let other = null;
    let span = null;
    if (isOp(tokens[i + 1], '=')) {
      const v = valueAt(tokens, i + 2);
      const c = !v && columnStartingAt(tokens, i + 2);
      if (v) {
        other = { value: v.value };
        span = [col.start, v.end];
      } else if (c) {
        other = { ref: resolve(c.qualifier, tokens[c.end].scope) };
        span = [col.start, c.end];
      }
    } else if (isOp(tokens[col.start - 1], '=')) {
      const v = valueEndingAt(tokens, col.start - 2);
      if (v) {
        other = { value: v.value };
        span = [v.start, i];
      }
      // column = column is found from its left column
    }
    if (!other || !isConjunct(tokens, span[0], span[1])) continue;
    if (other.value) pinValue(ref, other.value);
    else if (other.ref) {
      joins.get(ref).add(other.ref);
      joins.get(other.ref).add(ref);
    }
  }

  // INSERT: tenant_id in the column list, with a parameter or literal.
  for (const ref of refs.filter((r) => r.kind === 'insert')) {
    let k = ref.end + 1;
    if (!isOp(tokens[k], '(')) continue;
    const columns = [];
    for (k++; k < tokens.length && !isOp(tokens[k], ')'); k++) if (nameOf(tokens[k])) columns.push(nameOf(tokens[k]));
    const at = columns.indexOf('tenant_id');
    if (at < 0 || !isWord(tokens[k + 1], 'values')) continue;
    // Every row of VALUES: the item at `at`.
    let row = k + 2;
    let allPinned = true;
    let rows = 0;
    while (isOp(tokens[row], '(')) {
      rows++;
      let item = 0;
      let depth = 0;
      let j = row + 1;
      let itemStart = j;
      let found = null;
      for (; j < tokens.length; j++) {
        if (isOp(tokens[j], '(')) depth++;
        else if (isOp(tokens[j], ')') && depth-- === 0) break;
        else if (isOp(tokens[j], ',') && depth === 0) {
          if (item === at) found = [itemStart, j - 1];
          item++;
          itemStart = j + 1;
        }
      }
      if (item === at) found = [itemStart, j - 1];
      const v = found && valueAt(tokens, found[0]);
      if (v && v.end === found[1]) pinValue(ref, v.value);
      else allPinned = false;
      row = j + 1;
      if (isOp(tokens[row], ',')) row++;
      else break;
    }
    if (!allPinned || rows === 0) pins.get(ref).length = 0;
  }

  // Constrained: pinned, or joined on tenant_id with a constrained table.
  const constrained = new Set(refs.filter((r) => pins.get(r).length > 0));
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of refs) {
      if (constrained.has(r)) continue;
      if ([...joins.get(r)].some((o) => constrained.has(o))) {
        constrained.add(r);
        grew = true;
      }
    }
  }
  for (const r of refs) {
    if (!tenantTables.has(r.table)) continue;
    const name = r.alias === r.table ? r.table : `${r.table} ${r.alias}`;
    if (!constrained.has(r)) {
      problems.push(
        r.kind === 'insert'
          ? `INSERT INTO ${r.table} does not give tenant_id a parameter or literal`
          : `${name} is not constrained by tenant_id (an equality with a parameter or literal, or a join on tenant_id with a table that is)`,
      );
      continue;
    }
    for (const p of pins.get(r)) {
      if (p.value !== tenant) {
        const shown = p.param !== undefined ? `$${p.param} = ${p.value === undefined ? '(not bound)' : `'${p.value}'`}` : `'${p.value}'`;
        problems.push(`${name}: tenant_id = ${shown}, not the transaction's tenant ${tenant}`);
      }
    }
  }
  const local = tables.filter((t) => classes[t] === 'local');
  const distributed = tables.filter((t) => classes[t] === 'distributed');
  if (local.length && distributed.length) {
    problems.push(`joins coordinator-local ${local.join(', ')} with distributed ${distributed.join(', ')}`);
  }
  return { problems, tables };
}

// Every problem of the tenant transactions: [{sql, params, tenant, problems}].
// `allowed(sql)` -> true skips a statement that was reasoned about.
export function tenantTransactionProblems(txs, { classes, tenantTables, allowed = () => false }) {
  const out = [];
  const touched = new Set();
  let statements = 0;
  for (const tx of txs.filter((x) => x.tenant)) {
    for (const st of tx.statements) {
      statements++;
      const { problems, tables } = statementProblems({ ...st, tenant: tx.tenant, classes, tenantTables });
      for (const t of tables) touched.add(t);
      if (problems.length && !allowed(st.sql)) out.push({ sql: st.sql, params: st.params, tenant: tx.tenant, problems });
    }
  }
  return { offending: out, touched, statements };
}

// One line of SQL, for messages.
export const oneLine = (sql, max = 400) => {
  const s = sql.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max)}...` : s;
};

// The tables a text's Citus steps name, by call:
// {distributed: [...], reference: [...], local: [...]}, each in text order.
export function citusCallsIn(text) {
  const calls = { distributed: [], reference: [], local: [] };
  const re = /\b(create_distributed_table|create_reference_table|citus_add_local_table_to_metadata)\('([a-z_0-9]+)'/g;
  const kind = {
    create_distributed_table: 'distributed',
    create_reference_table: 'reference',
    citus_add_local_table_to_metadata: 'local',
  };
  for (let m = re.exec(text); m; m = re.exec(text)) calls[kind[m[1]]].push(m[2]);
  return calls;
}

// The section of a Markdown text under `heading` (up to the next `## `).
export function markdownSection(text, heading) {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return null;
  const end = text.indexOf('\n## ', start + heading.length + 2);
  return text.slice(start, end < 0 ? text.length : end);
}
