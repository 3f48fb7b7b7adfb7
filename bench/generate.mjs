#!/usr/bin/env node
// Deterministic benchmark data for bench/run (see bench/README.md, "Data").
//
// Tenants and their Hotel Managers are made through the admin API, so that
// the tenant rows, roles, grants and password hashes are exactly what the
// server writes and the managers can sign in. Everything below a tenant
// (properties, room types, rooms, guests, reservations, status history,
// payments) goes straight into the database in one transaction: COPY through
// psql on PostgreSQL, multi-row INSERTs through the sqlite3 CLI on SQLite.
// Going through HTTP instead would take hours at a million reservations.
//
// The same --seed gives the same rows: every choice comes from a PRNG seeded
// by (seed, tenant number), and ids are derived from (seed, kind, tenant
// number, row number). Only what the server makes (tenant and user ids,
// password hashes) differs between two runs. Tenant n's rows do not depend on
// --tenants, so a small data set is a prefix of a large one.
//
// Usage: see USAGE below (node bench/generate.mjs --help).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: node bench/generate.mjs --api http://127.0.0.1:PORT --database URL [options]
  --database URL               the database that keycard at --api serves: postgresql://... (a role that
                               may write every tenant's rows: the superuser bench/run uses, or the
                               table owner) or sqlite:/path/to/file
  --tenants N                  tenants (hotels), each with a Hotel Manager (10)
  --reservations-per-tenant N  (2000)
  --seed N                     the same seed gives the same rows (1)
  --guests-per-tenant N        (500)
  --properties-per-tenant N    (2)
  --room-types-per-property N  (3)
  --rooms-per-type N           (50)
  --from YYYY-MM-DD            first check-in day; check-ins fall on the 365 days from it (2027-01-01)
  --out DIR                    writes manifest.json there and, for tenant 1 (the one bench/run loads),
                               reservation-ids.txt, guest-ids.txt and targets.txt
  --concurrency N              hotels created at once through the API (2 on PostgreSQL, 1 on SQLite)
env: KEYCARD_BOOTSTRAP_ADMIN_EMAIL, KEYCARD_BOOTSTRAP_ADMIN_PASSWORD  the platform admin that creates the hotels
     BENCH_MANAGER_PASSWORD    every manager's password (default Bench-Manager-Keycard-2026!)
