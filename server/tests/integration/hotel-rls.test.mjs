// Row-level security on every hotel table (PostgreSQL), checked with rows
// in each: both tenants are populated through the API, then raw SQL runs as
// keycard_app with tenant A set in the transaction. A sees exactly its own
// rows, nothing without a tenant, cannot write rows of B, and its UPDATE and
// DELETE do not reach B's rows. (rls.test.mjs covers every tenant table
// generically; this file makes sure the hotel tables are not empty when
// checked.)
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { adminToken } from './lib/api.mjs';
import { HOTEL_TABLES, REFUSED_WRITES, assert, hotelTenant, populateTenant } from './lib/hotel.mjs';

const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;

describe('hotel row-level security', { skip: IS_POSTGRES ? false : 'PostgreSQL only' }, () => {
  let server;
  let A;
  let B;
  const owned = {}; // table -> {a, b}: row counts read as the owner

  before(async () => {
    server = await startServer();
    const admin = await adminToken(server);
    const a = await hotelTenant(server, admin);
    const b = await hotelTenant(server, admin);
    await populateTenant(a);
    await populateTenant(b);
    A = a.hotel.id;
    B = b.hotel.id;
    for (const table of HOTEL_TABLES) {
      const [ca, cb] = (
        await server.sql(
          `SELECT count(*) FILTER (WHERE tenant_id = ${lit(A)}) || '|' || count(*) FILTER (WHERE tenant_id = ${lit(B)}) FROM ${table}`,
        )
      ).split('|');
      owned[table] = { a: Number(ca), b: Number(cb) };
    }
  });
  after(async () => {
    await server?.stop();
  });

  test('both tenants have rows in every hotel table', () => {
    const empty = HOTEL_TABLES.filter((t) => owned[t].a === 0 || owned[t].b === 0);
    assert.deepEqual(empty, [], `tables without rows of both tenants: ${JSON.stringify(owned)}`);
  });

  test('every hotel table has row-level security enabled and forced', async () => {
    const out = await server.sql(`
      SELECT relname FROM pg_class
       WHERE relnamespace = 'public'::regnamespace AND relname IN (${HOTEL_TABLES.map(lit).join(', ')})
         AND relrowsecurity AND relforcerowsecurity ORDER BY relname`);
    assert.deepEqual(out.split('\n').filter(Boolean), [...HOTEL_TABLES].sort());
  });

  for (const table of HOTEL_TABLES) {
    test(`${table}: as A, a raw SELECT sees exactly A's rows`, async () => {
      const seen = await server.sqlAsApp(A, `SELECT count(*) || '|' || count(*) FILTER (WHERE tenant_id <> ${lit(A)}) FROM ${table}`);
      assert.equal(seen, `${owned[table].a}|0`);
      const none = await server.sqlAsApp(null, `SELECT count(*) FROM ${table}`);
      assert.equal(none, '0', 'no tenant set: no rows');
    });

    test(`${table}: as A, inserting a row of B is refused; updating or deleting B's rows reaches none`, async () => {
      const cols = (
        await server.sql(`SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
                            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${lit(table)}`)
      ).trim();
      const scratch = `kc_scratch_${table}`;
      // A copy of one of B's rows with a new key where the key is an id.
      const newKey =
        {
          idempotency_keys: `idempotency_key = 'rls-' || idempotency_key`,
          invoice_sequences: 'year = year + 1000',
          invoice_lines: 'position = position + 1000',
          domain_events: 'seq = seq + 1000000',
        }[table] ?? 'id = gen_random_uuid()';
      await server.sql(`
        CREATE TABLE ${scratch} AS SELECT ${cols} FROM ${table} WHERE tenant_id = ${lit(B)} LIMIT 1;
        UPDATE ${scratch} SET ${newKey};
        GRANT SELECT ON ${scratch} TO keycard_app;`);
      try {
        await assert.rejects(
          server.sqlAsApp(A, `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${scratch}`),
          /row-level security/,
        );
        const touch = table === 'idempotency_keys' ? 'status_code = status_code' : 'tenant_id = tenant_id';
        const update = `WITH u AS (UPDATE ${table} SET ${touch} WHERE tenant_id = ${lit(B)} RETURNING 1) SELECT count(*) FROM u`;
        const remove = `WITH d AS (DELETE FROM ${table} WHERE tenant_id = ${lit(B)} RETURNING 1) SELECT count(*) FROM d`;
        // What the application role may not do at all is refused for every row, its tenant's or another's.
        const refused = REFUSED_WRITES[table] ?? [];
        for (const [verb, sql] of [['UPDATE', update], ['DELETE', remove]]) {
          if (refused.includes(verb)) await assert.rejects(server.sqlAsApp(A, sql), /permission denied/);
          else assert.equal(await server.sqlAsApp(A, sql), '0');
        }
        const still = await server.sql(`SELECT count(*) FROM ${table} WHERE tenant_id = ${lit(B)}`);
        assert.equal(Number(still), owned[table].b, "B's rows are all still there");
      } finally {
        await server.sql(`DROP TABLE ${scratch}`);
      }
    });
  }
});
