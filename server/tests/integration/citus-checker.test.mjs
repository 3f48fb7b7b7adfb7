// The checks of lib/citus.mjs on sample SQL, catalogs and log text, so that
// citus-readiness.test.mjs passing means something: each rule catches a
// real violation and lets the server's own shapes through. No server, no
// database: runs on every backend.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  catalogProblems,
  citusCallsIn,
  markdownSection,
  parseLog,
  parseParameters,
  scopeOf,
  splitStatements,
  statementProblems,
  tenantTransactionProblems,
  transactions,
} from './lib/citus.mjs';

const T = 'aaaaaaaa-0000-4000-8000-000000000001';
const OTHER = 'bbbbbbbb-0000-4000-8000-000000000002';
const classes = {
  reservations: 'distributed',
  guests: 'distributed',
  payments: 'distributed',
  users: 'reference',
  tenant_users: 'reference',
  audit_logs: 'local',
  audit_chain_heads: 'local',
};
const tenantTables = new Set(['reservations', 'guests', 'payments', 'tenant_users', 'audit_logs']);
const check = (sql, params = { 1: T }) => statementProblems({ sql, params, tenant: T, classes, tenantTables }).problems;

describe('citus checker: statements of a tenant transaction', () => {
  test('constrained statements pass', () => {
    const good = [
      'SELECT * FROM reservations WHERE tenant_id = $1 AND id = $2',
      'SELECT * FROM reservations r WHERE r.tenant_id = $1 AND r.id = $2 FOR UPDATE',
      `SELECT * FROM reservations WHERE tenant_id = '${T}'::uuid`,
      'SELECT * FROM reservations WHERE CAST($1 AS uuid) = tenant_id',
      'SELECT * FROM reservations WHERE $1 = tenant_id',
      // a join on tenant_id with a constrained table, and a correlated subquery
      'SELECT * FROM reservations r JOIN guests g ON g.tenant_id = r.tenant_id AND g.id = r.guest_id WHERE r.tenant_id = $1',
      `SELECT r.id, (SELECT sum(p.amount) FROM payments p WHERE p.tenant_id = r.tenant_id AND p.reservation_id = r.id)
         FROM reservations r WHERE r.tenant_id = $1`,
      // an unqualified tenant_id in a subquery means the subquery's table
      'SELECT * FROM payments WHERE tenant_id = $1 AND reservation_id IN (SELECT id FROM reservations WHERE tenant_id = $1)',
      // an OR inside a parenthesised conjunct leaves the tenant predicate alone
      "SELECT * FROM guests WHERE tenant_id = $1 AND (CAST($2 AS TEXT) IS NULL OR email LIKE $2 ESCAPE '\\')",
      'INSERT INTO payments (tenant_id, id, amount) VALUES ($1, $2, $3)',
      'INSERT INTO payments (tenant_id, id) VALUES ($1, $2), ($1, $3) ON CONFLICT (tenant_id, id) DO UPDATE SET id = excluded.id',
      'UPDATE reservations SET status = $3 WHERE tenant_id = $1 AND id = $2',
      'DELETE FROM reservations WHERE tenant_id = $1 AND id = $2 AND NOT is_system',
      // reference and local tables need no tenant predicate
      'SELECT 1 FROM users WHERE email = $2',
      'UPDATE audit_chain_heads SET seq = seq + 1 WHERE chain = $2 RETURNING seq',
      'SELECT u.id FROM tenant_users tu JOIN users u ON u.id = tu.user_id WHERE tu.tenant_id = $1',
      "SELECT EXTRACT(YEAR FROM r.check_in_date) FROM reservations r WHERE r.tenant_id = $1 -- FROM payments",
      'WITH page AS (SELECT r.id FROM reservations r WHERE r.tenant_id = $1 LIMIT 5) SELECT r.* FROM reservations r JOIN page ON page.id = r.id WHERE r.tenant_id = $1',
    ];
    for (const sql of good) assert.deepEqual(check(sql, { 1: T, 2: 'x', 3: 'y' }), [], sql);
  });

  test('a table without a tenant predicate is caught', () => {
    const bad = [
      ['SELECT * FROM reservations WHERE id = $2', 'reservations is not constrained'],
      ['SELECT * FROM reservations r WHERE r.tenant_id = $1 OR r.id = $2', 'reservations r is not constrained'],
      ['SELECT * FROM reservations WHERE (tenant_id = $1 AND id = $2) OR id = $3', 'reservations is not constrained'],
      ['SELECT * FROM reservations WHERE NOT tenant_id = $1', 'reservations is not constrained'],
      ['SELECT * FROM reservations WHERE COALESCE(tenant_id = $1, true)', 'reservations is not constrained'],
      ['SELECT * FROM reservations WHERE tenant_id IN ($1, $2)', 'reservations is not constrained'],
      // RLS's own expression is not a literal or a parameter: Citus cannot route on it
      [
        "SELECT * FROM reservations WHERE tenant_id = current_setting('keycard.tenant_id')::uuid",
        'reservations is not constrained',
      ],
      // the join forgets tenant_id: guests of every tenant
      ['SELECT * FROM reservations r JOIN guests g ON g.id = r.guest_id WHERE r.tenant_id = $1', 'guests g is not constrained'],
      ['SELECT * FROM reservations r, payments p WHERE r.tenant_id = $1 AND p.reservation_id = r.id', 'payments p is not constrained'],
      [
        'SELECT * FROM reservations r WHERE r.tenant_id = $1 AND r.id IN (SELECT reservation_id FROM payments WHERE amount > 0)',
        'payments is not constrained',
      ],
      // SET tenant_id is an assignment, not a predicate
      ['UPDATE reservations SET tenant_id = $1 WHERE id = $2', 'reservations is not constrained'],
      ['DELETE FROM payments WHERE reservation_id = $2', 'payments is not constrained'],
      ['INSERT INTO payments (id, amount) VALUES ($2, $3)', 'INSERT INTO payments does not give tenant_id'],
      ['INSERT INTO payments (tenant_id, id) VALUES (gen_random_uuid(), $2)', 'INSERT INTO payments does not give tenant_id'],
      ['INSERT INTO payments (tenant_id, id) VALUES ($1, $2), (now(), $3)', 'INSERT INTO payments does not give tenant_id'],
      // a table with tenant_id that is not distributed is held to the same rule
      ['SELECT u.id FROM tenant_users tu JOIN users u ON u.id = tu.user_id', 'tenant_users tu is not constrained'],
    ];
    for (const [sql, want] of bad) {
      const problems = check(sql, { 1: T, 2: 'x', 3: 'y' });
      assert.ok(problems.some((p) => p.startsWith(want)), `${sql}\n  expected "${want}...", got ${JSON.stringify(problems)}`);
    }
  });

  test("another tenant's id is caught, as a parameter or a literal", () => {
    assert.match(check('SELECT * FROM reservations WHERE tenant_id = $1', { 1: OTHER }).join(), /not the transaction's tenant/);
    assert.match(check(`SELECT * FROM guests WHERE tenant_id = '${OTHER}'`).join(), /not the transaction's tenant/);
    assert.match(check('INSERT INTO payments (tenant_id, id) VALUES ($2, $1)', { 1: T, 2: OTHER }).join(), /not the transaction's tenant/);
  });

  test('a coordinator-local table joined with a distributed one is caught', () => {
    const problems = check('SELECT * FROM audit_logs a JOIN reservations r ON r.tenant_id = a.tenant_id WHERE a.tenant_id = $1');
    assert.deepEqual(problems, ['joins coordinator-local audit_logs with distributed reservations']);
  });
});

describe('citus checker: the log', () => {
  const db = 'kc_sample';
  const line = (session, vxid, app, level, message, database = db) =>
    `2026-01-01 00:00:00.000 UTC [42] <db=${database} session=${session} vxid=${vxid} app=${app}> ${level}:  ${message}`;
  const log = [
    line('s1', '3/7', 'keycard', 'LOG', 'execute <unnamed>: BEGIN'),
    line('s1', '3/7', 'keycard', 'LOG', "execute kc_1: SELECT set_config('keycard.tenant_id', $1, true), set_config('keycard.platform', $2, true)"),
    line('s1', '3/7', 'keycard', 'DETAIL', `parameters: $1 = '${T}', $2 = ''`),
    line('s1', '3/7', 'keycard', 'LOG', 'execute kc_2: '),
    '\tSELECT * FROM reservations',
    '\tWHERE id = $1',
    line('s1', '3/7', 'keycard', 'DETAIL', "parameters: $1 = 'it''s'"),
    line('s1', '3/7', 'keycard', 'LOG', 'statement: COMMIT'),
    // a platform transaction: not checked
    line('s1', '3/8', 'keycard', 'LOG', "statement: BEGIN; SELECT set_config('keycard.tenant_id', '', true), set_config('keycard.platform', 'on', true)"),
    line('s1', '3/8', 'keycard', 'LOG', 'statement: SELECT * FROM reservations'),
    // another database, and psql in ours: not read
    line('s2', '4/1', 'keycard', 'LOG', `statement: SELECT set_config('keycard.tenant_id', '${T}', true); SELECT * FROM guests`, 'kc_other'),
    line('s3', '5/1', 'psql', 'LOG', `statement: SELECT set_config('keycard.tenant_id', '${T}', true); SELECT * FROM guests`),
    '2026-01-01 00:00:00.000 UTC [7] LOG:  checkpoint starting: time',
  ].join('\n');

  test('messages, continuation lines and parameters', () => {
    const records = parseLog(log, db);
    assert.equal(records.length, 9); // not the other database's line, nor the checkpoint
    assert.equal(records[3].message, 'execute kc_2: \nSELECT * FROM reservations\nWHERE id = $1');
    assert.deepEqual(parseParameters("$1 = 'a', $2 = NULL, $3 = 'it''s, ok'"), { 1: 'a', 2: null, 3: "it's, ok" });
    assert.deepEqual(splitStatements("BEGIN; SELECT ';' AS x;"), ['BEGIN', "SELECT ';' AS x"]);
    assert.deepEqual(scopeOf({ sql: "SELECT set_config('keycard.tenant_id', '', true), set_config('keycard.platform', 'on', true)", params: {} }), {
      tenant: null,
      platform: true,
    });
  });

  test('transactions by session and virtual transaction; only tenant ones are checked', () => {
    const txs = transactions(parseLog(log, db));
    assert.deepEqual(
      txs.map((t) => [t.vxid, t.tenant, t.platform, t.statements.length]),
      [
        ['3/7', T, false, 4],
        ['3/8', null, true, 3],
      ],
    );
    assert.deepEqual(txs[0].statements[2], { sql: 'SELECT * FROM reservations\nWHERE id = $1', params: { 1: "it's" } });
    const { offending, statements } = tenantTransactionProblems(txs, { classes, tenantTables });
    assert.equal(statements, 4);
    assert.equal(offending.length, 1);
    assert.match(offending[0].problems[0], /^reservations is not constrained/);
    const allowed = tenantTransactionProblems(txs, { classes, tenantTables, allowed: (sql) => sql.includes('WHERE id') });
    assert.equal(allowed.offending.length, 0);
  });
});

describe('citus checker: the catalog', () => {
  const table = (name, notNull = true) => ({ name, tenant_id: notNull === null ? null : { not_null: notNull } });
  const pk = (t, columns) => ({ table: t, name: `${t}_pkey`, type: 'p', columns });
  const fk = (t, name, columns, references, refColumns) => ({ table: t, name, type: 'f', columns, references, ref_columns: refColumns });
  const good = () => ({
    tables: [table('tenants', null), table('properties'), table('rooms'), table('notes')],
    constraints: [
      pk('tenants', ['id']),
      pk('properties', ['tenant_id', 'id']),
      pk('rooms', ['tenant_id', 'id']),
      pk('notes', ['tenant_id', 'id']),
      { table: 'rooms', name: 'rooms_number_key', type: 'u', columns: ['tenant_id', 'number'] },
      fk('rooms', 'rooms_property_fkey', ['tenant_id', 'property_id'], 'properties', ['tenant_id', 'id']),
      fk('rooms', 'rooms_tenant_fkey', ['tenant_id'], 'tenants', ['id']),
    ],
    unique_indexes: [],
  });
  const nd = { tenants: { kind: 'reference', why: 'registry' } };

  test('a schema that follows the rules has no problem', () => {
    const { problems, classes } = catalogProblems(good(), nd);
    assert.deepEqual(problems, []);
    assert.deepEqual(classes, { tenants: 'reference', properties: 'distributed', rooms: 'distributed', notes: 'distributed' });
  });

  test('each rule is caught', () => {
    const c = good();
    c.tables.push(table('settings', null)); // no tenant_id, not classified
    c.tables.find((t) => t.name === 'notes').tenant_id.not_null = false;
    c.constraints.find((k) => k.name === 'notes_pkey').columns = ['id'];
    c.constraints.push({ table: 'rooms', name: 'rooms_code_key', type: 'u', columns: ['code'] });
    c.constraints.push(fk('rooms', 'rooms_note_fkey', ['note_id'], 'notes', ['id']));
    c.constraints.push(fk('notes', 'notes_room_fkey', ['room_id', 'tenant_id'], 'rooms', ['tenant_id', 'id']));
    c.unique_indexes.push({ table: 'properties', name: 'properties_lower_code', columns: [] });
    const { problems } = catalogProblems(c, { ...nd, gone: { kind: 'local', why: 'x' } });
    assert.deepEqual(problems.sort(), [
      'gone: classified in NOT_DISTRIBUTED but not in the schema',
      'notes: foreign key notes_room_fkey (room_id, tenant_id) -> rooms (tenant_id, id) does not include tenant_id on both sides',
      'notes: primary key (id) does not start with tenant_id',
      'notes: tenant_id is nullable',
      'properties: unique index properties_lower_code () lacks tenant_id',
      'rooms: foreign key rooms_note_fkey (note_id) -> notes (id) does not include tenant_id on both sides',
      'rooms: unique rooms_code_key (code) lacks tenant_id',
      'settings: has no tenant_id and is not classified (add it to NOT_DISTRIBUTED in lib/citus.mjs, with why)',
    ]);
  });

  test('a reference table may not refer to a distributed one; listed breaks must be true', () => {
    const c = good();
    c.tables.push(table('grants', false));
    c.constraints.push(pk('grants', ['id']));
    c.constraints.push(fk('grants', 'grants_room_fkey', ['tenant_id', 'room_id'], 'rooms', ['tenant_id', 'id']));
    const claims = { ...nd, grants: { kind: 'reference', why: 'platform rows', breaks: ['grants: tenant_id is nullable', 'grants: made up'] } };
    const { problems, blockers } = catalogProblems(c, claims);
    assert.deepEqual(blockers, ['grants: tenant_id is nullable', 'grants: primary key (id) does not start with tenant_id']);
    assert.deepEqual(problems, [
      'grants (reference): foreign key grants_room_fkey -> rooms refers to a distributed table, which Citus refuses',
      'grants (reference) also breaks, not listed in its breaks: grants: primary key (id) does not start with tenant_id',
      'grants (reference) no longer breaks (update NOT_DISTRIBUTED): grants: made up',
    ]);
  });
});

describe('citus checker: the documented steps', () => {
  test('the calls of one section are read by kind, in order', () => {
    const doc = [
      '# Title',
      '## Sharding with Citus',
      "SELECT create_reference_table('tenants');",
      "SELECT create_distributed_table('properties', 'tenant_id');",
      "SELECT create_distributed_table('rooms', 'tenant_id', colocate_with => 'properties');",
      "SELECT citus_add_local_table_to_metadata('audit_logs');",
      '## Next',
      "SELECT create_reference_table('elsewhere');",
    ].join('\n');
    assert.deepEqual(citusCallsIn(markdownSection(doc, '## Sharding with Citus')), {
      distributed: ['properties', 'rooms'],
      reference: ['tenants'],
      local: ['audit_logs'],
    });
    assert.equal(markdownSection(doc, '## Missing'), null);
  });
});