Managers sign in as manager@bench-tNNNNN.bench.test. Start from a fresh database: the slugs
bench-t00001... must be free.
`;

const DEFAULT_MANAGER_PASSWORD = 'Bench-Manager-Keycard-2026!';
const NIGHTS_MAX = 7;
const YEAR_DAYS = 365;
const STATUS_SHARES = [
  ['confirmed', 0.7],
  ['pending', 0.15],
  ['cancelled', 0.15],
];
// The server's confirmation-number alphabet (no 0/O, 1/I/L, U).
const CONFIRMATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

const PROPERTY_SHAPES = [
  { code: 'LIS', name: 'Harbour View Lisbon', timezone: 'Europe/Lisbon', currency: 'EUR', city: 'Lisboa' },
  { code: 'EDI', name: 'Old Town Edinburgh', timezone: 'Europe/London', currency: 'GBP', city: 'Edinburgh' },
  { code: 'BER', name: 'Spree Side Berlin', timezone: 'Europe/Berlin', currency: 'EUR', city: 'Berlin' },
  { code: 'NYC', name: 'Hudson Yards New York', timezone: 'America/New_York', currency: 'USD', city: 'New York' },
];
const ROOM_TYPE_SHAPES = [
  { code: 'STD', name: 'Standard Double', capacity: 2, rate: 9500 },
  { code: 'DLX', name: 'Deluxe King', capacity: 2, rate: 14500 },
  { code: 'FAM', name: 'Family Suite', capacity: 4, rate: 19900 },
];
const FIRST_NAMES = ['Ana', 'Bruno', 'Chloe', 'David', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi',
  'Lena', 'Mateo', 'Nadia', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei', 'Yara', 'Zoe'];
const LAST_NAMES = ['Almeida', 'Brown', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ibrahim',
  'Jensen', 'Kowalski', 'Lopez', 'Martin', 'Novak', 'Okafor', 'Petrov', 'Quist', 'Rossi', 'Silva', 'Tanaka',
  'Ueda', 'Varga', 'Weber', 'Xu', 'Young', 'Zimmermann'];
const NATIONALITIES = ['PT', 'GB', 'DE', 'FR', 'ES', 'US', 'BR', 'JP', 'NL', 'IT'];

// --- arguments --------------------------------------------------------------------------

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      api: { type: 'string' },
      database: { type: 'string' },
      tenants: { type: 'string', default: '10' },
      'reservations-per-tenant': { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      'guests-per-tenant': { type: 'string', default: '500' },
      'properties-per-tenant': { type: 'string', default: '2' },
      'room-types-per-property': { type: 'string', default: '3' },
      'rooms-per-type': { type: 'string', default: '50' },
      from: { type: 'string', default: '2027-01-01' },
      out: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const int = (name, min, max) => {
    const v = values[name];
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not "${v}"`);
    }
    return Number(v);
  };
  if (!values.api) throw new UsageError('--api (the base URL of a running keycard) is required');
  if (!values.database) throw new UsageError('--database (the database that keycard serves) is required');
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(values.database)) {
    throw new UsageError('--database must be sqlite:<path> or a postgresql:// URL');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.from) || Number.isNaN(Date.parse(`${values.from}T00:00:00Z`))) {
    throw new UsageError(`--from must be a date YYYY-MM-DD, not "${values.from}"`);
  }
  const opts = {
    api: values.api.replace(/\/+$/, ''),
    database: values.database,
    backend: values.database.startsWith('sqlite:') ? 'sqlite' : 'postgres',
    tenants: int('tenants', 1, 100_000),
    reservations: int('reservations-per-tenant', 0, 1_000_000),
    seed: int('seed', 0, 0xffffffff),
    guests: int('guests-per-tenant', 1, 1_000_000),
    properties: int('properties-per-tenant', 1, 50),
    roomTypes: int('room-types-per-property', 1, 50),
    rooms: int('rooms-per-type', 1, 999),
    from: values.from,
    out: values.out,
  };
  // SQLite: the server hashes the manager's password inside the write
  // transaction, so parallel creations only wait for each other's lock.
  if (values.concurrency === undefined) values.concurrency = opts.backend === 'sqlite' ? '1' : '2';
  opts.concurrency = int('concurrency', 1, 32);
  opts.adminEmail = process.env.KEYCARD_BOOTSTRAP_ADMIN_EMAIL;
  opts.adminPassword = process.env.KEYCARD_BOOTSTRAP_ADMIN_PASSWORD;
  if (!opts.adminEmail || !opts.adminPassword) {
    throw new UsageError('set KEYCARD_BOOTSTRAP_ADMIN_EMAIL and KEYCARD_BOOTSTRAP_ADMIN_PASSWORD (the platform admin)');
  }
  opts.managerPassword = process.env.BENCH_MANAGER_PASSWORD || DEFAULT_MANAGER_PASSWORD;
  return opts;
}

class UsageError extends Error {}

// --- determinism ------------------------------------------------------------------------

