// PostgreSQL row-level security, checked on the database itself as the
// application role: every public table with a tenant_id column (discovered,
// so future tables are covered) shows only the current tenant's rows, none
// without a tenant, and refuses rows of another tenant.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { createHotel, loginOk } from './lib/api.mjs';

const ident = (name) => `"${name.replaceAll('"', '""')}"`;
const literal = (s) => `'${String(s).replaceAll("'", "''")}'`;

describe('row-level security', { skip: IS_POSTGRES ? false : 'PostgreSQL only' }, () => {
  let server;
  let a;
  let b;
  let tables = [];
  let relations = [];
  before(async () => {
    server = await startServer();
    const admin = (await loginOk(server, server.admin.email, server.admin.password)).access_token;
    ({ hotel: a } = await createHotel(server, admin));
    const created = await createHotel(server, admin);
    b = created.hotel;
    // Logging in writes per-tenant rows too (refresh sessions, audit entries).
    await loginOk(server, created.manager.email, created.manager.password);

    const rows = await server.sql(`
      SELECT c.table_name, t.table_type
        FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id'
       ORDER BY c.table_name`);
    relations = rows
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, type] = l.split('|');
        return { name, type };
      });
    tables = relations.filter((r) => r.type === 'BASE TABLE').map((r) => r.name);
  });
  after(async () => {
    await server?.stop();
  });

  test('tenant tables are discovered', (t) => {
    assert.ok(tables.length > 0, 'no table with a tenant_id column in the public schema');
    t.diagnostic(`tables with tenant_id: ${relations.map((r) => r.name).join(', ')}`);
  });

  test('every tenant table has RLS enabled and forced', async () => {
    const out = await server.sql(`
      SELECT relname, relrowsecurity, relforcerowsecurity
        FROM pg_class
       WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
         AND relname IN (${tables.map(literal).join(', ')})`);
    const bad = out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('|'))
      .filter(([, enabled, forced]) => enabled !== 't' || forced !== 't')
      .map(([name, enabled, forced]) => `${name} (enabled=${enabled}, forced=${forced})`);
    assert.deepEqual(bad, [], `tables without ENABLE + FORCE ROW LEVEL SECURITY: ${bad.join(', ')}`);
  });

  test('keycard_app is neither superuser nor BYPASSRLS', async () => {
    const out = await server.sql(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'keycard_app'`);
    assert.equal(out, 'f|f', `keycard_app flags: ${out || 'role missing'}`);
  });

  test("as tenant A the app role sees no row of any other tenant, and A's own rows", async () => {
    const failures = [];
    for (const r of relations) {
      const t = ident(r.name);
      try {
        const foreign = await server.sqlAsApp(a.id, `SELECT count(*) FROM ${t} WHERE tenant_id IS DISTINCT FROM ${literal(a.id)}`);
        if (foreign !== '0') failures.push(`${r.name}: ${foreign} rows of other tenants visible`);
        const own = await server.sql(`SELECT count(*) FROM ${t} WHERE tenant_id = ${literal(a.id)}`);
        const seen = await server.sqlAsApp(a.id, `SELECT count(*) FROM ${t}`);
        if (seen !== own) failures.push(`${r.name}: tenant A sees ${seen} rows, owns ${own}`);
      } catch (e) {
        failures.push(`${r.name}: ${e.message.split('\n')[0]}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("the owner sees B's rows (at least in the membership table)", async () => {
    const withB = [];
    for (const t of tables) {
      const n = Number(await server.sql(`SELECT count(*) FROM ${ident(t)} WHERE tenant_id = ${literal(b.id)}`));
      if (n > 0) withB.push(t);
    }
    let membership = tables.filter((t) => /member|user_roles|tenant_users/.test(t));
    if (membership.length === 0 && tables.includes('users')) membership = ['users'];
    assert.ok(membership.length > 0, `no membership table among ${tables.join(', ')}`);
    assert.ok(
      membership.some((t) => withB.includes(t)),
      `no B rows in ${membership.join(', ')} (tables with B rows: ${withB.join(', ')})`,
    );
  });

  test('with no tenant set the app role sees no rows at all', async () => {
    const failures = [];
    for (const r of relations) {
      try {
        const n = await server.sqlAsApp(null, `SELECT count(*) FROM ${ident(r.name)}`);
        if (n !== '0') failures.push(`${r.name}: ${n} rows visible without a tenant`);
      } catch (e) {
        failures.push(`${r.name}: ${e.message.split('\n')[0]}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("inserting tenant B's rows as tenant A is refused by row-level security", async (tc) => {
    await server.sql(`CREATE SCHEMA kc_scratch; GRANT USAGE ON SCHEMA kc_scratch TO keycard_app;`);
    const failures = [];
    const tried = [];
    const untested = [];
    for (const t of tables) {
      const n = Number(await server.sql(`SELECT count(*) FROM ${ident(t)} WHERE tenant_id = ${literal(b.id)}`));
      if (n === 0) {
        untested.push(t); // nothing of B's to copy
        continue;
      }
      tried.push(t);
      const cols = (
        await server.sql(`
          SELECT column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = ${literal(t)} AND is_generated = 'NEVER'
           ORDER BY ordinal_position`)
      )
        .split('\n')
        .filter(Boolean)
        .map(ident)
        .join(', ');
      const scratch = `kc_scratch.${ident(t)}`;
      await server.sql(`
        CREATE TABLE ${scratch} AS SELECT ${cols} FROM ${ident(t)} WHERE tenant_id = ${literal(b.id)} LIMIT 1;
        GRANT SELECT ON ${scratch} TO keycard_app;`);
      try {
        await server.sqlAsApp(a.id, `INSERT INTO ${ident(t)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${scratch}`);
        failures.push(`${t}: the insert succeeded`);
      } catch (e) {
        if (!/row-level security/.test(e.message)) failures.push(`${t}: refused, but not by RLS: ${e.message.split('\n')[0]}`);
      }
    }
    await server.sql(`DROP SCHEMA kc_scratch CASCADE;`);
    tc.diagnostic(`insert refused checked on: ${tried.join(', ')}; no B rows to copy in: ${untested.join(', ') || '-'}`);
    assert.ok(tried.length > 0, 'no table had a row of tenant B to copy');
    assert.deepEqual(failures, []);
  });
});
