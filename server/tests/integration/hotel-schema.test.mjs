// Isolation layer 3 in the hotel schema, checked on the database itself
// (SQLite: the sqlite3 CLI on the test server's file, with foreign keys on as
// the server has them; PostgreSQL: psql as the schema owner, which bypasses
// row-level security, so only the schema can refuse): every hotel table has
// tenant_id NOT NULL, a primary key led by tenant_id, composite foreign keys
// that carry tenant_id, indexes led by tenant_id for each list filter, and a
// raw INSERT of a row whose parent belongs to another tenant is refused.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { adminToken } from './lib/api.mjs';
import { HOTEL_TABLES, hotelTenant, populateTenant } from './lib/hotel.mjs';

const lit = (v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
const NOW = '2026-01-01T00:00:00.000000Z';

// Index prefixes (after tenant_id) that the list filters of API.md need.
const FILTER_INDEXES = {
  properties: [['status']],
  room_types: [['property_id']],
  rooms: [['property_id'], ['status'], ['room_type_id']],
  guests: [[]],
  reservations: [['property_id', 'check_in_date'], ['status'], ['guest_id'], ['room_type_id'], ['confirmation_number']],
  reservation_status_history: [['reservation_id']],
  payments: [['reservation_id'], ['method'], ['kind'], ['created_at']],
  folio_lines: [['reservation_id'], ['property_id', 'business_date'], ['corrects']],
  night_audits: [['property_id', 'business_date']],
  invoice_sequences: [['property_id', 'year']],
  invoices: [['reservation_id'], ['property_id', 'year', 'sequence']],
  invoice_lines: [['invoice_id']],
  incidents: [['status'], ['severity'], ['property_id']],
  idempotency_keys: [[]],
  // GET /api/hotel/events reads by position; the retention sweep by time.
  domain_events: [['seq'], ['occurred_at']],
};

// The hotel tables without a tenant-owned parent (the others' tenant is
// their parents'): a row of each without a tenant.
const ROOTS = {
  properties: () => ({ tenant_id: null, id: randomUUID(), name: 'N', code: 'NT', timezone: 'UTC', currency: 'EUR', created_at: NOW, updated_at: NOW }),
  guests: () => ({ tenant_id: null, id: randomUUID(), first_name: 'N', last_name: 'T', created_at: NOW, updated_at: NOW }),
  idempotency_keys: () => ({ tenant_id: null, idempotency_key: 'k', endpoint: 'e', request_hash: 'h', status_code: 201, response_body: '{}', created_at: NOW }),
  domain_events: () => ({ tenant_id: null, seq: 1, type: 'room.updated', resource_type: 'room', occurred_at: NOW, data: '{}', permission: 'hotel:rooms:read' }),
};

describe('hotel schema: tenant-led keys and composite foreign keys', () => {
  let server;
  let A; // populated tenant A (ids)
  let B;

  // Runs statements in a transaction that is rolled back: the database is left as it was.
  const tryInsert = (sql) =>
    server.sql(IS_POSTGRES ? `BEGIN;\n${sql};\nROLLBACK;` : `PRAGMA foreign_keys = ON;\nBEGIN;\n${sql};\nROLLBACK;`);
  const insert = (table, row) =>
    `INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(lit).join(', ')})`;

  before(async () => {
    server = await startServer();
    const admin = await adminToken(server);
    const a = await hotelTenant(server, admin);
    const b = await hotelTenant(server, admin);
    A = { tenant: a.hotel.id, ...(await populateTenant(a)) };
    B = { tenant: b.hotel.id, ...(await populateTenant(b)) };
  });
  after(async () => {
    await server?.stop();
  });

  // A valid row of tenant A for each child table, pointing at A's parents,
  // and the parent columns that may each be swapped for B's.
  const cases = () => {
    const base = {
      room_types: {
        tenant_id: A.tenant,
        id: randomUUID(),
        property_id: A.property.id,
        code: 'RAW',
        name: 'Raw',
        capacity: 2,
        base_rate_minor: 100,
        created_at: NOW,
        updated_at: NOW,
      },
      rooms: {
        tenant_id: A.tenant,
        id: randomUUID(),
        property_id: A.property.id,
        room_type_id: A.roomType.id,
        room_number: 'R-999',
        created_at: NOW,
        updated_at: NOW,
      },
      reservations: {
        tenant_id: A.tenant,
        id: randomUUID(),
        property_id: A.property.id,
        room_type_id: A.roomType.id,
        room_id: A.rooms[1].id,
        guest_id: A.guest.id,
        confirmation_number: 'RAW-000001',
        status: 'confirmed',
        check_in_date: '2031-05-01',
        check_out_date: '2031-05-03',
        adults: 1,
        rate_minor: 100,
        currency: 'EUR',
        created_at: NOW,
        updated_at: NOW,
      },
      reservation_status_history: {
        tenant_id: A.tenant,
        id: randomUUID(),
        reservation_id: A.reservation.id,
        to_status: 'confirmed',
        changed_at: NOW,
      },
      payments: {
        tenant_id: A.tenant,
        id: randomUUID(),
        reservation_id: A.reservation.id,
        kind: 'refund',
        refund_of: A.payment.id,
        amount_minor: 1,
        currency: 'EUR',
        method: 'cash',
        created_at: NOW,
      },
      folio_lines: {
        tenant_id: A.tenant,
        id: randomUUID(),
        reservation_id: A.reservation.id,
        property_id: A.property.id,
        kind: 'correction',
        charge_type: 'parking',
        business_date: '2031-05-01',
        description: 'Raw',
        quantity: 1,
        unit_price_minor: -1,
        amount_minor: -1,
        currency: 'EUR',
        corrects: A.charge.id,
        created_at: NOW,
      },
      night_audits: {
        tenant_id: A.tenant,
        id: randomUUID(),
        property_id: A.property.id,
        business_date: '2031-05-01',
        room_charges_posted: 0,
        amount_posted_minor: 0,
        room_revenue_minor: 0,
        currency: 'EUR',
        no_shows: 0,
        cancelled: 0,
        rooms_available: 0,
        rooms_sold: 0,
        created_at: NOW,
      },
      invoice_sequences: {
        tenant_id: A.tenant,
        property_id: A.property.id,
        year: 2031,
        last_number: 1,
      },
      invoices: {
        tenant_id: A.tenant,
        id: randomUUID(),
        property_id: A.property.id,
        reservation_id: A.reservation.id,
        kind: 'credit_note',
        number: 'RAW-2031-000001',
        year: 2031,
        sequence: 1,
        credit_of: A.invoice.id,
        business_date: '2031-05-01',
        seller_name: 'Raw',
        buyer_name: 'Raw',
        confirmation_number: 'RAW-000001',
        currency: 'EUR',
        vat_rate_bp: 0,
        net_minor: -1,
        tax_minor: 0,
        gross_minor: -1,
        paid_minor: 0,
        issued_at: NOW,
      },
      invoice_lines: {
        tenant_id: A.tenant,
        invoice_id: A.invoice.id,
        position: 99,
        business_date: '2031-05-01',
        description: 'Raw',
        quantity: 1,
        unit_price_minor: 1,
        amount_minor: 1,
      },
      incidents: {
        tenant_id: A.tenant,
        id: randomUUID(),
        property_id: A.property.id,
        room_id: A.rooms[0].id,
        guest_id: A.guest.id,
        reservation_id: A.reservation.id,
        assigned_to: A.user.id,
        title: 'Raw',
        category: 'raw',
        severity: 'low',
        created_at: NOW,
        updated_at: NOW,
      },
    };
    // [table, column, B's id]
    const foreign = [
      ['room_types', 'property_id', B.property.id],
      ['rooms', 'property_id', B.property.id],
      ['rooms', 'room_type_id', B.roomType.id],
      ['reservations', 'property_id', B.property.id],
      ['reservations', 'room_type_id', B.roomType.id],
      ['reservations', 'room_id', B.rooms[1].id],
      ['reservations', 'guest_id', B.guest.id],
      ['reservation_status_history', 'reservation_id', B.reservation.id],
      ['payments', 'reservation_id', B.reservation.id],
      ['payments', 'refund_of', B.payment.id],
      ['folio_lines', 'reservation_id', B.reservation.id],
      ['folio_lines', 'property_id', B.property.id],
      ['folio_lines', 'corrects', B.charge.id],
      ['night_audits', 'property_id', B.property.id],
      ['invoice_sequences', 'property_id', B.property.id],
      ['invoices', 'property_id', B.property.id],
      ['invoices', 'reservation_id', B.reservation.id],
      ['invoices', 'credit_of', B.invoice.id],
      ['invoice_lines', 'invoice_id', B.invoice.id],
      ['incidents', 'property_id', B.property.id],
      ['incidents', 'room_id', B.rooms[0].id],
      ['incidents', 'guest_id', B.guest.id],
      ['incidents', 'reservation_id', B.reservation.id],
      ['incidents', 'assigned_to', B.user.id],
    ];
    return { base, foreign };
  };

  test("a raw row pointing at A's own parents is accepted (the control)", async () => {
    const { base } = cases();
    for (const [table, row] of Object.entries(base)) {
      await assert.doesNotReject(tryInsert(insert(table, row)), `control insert into ${table}`);
    }
  });

  test("a raw row whose parent belongs to another tenant is refused by the database, for each child table", async () => {
    const { base, foreign } = cases();
    const failures = [];
    for (const [table, column, foreignId] of foreign) {
      const row = { ...base[table], ...('id' in base[table] ? { id: randomUUID() } : {}), [column]: foreignId };
      try {
        await tryInsert(insert(table, row));
        failures.push(`${table}.${column} = B's id: accepted`);
      } catch (e) {
        if (!/foreign key/i.test(e.message)) failures.push(`${table}.${column}: refused, but not by a foreign key: ${e.message}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(
      [...new Set(foreign.map(([t]) => t))].sort(),
      HOTEL_TABLES.filter((t) => !Object.keys(ROOTS).includes(t)).sort(),
      'every hotel table with a tenant-owned parent is covered',
    );
  });

  test('a row without a tenant is refused in every hotel table', async () => {
    for (const [table, row] of Object.entries(ROOTS)) {
      await assert.rejects(tryInsert(insert(table, row())), /not.null/i, `${table} accepted a NULL tenant_id`);
    }
  });

  // {table: {notNullTenant, pk: [cols], fks: [{cols, refTable, refCols}], indexes: [{name, cols}]}}
  let described;
  async function describeSchema() {
    described ??= readSchema();
    return described;
  }
  async function readSchema() {
    const out = {};
    for (const table of HOTEL_TABLES) {
      if (IS_POSTGRES) {
        const notnull = await server.sql(
          `SELECT attnotnull FROM pg_attribute WHERE attrelid = '${table}'::regclass AND attname = 'tenant_id'`,
        );
        const cons = await server.sql(
          `SELECT contype::text || '|' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = '${table}'::regclass AND contype IN ('p', 'f') ORDER BY conname`,
        );
        const parseCols = (s) => s.split(',').map((c) => c.trim());
        const pk = [];
        const fks = [];
        for (const line of cons.split('\n').filter(Boolean)) {
          const [type, def] = [line.slice(0, 1), line.slice(2)];
          if (type === 'p') pk.push(...parseCols(/PRIMARY KEY \(([^)]*)\)/.exec(def)[1]));
          else {
            const m = /FOREIGN KEY \(([^)]*)\) REFERENCES (\w+)\(([^)]*)\)/.exec(def);
            fks.push({ cols: parseCols(m[1]), refTable: m[2], refCols: parseCols(m[3]) });
          }
        }
        const idx = await server.sql(
          `SELECT c.relname || '|' || array_to_string(ARRAY(
               SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) k), ',')
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = '${table}'::regclass ORDER BY c.relname`,
        );
        const indexes = idx
          .split('\n')
          .filter(Boolean)
          .map((l) => {
            const [name, cols] = l.split('|');
            return { name, cols: cols.split(',') };
          });
        out[table] = { notNullTenant: notnull === 't', pk, fks, indexes };
      } else {
        const cols = (await server.sql(`SELECT name, pk, "notnull" FROM pragma_table_info('${table}') ORDER BY pk`))
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('|'));
        const pk = cols.filter(([, k]) => Number(k) > 0).map(([n]) => n);
        const notNullTenant = cols.some(([n, , nn]) => n === 'tenant_id' && nn === '1');
        const fkRows = (await server.sql(`SELECT id, "table", "from", "to" FROM pragma_foreign_key_list('${table}') ORDER BY id, seq`))
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('|'));
        const byId = new Map();
        for (const [id, ref, from, to] of fkRows) {
          if (!byId.has(id)) byId.set(id, { cols: [], refTable: ref, refCols: [] });
          byId.get(id).cols.push(from);
          byId.get(id).refCols.push(to);
        }
        const names = (await server.sql(`SELECT name FROM pragma_index_list('${table}') ORDER BY name`)).split('\n').filter(Boolean);
        const indexes = [];
        for (const name of names) {
          const c = (await server.sql(`SELECT coalesce(name, '<expr>') FROM pragma_index_xinfo('${name}') WHERE key = 1 ORDER BY seqno`))
            .split('\n')
            .filter(Boolean);
          indexes.push({ name, cols: c });
        }
        out[table] = { notNullTenant, pk, fks: [...byId.values()], indexes };
      }
    }
    return out;
  }

  test('every hotel table: tenant_id NOT NULL, a primary key led by tenant_id, foreign keys carrying tenant_id', async () => {
    const schema = await describeSchema();
    const problems = [];
    for (const [table, s] of Object.entries(schema)) {
      if (!s.notNullTenant) problems.push(`${table}: tenant_id is nullable`);
      if (s.pk[0] !== 'tenant_id' || s.pk.length < 2) problems.push(`${table}: primary key (${s.pk.join(', ')})`);
      for (const fk of s.fks) {
        if (fk.refTable === 'tenants') continue;
        const i = fk.cols.indexOf('tenant_id');
        if (i !== 0 || fk.refCols[i] !== 'tenant_id') {
          problems.push(`${table}: foreign key (${fk.cols.join(', ')}) -> ${fk.refTable}(${fk.refCols.join(', ')})`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(schema.incidents.fks.length >= 5, 'incidents link property, room, guest, reservation and assignee');
  });

  test('every index of a hotel table is led by tenant_id, and each list filter has one', async () => {
    const schema = await describeSchema();
    const problems = [];
    for (const [table, s] of Object.entries(schema)) {
      for (const ix of s.indexes) {
        if (ix.cols[0] !== 'tenant_id') problems.push(`${table}: index ${ix.name} (${ix.cols.join(', ')}) not led by tenant_id`);
      }
      for (const prefix of FILTER_INDEXES[table]) {
        const want = ['tenant_id', ...prefix];
        if (!s.indexes.some((ix) => want.every((c, i) => ix.cols[i] === c))) {
          problems.push(`${table}: no index on (${want.join(', ')}, ...)`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