// splitmix32: spreads (seed, tenant) into well-mixed 32-bit words for sfc32.
function splitmix32(state) {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

// sfc32 (128-bit state) rather than mulberry32 (32-bit state): streams of
// different tenants must not overlap, and 32-bit states would, at 1,000
// tenants of ~50,000 draws each.
function rngFor(seed, tenant) {
  const mix = splitmix32((seed ^ Math.imul(tenant, 0x27d4eb2d)) >>> 0);
  let a = mix(), b = mix(), c = mix(), d = mix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    float: next,
    int: (n) => Math.floor(next() * n), // 0 .. n-1
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const hex = (n, width) => n.toString(16).padStart(width, '0');

// A version-8 (custom) UUID: seed word, kind, tenant number, row number.
// Unique across tenants and kinds, the same for the same seed.
const KIND = { property: 1, roomType: 2, room: 3, guest: 4, reservation: 5, history: 6, payment: 7 };
function makeId(seedWord, kind, tenant, row) {
  const t = hex(tenant, 5);
  const r = hex(row, 15);
  return `${seedWord}-${hex(kind, 2)}${t.slice(0, 2)}-8${t.slice(2)}-8${r.slice(0, 3)}-${r.slice(3)}`;
}

const DAY_MS = 86_400_000;
const dayString = (ms) => new Date(ms).toISOString().slice(0, 10);
// RFC 3339 UTC with microseconds, the text the server writes on SQLite.
const timestamp = (ms) => `${new Date(ms).toISOString().slice(0, 19)}.000000Z`;

// --- one tenant's rows ---------------------------------------------------------------------

const COLUMNS = {
  properties: ['tenant_id', 'id', 'name', 'code', 'timezone', 'currency', 'address', 'check_in_time', 'check_out_time',
    'status', 'business_date', 'created_by', 'updated_by', 'created_at', 'updated_at', 'version'],
  room_types: ['tenant_id', 'id', 'property_id', 'code', 'name', 'description', 'capacity', 'base_rate_minor',
    'created_by', 'updated_by', 'created_at', 'updated_at', 'version'],
  rooms: ['tenant_id', 'id', 'property_id', 'room_type_id', 'room_number', 'floor', 'status', 'occupied', 'notes',
    'created_by', 'updated_by', 'created_at', 'updated_at', 'version'],
  guests: ['tenant_id', 'id', 'first_name', 'last_name', 'email', 'phone', 'id_type', 'id_number', 'nationality',
    'notes', 'erased_at', 'created_by', 'updated_by', 'created_at', 'updated_at', 'version'],
  reservations: ['tenant_id', 'id', 'property_id', 'room_type_id', 'room_id', 'guest_id', 'confirmation_number',
    'status', 'check_in_date', 'check_out_date', 'adults', 'children', 'rate_minor', 'currency', 'notes',
    'cancel_reason', 'checked_in_at', 'checked_out_at', 'cancelled_at', 'created_by', 'updated_by', 'created_at',
    'updated_at', 'version'],
  reservation_status_history: ['tenant_id', 'id', 'reservation_id', 'from_status', 'to_status', 'reason',
    'changed_by', 'changed_at'],
  payments: ['tenant_id', 'id', 'reservation_id', 'kind', 'refund_of', 'amount_minor', 'currency', 'method',
    'reference', 'reason', 'created_by', 'created_at'],
};
const TABLE_ORDER = Object.keys(COLUMNS);

function pickStatus(rng) {
  let x = rng.float();
  for (const [status, share] of STATUS_SHARES) {
    if (x < share) return status;
    x -= share;
  }
  return STATUS_SHARES[0][0];
}

// Builds the rows of tenant number `n` (1-based) as {table: [row arrays]},
// plus what bench/run needs to address them.
function tenantRows(opts, n, tenantId, managerId, seedWord) {
  const rng = rngFor(opts.seed, n);
  const id = (kind, row) => makeId(seedWord, kind, n, row);
  const base = Date.parse(`${opts.from}T00:00:00Z`);
  const setupAt = timestamp(base - 240 * DAY_MS);
  const rows = Object.fromEntries(TABLE_ORDER.map((t) => [t, []]));
  const properties = [];
  let roomRow = 0, typeRow = 0;
  for (let p = 0; p < opts.properties; p++) {
    const shape = PROPERTY_SHAPES[p % PROPERTY_SHAPES.length];
    const suffix = p < PROPERTY_SHAPES.length ? '' : String(Math.floor(p / PROPERTY_SHAPES.length) + 1);
    const property = { id: id(KIND.property, p), code: shape.code + suffix, currency: shape.currency, types: [] };
    rows.properties.push([tenantId, property.id, `${shape.name}${suffix ? ` ${suffix}` : ''}`, property.code,
      shape.timezone, shape.currency, `${10 + p} Main Street, ${shape.city}`, '15:00', '11:00', 'active',
      setupAt.slice(0, 10), managerId, managerId, setupAt, setupAt, 1]);
    for (let t = 0; t < opts.roomTypes; t++) {
      const ts = ROOM_TYPE_SHAPES[t % ROOM_TYPE_SHAPES.length];
      const tsuffix = t < ROOM_TYPE_SHAPES.length ? '' : String(Math.floor(t / ROOM_TYPE_SHAPES.length) + 1);
      const type = { id: id(KIND.roomType, typeRow++), code: ts.code + tsuffix, capacity: ts.capacity, rate: ts.rate,
        rooms: [] };
      rows.room_types.push([tenantId, type.id, property.id, type.code, `${ts.name}${tsuffix ? ` ${tsuffix}` : ''}`,
        null, ts.capacity, ts.rate, managerId, managerId, setupAt, setupAt, 1]);
      for (let r = 0; r < opts.rooms; r++) {
        const roomId = id(KIND.room, roomRow++);
        const floor = t + 1;
        rows.rooms.push([tenantId, roomId, property.id, type.id, `${floor}${String(r + 1).padStart(3, '0')}`, floor,
          'clean', false, null, managerId, managerId, setupAt, setupAt, 1]);
        type.rooms.push(roomId);
      }
      property.types.push(type);
    }
    properties.push(property);
  }

  const guestIds = [];
  for (let g = 0; g < opts.guests; g++) {
    const first = rng.pick(FIRST_NAMES), last = rng.pick(LAST_NAMES);
    const guestId = id(KIND.guest, g);
    const at = timestamp(base - (230 - (g % 40)) * DAY_MS + g * 1000);
    rows.guests.push([tenantId, guestId, first, last, `${first}.${last}.${g}@guest.test`.toLowerCase(),
      `+351 21 ${String(1_000_000 + rng.int(9_000_000))}`, null, null, rng.pick(NATIONALITIES), null, null,
      managerId, managerId, at, at, 1]);
    guestIds.push(guestId);
  }

  // Rooms are assigned first-fit from a random start per stay, on one
  // occupancy grid per room type: active stays never share a room night;
  // cancelled stays keep a room without holding it.
  const allTypes = properties.flatMap((p) => p.types.map((t) => ({ property: p, type: t })));
  const gridDays = YEAR_DAYS + NIGHTS_MAX;
  const grids = new Map(allTypes.map(({ type }) => [type.id, new Uint8Array(type.rooms.length * gridDays)]));
  const confirmations = new Set();
  const reservationIds = [];
  let historyRow = 0, paymentRow = 0;
  for (let i = 0; i < opts.reservations; i++) {
    const { property, type } = rng.pick(allTypes);
    let status = pickStatus(rng);
    let day = rng.int(YEAR_DAYS);
    let nights = 1 + rng.int(NIGHTS_MAX);
    let room = null;
    const grid = grids.get(type.id);
    const free = (k, d, len) => {
      for (let x = d; x < d + len; x++) if (grid[k * gridDays + x]) return false;
      return true;
    };
    if (status === 'cancelled') {
      room = rng.int(type.rooms.length);
    } else {
      // A full room type on those nights: other dates (a sold-out week just
      // moves the demand), and a cancelled stay after many tries.
      for (let attempt = 0; attempt < 50 && room === null; attempt++) {
        if (attempt > 0) {
          day = rng.int(YEAR_DAYS);
          nights = 1 + rng.int(NIGHTS_MAX);
        }
        const start = rng.int(type.rooms.length);
        for (let k = 0; k < type.rooms.length; k++) {
          const candidate = (start + k) % type.rooms.length;
          if (free(candidate, day, nights)) {
            room = candidate;
            break;
          }
        }
      }
      if (room === null) {
        status = 'cancelled';
        room = rng.int(type.rooms.length);
      } else {
        grid.fill(1, room * gridDays + day, room * gridDays + day + nights);
      }
    }
    const checkIn = base + day * DAY_MS;
    // Booked in the half year before --from: with a fixed --from, a booking
    // made "before its check-in" could lie in the future of the run.
    const createdMs = base - (1 + rng.int(180)) * DAY_MS + rng.int(DAY_MS);
    const created = timestamp(createdMs);
    let confirmation;
    do {
      confirmation = `${property.code.replace(/[^A-Z0-9]/g, '').padEnd(3, 'X').slice(0, 3)}-`;
      for (let c = 0; c < 6; c++) confirmation += CONFIRMATION_ALPHABET[rng.int(CONFIRMATION_ALPHABET.length)];
    } while (confirmations.has(confirmation));
    confirmations.add(confirmation);
    const adults = 1 + rng.int(Math.min(2, type.capacity));
    const children = type.capacity > adults ? rng.int(type.capacity - adults + 1) : 0;
    const cancelledAt = status === 'cancelled' ? timestamp(createdMs + (1 + rng.int(72)) * 3_600_000) : null;
    const reservationId = id(KIND.reservation, i);
    const guestId = guestIds[rng.int(guestIds.length)];
    rows.reservations.push([tenantId, reservationId, property.id, type.id, type.rooms[room], guestId,
      confirmation, status, dayString(checkIn), dayString(checkIn + nights * DAY_MS), adults, children, type.rate,
      property.currency, null, status === 'cancelled' ? 'Guest request' : null, null, null, cancelledAt, managerId,
      managerId, created, cancelledAt ?? created, status === 'cancelled' ? 2 : 1]);
    reservationIds.push(reservationId);
    // The history the API would have written: booked (as confirmed or
    // pending), then cancelled.
    const first = status === 'pending' ? 'pending' : 'confirmed';
    rows.reservation_status_history.push([tenantId, id(KIND.history, historyRow++), reservationId, null, first, null,
      managerId, created]);
    if (status === 'cancelled') {
      rows.reservation_status_history.push([tenantId, id(KIND.history, historyRow++), reservationId, 'confirmed',
        'cancelled', 'Guest request', managerId, cancelledAt]);
    }
    // A deposit of one night on a third of the confirmed stays.
    if (status === 'confirmed' && rng.float() < 1 / 3) {
      rows.payments.push([tenantId, id(KIND.payment, paymentRow++), reservationId, 'payment', null, type.rate,
        property.currency, 'card', `DEP-${confirmation}`, null, managerId, timestamp(createdMs + 60_000)]);
    }
  }
  return { rows, properties, reservationIds, guestIds };
}

// --- database writers ----------------------------------------------------------------------

// A child process fed through stdin with back-pressure; rejects with its
// stderr when it fails.
function feeder(cmd, args) {
  const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-8000)));
  const exited = new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} failed (exit ${code ?? signal}): ${stderr.trim()}`));
    });
  });
  exited.catch(() => {});
  child.stdin.on('error', () => {}); // EPIPE after a failure: `exited` reports it
  let pending = '';
  return {
    async write(text) {
      pending += text;
      if (pending.length < 1 << 16) return;
      const chunk = pending;
      pending = '';
      if (!child.stdin.write(chunk)) {
        await Promise.race([once(child.stdin, 'drain'), exited]);
      }
    },
    async end() {
      if (pending) child.stdin.write(pending);
      child.stdin.end();
      await exited;
    },
    exited,
  };
}

// Runs each command through psql -c (each in its own transaction, so VACUUM
// may be one) and resolves with the output of the last.
function psqlOutput(url, commands) {
  const args = ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url];
  for (const c of commands) args.push('-c', c);
  const child = spawn('psql', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (err = (err + d).slice(-8000)));
  return new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`psql: ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`psql failed: ${err.trim()}`))));
  });
}

function pgValue(v) {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

function sqliteValue(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  return `'${String(v).replaceAll("'", "''")}'`;
}

function postgresWriter(url) {
  const psql = feeder('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', '-']);
  return {
    async begin() {
      // keycard.platform: the row-level security bypass, for a role that
      // is not a superuser.
      // synchronous_commit: the throwaway cluster commits asynchronously, and
      // VACUUM cannot mark a page all-visible while the commit of its rows
      // is not yet flushed; a synchronous commit of the load lets the VACUUM
      // below set the visibility map at once.
      await psql.write("BEGIN;\nSET LOCAL keycard.platform = 'on';\nSET LOCAL synchronous_commit = on;\n");
    },
    async table(name, rows) {
      if (rows.length === 0) return;
      await psql.write(`COPY ${name} (${COLUMNS[name].join(', ')}) FROM STDIN;\n`);
      for (const row of rows) await psql.write(`${row.map(pgValue).join('\t')}\n`);
      await psql.write('\\.\n');
    },
    async commit() {
      await psql.write('COMMIT;\n');
      await psql.end();
      // VACUUM sets the visibility map (index-only scans) and ANALYZE the
      // statistics, as autovacuum would a few minutes later: the benchmark
      // then does not depend on when autovacuum happens to run. A page is
      // only marked all-visible when no transaction still running could
      // miss its rows; another session's short transaction (the server's
      // report worker) can overlap a VACUUM, so it is repeated until the
      // map covers the loaded tables.
      const tables = TABLE_ORDER.join(', ');
      const names = TABLE_ORDER.map((t) => `'${t}'`).join(', ');
      const covered = `SELECT count(*) FROM pg_class WHERE relname IN (${names}) AND relpages > 0 AND relallvisible < relpages`;
      for (let attempt = 1; ; attempt++) {
        const left = await psqlOutput(url, [`VACUUM ANALYZE ${tables}`, covered]);
        if (left.trim() === '0') break;
        if (attempt === 20) {
          console.error(`[generate] warning: ${left.trim()} tables not all-visible after ${attempt} VACUUMs`);
          break;
        }
      }
    },
  };
}

function sqliteWriter(file) {
  const sqlite = feeder('sqlite3', ['-bail', '-batch', file]);
  const BATCH = 500;
  return {
    async begin() {
      // No ANALYZE afterwards: the server never runs it, so a real database
      // has no sqlite_stat1 either.
      await sqlite.write('.timeout 30000\nPRAGMA foreign_keys = ON;\nBEGIN IMMEDIATE;\n');
    },
    async table(name, rows) {
      const head = `INSERT INTO ${name} (${COLUMNS[name].join(', ')}) VALUES\n`;
      for (let i = 0; i < rows.length; i += BATCH) {
        const part = rows.slice(i, i + BATCH).map((row) => `(${row.map(sqliteValue).join(',')})`);
        await sqlite.write(`${head}${part.join(',\n')};\n`);
      }
    },
    async commit() {
      await sqlite.write('COMMIT;\n');
      await sqlite.end();
    },
  };
}

// --- API --------------------------------------------------------------------------------

async function api(opts, method, urlPath, { token, body } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(opts.api + urlPath, { method, headers, body: payload });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

const slugOf = (n) => `bench-t${String(n).padStart(5, '0')}`;
const managerEmail = (n) => `manager@${slugOf(n)}.bench.test`;

// A 503 (busy: SQLite's write lock not granted within the busy timeout) is
// retried as the answer asks; the retries are counted and reported, since
// they are a finding about the server, not noise.
async function createHotels(opts, adminToken) {
  const hotels = new Array(opts.tenants);
  let next = 1;
  let retries = 0;
  const worker = async () => {
    while (next <= opts.tenants) {
      const n = next++;
      const slug = slugOf(n);
      let res;
      for (let attempt = 0; ; attempt++) {
        res = await api(opts, 'POST', '/api/admin/hotels', {
          token: adminToken,
          body: {
            name: `Bench Hotel ${n}`,
            slug,
            type: 'INDEPENDENT',
            email: `contact@${slug}.bench.test`,
            manager: {
              email: managerEmail(n),
              first_name: 'Mia',
              last_name: `Manager ${n}`,
              password: opts.managerPassword,
            },
          },
        });
        if (res.status !== 503 || attempt === 5) break;
        retries++;
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') || 1)));
      }
      if (res.status !== 201 || !res.json?.id || !res.json?.manager_user_id) {
        throw new Error(`POST /api/admin/hotels ${slug} answered ${res.status}: ${res.text.slice(0, 300)}` +
          (res.status === 409 ? ' (generate into a fresh database)' : ''));
      }
      hotels[n - 1] = { n, id: res.json.id, slug, managerId: res.json.manager_user_id };
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.tenants) }, worker));
  if (retries > 0) process.stderr.write(`[generate] ${retries} hotel creations answered 503 and were retried\n`);
  return hotels;
}

// --- main -------------------------------------------------------------------------------

async function main() {
  const opts = readOptions(process.argv.slice(2));
  const t0 = Date.now();
  const login = await api(opts, 'POST', '/api/auth/login', {
    body: { email: opts.adminEmail, password: opts.adminPassword },
  });
  if (login.status !== 200 || !login.json?.access_token) {
    throw new Error(`admin login answered ${login.status}: ${login.text.slice(0, 300)}`);
  }
  const hotels = await createHotels(opts, login.json.access_token);
  const tHotels = Date.now();

  const seedWord = hex(splitmix32(opts.seed ^ 0x6b657963)(), 8);
  const writer = opts.backend === 'postgres' ? postgresWriter(opts.database) : sqliteWriter(opts.database.slice(7));
  const counts = Object.fromEntries(TABLE_ORDER.map((t) => [t, 0]));
  const tenants = [];
  let first;
  await writer.begin();
  for (const hotel of hotels) {
    const data = tenantRows(opts, hotel.n, hotel.id, hotel.managerId, seedWord);
    for (const table of TABLE_ORDER) {
      await writer.table(table, data.rows[table]);
      counts[table] += data.rows[table].length;
    }
    if (hotel.n === 1) first = data;
    tenants.push({
      n: hotel.n,
      id: hotel.id,
      slug: hotel.slug,
      manager: { email: managerEmail(hotel.n), user_id: hotel.managerId },
      properties: data.properties.map((p) => ({
        id: p.id,
        code: p.code,
        currency: p.currency,
        room_types: p.types.map((t) => ({ id: t.id, code: t.code, capacity: t.capacity, rooms: t.rooms.length })),
      })),
    });
  }
  await writer.commit();
  const tLoad = Date.now();

  const manifest = {
    backend: opts.backend,
    seed: opts.seed,
    from: opts.from,
    to: dayString(Date.parse(`${opts.from}T00:00:00Z`) + YEAR_DAYS * DAY_MS),
    tenants: opts.tenants,
    reservations_per_tenant: opts.reservations,
    guests_per_tenant: opts.guests,
    manager_password: opts.managerPassword,
    rows: counts,
    seconds: { hotels: (tHotels - t0) / 1000, load: (tLoad - tHotels) / 1000 },
    tenant_list: opts.tenants <= 100 ? tenants : tenants.slice(0, 100),
  };
  if (opts.out) {
    fs.mkdirSync(opts.out, { recursive: true });
    fs.writeFileSync(path.join(opts.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.writeFileSync(path.join(opts.out, 'reservation-ids.txt'), first.reservationIds.map((x) => `${x}\n`).join(''));
    fs.writeFileSync(path.join(opts.out, 'guest-ids.txt'), first.guestIds.map((x) => `${x}\n`).join(''));
    // property_id room_type_id capacity, one line per room type of tenant 1.
    fs.writeFileSync(path.join(opts.out, 'targets.txt'),
      first.properties.flatMap((p) => p.types.map((t) => `${p.id} ${t.id} ${t.capacity}\n`)).join(''));
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  process.stderr.write(
    `[generate] ${opts.backend}: ${opts.tenants} tenants through the API in ${manifest.seconds.hotels.toFixed(1)} s; ` +
      `${total} rows (${counts.reservations} reservations, ${counts.guests} guests, ${counts.rooms} rooms) ` +
      `in ${manifest.seconds.load.toFixed(1)} s\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`[generate] error: ${e instanceof UsageError ? e.message : e.stack || e.message}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
