// Reports in both panels (API.md "Reports", issue 10): the catalogue, the
// figures of occupancy/revenue computed by hand on a small fixture, each
// file format opened by a real reader (CSV parsed, XLSX by openpyxl, PDF by
// pdftotext), background jobs with their file equal to the direct download,
// permissions, validation, tenant isolation of jobs, and the audit entry.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { addDays, book, dateIn, hotelTenant, ok, setupProperty } from './lib/hotel.mjs';
import { hotelStaff } from './lib/platform.mjs';
import { startServer } from './lib/server.mjs';

// Debian's python3 has python3-openpyxl; a python3 earlier on PATH may not.
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function runTool(cmd, args, input) {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

function tempFile(bytes, ext) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-report-')), `report.${ext}`);
  fs.writeFileSync(file, bytes);
  return file;
}

// RFC 4180 parser: quoted fields with doubled quotes, CRLF records.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// Every sheet's cells as [type, value] pairs, read by openpyxl.
async function readXlsx(bytes) {
  const file = tempFile(bytes, 'xlsx');
  const script = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            t = type(v).__name__
            if isinstance(v, (datetime.datetime, datetime.date)):
                v = v.isoformat()
            cells.append([t, v])
        rows.append(cells)
    out[ws.title] = {"rows": rows, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref}
print(json.dumps(out))
`;
  return JSON.parse(await runTool(PYTHON, ['-c', script, file]));
}

const poll = async (fn, done, what) => {
  for (;;) {
    const value = await fn();
    if (done(value)) return value;
    if (value?.status === 'failed') throw new Error(`${what}: job failed: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('reports', () => {
  let server;
  let admin;
  let A; // tenant with the fixture
  let B; // another tenant
  let s; // A's property
  let D; // first night of the fixture
  let accountant;
  let desk;

  const report = (t, id, format, parameters, query = '') =>
    server.request('POST', `/api/hotel/reports/${id}${query}`, { token: t.token ?? t, body: { format, parameters } });

  before(async () => {
    server = await startServer({ env: { KEYCARD_REPORT_SYNC_ROWS: '50' } });
    admin = await adminToken(server);
    A = await hotelTenant(server, admin);
    B = await hotelTenant(server, admin);
    // 3 rooms at 100.00; room 3 out of order. Night D: A (room 1) + B (room type only, 120.00);
    // night D+1: A only; C (room 2) is cancelled and sells nothing.
    s = await setupProperty(A, { rooms: 3, rate: 10000 });
    D = dateIn(s.property.timezone, 20);
    await ok(A.req('POST', `/api/hotel/rooms/${s.rooms[2].id}/status`, { status: 'out_of_order' }), 200, 'out of order');
    const resC = await book(A, s, { room_id: s.rooms[1].id, check_in_date: D, check_out_date: addDays(D, 2) });
    await ok(A.req('POST', `/api/hotel/reservations/${resC.id}/cancel`, { reason: 'Plans changed' }), 200, 'cancel');
    const resA = await book(A, s, { room_id: s.rooms[0].id, check_in_date: D, check_out_date: addDays(D, 2) });
    await book(A, s, { check_in_date: D, check_out_date: addDays(D, 1), rate_minor: 12000 });
    await ok(A.req('POST', `/api/hotel/reservations/${resA.id}/payments`, { amount_minor: 5000, method: 'card' }), 201, 'pay');
    // Guests who type formulas and non-Latin names.
    for (const [first, last, night] of [
      ['=HYPERLINK("http://evil.test")', 'Formula', 41],
      ['Иван', 'Петров', 40],
      ['王', '小明', 40],
    ]) {
      const g = await ok(A.req('POST', '/api/hotel/guests', { first_name: first, last_name: last }), 201, 'guest');
      await book(A, { ...s, guest: g }, { check_in_date: addDays(D, night), check_out_date: addDays(D, night + 1) });
    }
    accountant = await hotelStaff(server, A.token, ['accountant']);
    desk = await hotelStaff(server, A.token, ['front-desk']);
  });
  after(async () => {
    await server?.stop();
  });

  test('the catalogue lists every report with its parameters, in both panels', async () => {
    const hotel = assertStatus(await server.request('GET', '/api/hotel/reports', { token: A.token }), 200);
    const ids = hotel.items.map((r) => r.id);
    for (const id of ['occupancy', 'revenue', 'reservations', 'arrivals', 'departures', 'in-house', 'cancellations',
      'payments', 'incidents', 'audit']) {
      assert.ok(ids.includes(id), `hotel catalogue lacks ${id}: ${ids}`);
    }
    const occ = hotel.items.find((r) => r.id === 'occupancy');
    assert.deepEqual(occ.formats, ['csv', 'xlsx', 'pdf', 'json']);
    assert.deepEqual(occ.parameters.map((p) => [p.name, p.type, p.required]), [
      ['property_id', 'uuid', false],
      ['from', 'date', true],
      ['to', 'date', true],
    ]);
    const platform = assertStatus(await server.request('GET', '/api/admin/reports', { token: admin }), 200);
    assert.deepEqual(platform.items.map((r) => r.id), ['hotels', 'impersonation-sessions', 'audit']);
  });

  test('occupancy, ADR and RevPAR match the hand-computed fixture', async () => {
    const body = assertStatus(
      await report(A, 'occupancy', 'json', { property_id: s.property.id, from: D, to: addDays(D, 1) }),
      200,
    );
    assert.deepEqual(body.columns.map((c) => c.name), ['date', 'property_code', 'rooms_available', 'rooms_sold',
      'occupancy_pct', 'room_revenue', 'adr', 'revpar', 'currency']);
    const code = s.property.code;
    assert.deepEqual(body.rows, [
      [D, code, 2, 2, '100.0', '220.00', '110.00', '110.00', 'EUR'],
      [addDays(D, 1), code, 2, 1, '50.0', '100.00', '100.00', '50.00', 'EUR'],
    ]);
    assert.deepEqual(body.totals, [[null, 'Total', 4, 3, '75.0', '320.00', '106.67', '80.00', 'EUR']]);

    const revenue = assertStatus(await report(A, 'revenue', 'json', { from: D, to: addDays(D, 1) }), 200);
    assert.deepEqual(revenue.columns.map((c) => c.name).slice(0, 2), ['property_code', 'nights']);
    assert.deepEqual(revenue.rows, [[code, 2, 4, 3, '75.0', '320.00', '106.67', '80.00', 'EUR']]);
  });

  test('a night with nothing sold has an empty ADR, and the day lists pick the right stays', async () => {
    const body = assertStatus(await report(A, 'occupancy', 'json', { from: addDays(D, 5), to: addDays(D, 5) }), 200);
    assert.deepEqual(body.rows[0].slice(2), [2, 0, '0.0', '0.00', null, '0.00', 'EUR']);
    const arrivals = assertStatus(await report(A, 'arrivals', 'json', { date: D }), 200);
    assert.equal(arrivals.rows.length, 2, 'A and B arrive on D; the cancelled C does not');
    const departures = assertStatus(await report(A, 'departures', 'json', { date: addDays(D, 2) }), 200);
    assert.equal(departures.rows.length, 1);
    const inHouse = assertStatus(await report(A, 'in-house', 'json', { date: addDays(D, 1) }), 200);
    assert.equal(inHouse.rows.length, 1);
    const cancelled = assertStatus(await report(A, 'cancellations', 'json', { from: D, to: D }), 200);
    assert.equal(cancelled.rows.length, 1);
    const cols = cancelled.columns.map((c) => c.name);
    assert.equal(cancelled.rows[0][cols.indexOf('reason')], 'Plans changed');
    assert.equal(cancelled.rows[0][cols.indexOf('status')], 'cancelled');
    const payments = assertStatus(await report(A, 'payments', 'json', { from: dateIn('UTC', -1), to: dateIn('UTC', 1) }), 200);
    assert.equal(payments.rows.length, 1);
    assert.deepEqual(payments.totals.map((r) => [r[3], r[5], r[6]]), [['card', '50.00', 'EUR']]);
  });

  test('CSV: a UTF-8 BOM, RFC 4180, the header row, and formulas neutralised', async () => {
    const res = await report(A, 'reservations', 'csv', { from: addDays(D, 40), to: addDays(D, 41) });
    assertStatus(res, 200, 'csv');
    assert.match(res.headers.get('content-type'), /^text\/csv/);
    assert.equal(
      res.headers.get('content-disposition'),
      `attachment; filename="reservations-${addDays(D, 40)}-${addDays(D, 41)}.csv"`,
    );
    assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.text.slice(1));
    assert.deepEqual(rows[0].slice(0, 3), ['confirmation_number', 'guest_name', 'property_code']);
    const names = rows.slice(1).map((r) => r[1]);
    assert.ok(names.includes('\'=HYPERLINK("http://evil.test") Formula'), `names: ${names}`);
    assert.ok(names.includes('Иван Петров'));
    assert.ok(names.includes('王 小明'));
  });

  test('XLSX: typed numeric and date cells, a frozen header, an autofilter and a parameters sheet', async () => {
    const res = await report(A, 'occupancy', 'xlsx', { from: D, to: addDays(D, 1) });
    assertStatus(res, 200, 'xlsx');
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = await readXlsx(res.bytes);
    const [sheetName] = Object.keys(book);
    const sheet = book[sheetName];
    assert.deepEqual(sheet.rows[0].map((c) => c[1]), ['date', 'property_code', 'rooms_available', 'rooms_sold',
      'occupancy_pct', 'room_revenue', 'adr', 'revpar', 'currency']);
    assert.equal(sheet.freeze, 'A2');
    assert.ok(sheet.filter, 'an autofilter');
    const first = sheet.rows[1];
    assert.equal(first[0][0], 'datetime', `date cell: ${JSON.stringify(first[0])}`);
    assert.ok(first[0][1].startsWith(D));
    assert.deepEqual(first.slice(2, 4).map((c) => c[0]), ['int', 'int']);
    assert.equal(first[5][1], 220);
    assert.ok(['int', 'float'].includes(first[5][0]));
    assert.equal(first[6][1], 110);
    const total = sheet.rows.find((r) => r[1][1] === 'Total');
    assert.ok(total, 'a totals row');
    assert.equal(total[5][1], 320);
    assert.ok(Object.keys(book).includes('Parameters'), `sheets: ${Object.keys(book)}`);
  });

  test('PDF: A4 landscape pages whose text holds Cyrillic and CJK names and the page numbers', async () => {
    const res = await report(A, 'arrivals', 'pdf', { date: addDays(D, 40) });
    assertStatus(res, 200, 'pdf');
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const file = tempFile(res.bytes, 'pdf');
    const text = await runTool('pdftotext', ['-layout', file, '-']);
    assert.match(text, /Иван Петров/);
    assert.match(text, /王 小明/);
    assert.match(text, /Page 1 of 1/);
    assert.match(text, new RegExp(A.hotel.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const info = await runTool('pdfinfo', [file]);
    const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+)/);
    assert.ok(size && Number(size[1]) > Number(size[2]), `landscape: ${size?.[0]}`);
  });

  test('bad input: unknown report 404, bad format and parameters 422 naming the field', async () => {
    assertProblem(await report(A, 'nonsense', 'csv', {}), 404, 'report_not_found');
    let p = assertProblem(await report(A, 'occupancy', 'docx', { from: D, to: D }), 422, 'validation_failed');
    assert.ok(p.errors.format);
    p = assertProblem(await report(A, 'occupancy', 'csv', { to: D }), 422);
    assert.ok(p.errors['parameters.from']);
    p = assertProblem(await report(A, 'occupancy', 'csv', { from: '2026-02-30', to: D }), 422);
    assert.ok(p.errors['parameters.from']);
    p = assertProblem(await report(A, 'occupancy', 'csv', { from: D, to: addDays(D, -1) }), 422);
    assert.ok(p.errors['parameters.to']);
    p = assertProblem(await report(A, 'occupancy', 'csv', { from: D, to: addDays(D, 366) }), 422);
    assert.ok(p.errors['parameters.to']);
    p = assertProblem(await report(A, 'occupancy', 'csv', { from: D, to: D, bogus: 'x' }), 422);
    assert.ok(p.errors['parameters.bogus']);
    const foreign = await setupProperty(B);
    const theirs = assertProblem(
      await report(A, 'occupancy', 'csv', { property_id: foreign.property.id, from: D, to: D }),
      422,
    );
    const unknown = assertProblem(
      await report(A, 'occupancy', 'csv', { property_id: '0190f0c4-0000-7000-8000-0000000000ff', from: D, to: D }),
      422,
    );
    assert.deepEqual(theirs.errors, unknown.errors);
    assert.ok(theirs.errors['parameters.property_id']);
    assertProblem(await report(A, 'occupancy', 'json', { from: D, to: D }, '?async=true'), 422);
  });

  test('the Front Desk gets 403 and the Accountant 200', async () => {
    assertProblem(await report(desk, 'payments', 'csv', { from: D, to: D }), 403, 'missing_permission');
    assertProblem(await server.request('GET', '/api/hotel/reports', { token: desk.token }), 403);
    assertStatus(await report(accountant, 'payments', 'csv', { from: D, to: D }), 200, 'accountant');
  });

  test("an async job's file equals the direct download; another tenant's job is a 404", async () => {
    const params = { from: D, to: addDays(D, 45) };
    const direct = await report(accountant, 'reservations', 'csv', params);
    assertStatus(direct, 200, 'direct');
    const res = await report(accountant, 'reservations', 'csv', params, '?async=true');
    const job = assertStatus(res, 202, 'async');
    assert.equal(res.headers.get('location'), `/api/hotel/reports/jobs/${job.job_id}`);
    const done = await poll(
      async () => assertStatus(await server.request('GET', `/api/hotel/reports/jobs/${job.job_id}`, { token: accountant.token }), 200),
      (j) => j.status === 'done',
      'async csv',
    );
    assert.equal(done.progress, 100);
    assert.equal(done.rows, parseCsv(direct.text.slice(1)).length - 2, 'rows (header and totals excluded)');
    const file = await server.request('GET', `/api/hotel/reports/jobs/${job.job_id}/file`, { token: accountant.token });
    assertStatus(file, 200, 'file');
    assert.equal(file.headers.get('content-disposition'), direct.headers.get('content-disposition'));
    assert.ok(file.bytes.equals(direct.bytes), 'the job file is byte for byte the direct download');

    const list = assertStatus(await server.request('GET', '/api/hotel/reports/jobs', { token: accountant.token }), 200);
    assert.ok(list.items.some((j) => j.id === job.job_id));
    const theirList = assertStatus(await server.request('GET', '/api/hotel/reports/jobs', { token: B.token }), 200);
    assert.ok(!theirList.items.some((j) => j.id === job.job_id));
    assertProblem(await server.request('GET', `/api/hotel/reports/jobs/${job.job_id}`, { token: B.token }), 404, 'job_not_found');
    assertProblem(await server.request('GET', `/api/hotel/reports/jobs/${job.job_id}/file`, { token: B.token }), 404);
    assertProblem(await server.request('GET', `/api/admin/reports/jobs/${job.job_id}`, { token: admin }), 404);
  });

  test('over the sync row limit the answer is 202 and a JSON preview is truncated', async () => {
    // Every export, a preview too, is audited: enough entries to pass the limit of 50.
    for (let i = 0; i < 25; i++) assertStatus(await report(A, 'arrivals', 'json', { date: D }), 200);
    const res = await report(A, 'audit', 'csv', { from: dateIn('UTC', -1), to: dateIn('UTC', 1) });
    const job = assertStatus(res, 202, 'audit over the limit');
    await poll(
      async () => assertStatus(await server.request('GET', `/api/hotel/reports/jobs/${job.job_id}`, { token: A.token }), 200),
      (j) => j.status === 'done',
      'audit job',
    );
    const preview = assertStatus(await report(A, 'audit', 'json', { from: dateIn('UTC', -1), to: dateIn('UTC', 1) }), 200);
    assert.equal(preview.truncated, true);
    assert.equal(preview.rows.length, 50);
  });

  test('each export writes a report.exported audit entry with the report, format and parameters', async () => {
    await report(A, 'arrivals', 'csv', { date: D });
    const entries = assertStatus(
      await server.request('GET', '/api/hotel/audit-logs?action=report.exported&limit=100', { token: A.token }),
      200,
    );
    const e = entries.items.find((x) => x.changes?.report === 'arrivals' && x.changes?.format === 'csv');
    assert.ok(e, 'an entry for the arrivals export');
    assert.deepEqual(e.changes.parameters, { date: D });
    assert.equal(e.resource_type, 'report');
  });

  test('platform reports: hotels overview, impersonation sessions and the audit trail as CSV', async () => {
    const res = await server.request('POST', '/api/admin/reports/hotels', {
      token: admin,
      body: { format: 'csv', parameters: { from: D, to: addDays(D, 1) } },
    });
    assertStatus(res, 200, 'hotels');
    const rows = parseCsv(res.text.slice(1));
    assert.deepEqual(rows[0], ['name', 'slug', 'type', 'status', 'properties', 'rooms', 'users', 'reservations',
      'revenue', 'currency']);
    const mine = rows.find((r) => r[1] === A.hotel.slug);
    assert.ok(mine, 'tenant A is listed');
    assert.deepEqual(mine.slice(4), ['1', '3', '3', '2', '320.00', 'EUR']);
    for (const id of ['impersonation-sessions', 'audit']) {
      const r = await server.request('POST', `/api/admin/reports/${id}`, {
        token: admin,
        body: { format: 'json', parameters: { from: dateIn('UTC', -1), to: dateIn('UTC', 1) } },
      });
      assertStatus(r, 200, id);
    }
    assertProblem(await report(admin, 'occupancy', 'csv', { from: D, to: D }), 403, 'wrong_panel');
  });
});

describe('report jobs survive a crash', () => {
  let server;
  let A;
  const env = { KEYCARD_REPORT_LEASE_SECONDS: '2' };
  const ROWS = 400_000;

  before(async () => {
    server = await startServer({ env });
    A = await hotelTenant(server, await adminToken(server));
    // A large audit trail, written straight into the table (the export reads it; nothing verifies its chain here).
    const t = A.hotel.id;
    await server.sql(
      server.databaseUrl.startsWith('sqlite:')
        ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
           INSERT INTO audit_logs (id, tenant_id, chain_seq, action, resource_type, resource_id, changes, created_at, prev_hash, hash)
           SELECT printf('00000000-0000-7000-8000-%012d', i), '${t}', 1000000 + i, 'bulk.entry', 'bulk', 'r' || i,
                  '{"n":' || i || '}', strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'), '', '' FROM n;`
        : `INSERT INTO audit_logs (id, tenant_id, chain_seq, action, resource_type, resource_id, changes, created_at, prev_hash, hash)
           SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, '${t}', 1000000 + i, 'bulk.entry', 'bulk',
                  'r' || i, '{"n":' || i || '}', now(), '', '' FROM generate_series(1, ${ROWS}) i;`,
    );
  });
  after(async () => {
    await server?.stop();
  });

  test('a job killed mid-run (kill -9) finishes after the restart, then its file expires', async () => {
    const today = dateIn('UTC');
    const res = await A.req('POST', '/api/hotel/reports/audit?async=true', {
      format: 'xlsx',
      parameters: { from: today, to: today, action: 'bulk.entry' },
    });
    const job = assertStatus(res, 202, 'queue');
    const url = `/api/hotel/reports/jobs/${job.job_id}`;
    const get = async (h) => assertStatus(await h.request('GET', url, { token: A.token }), 200);
    const running = await poll(() => get(server), (j) => j.status === 'running' && j.rows > 0, 'running');
    assert.ok(running.progress < 100);
    await server.kill();

    const again = await server.startAnother({ env });  // the crashed handle's database and data dir
    const done = await poll(() => get(again), (j) => j.status === 'done', 'after restart');
    assert.equal(done.rows, ROWS);
    assert.equal(done.attempts, 2, 'taken up again once the dead worker lease ran out');
    const file = await again.request('GET', `${url}/file`, { token: A.token });
    assertStatus(file, 200, 'file');
    assert.deepEqual([...file.bytes.subarray(0, 2)], [0x50, 0x4b], 'a zip (XLSX) file');

    // Past its retention the file is deleted (the sweep runs at start, then every minute).
    await again.sql(`UPDATE report_jobs SET expires_at = '2000-01-01T00:00:00.000000Z' WHERE id = '${job.job_id}'`);
    await again.kill();
    const third = await server.startAnother({ env });
    await poll(
      async () => (await third.request('GET', `${url}/file`, { token: A.token })).status,
      (status) => status === 410,
      'expired',
    );
  });
});

describe('a queued report job waits for a worker, across a restart', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { KEYCARD_REPORT_WORKERS: '0' } });
  });
  after(async () => {
    await server?.stop();
  });

  test('an instance without workers queues; the next one with a worker runs the job', async () => {
    const A = await hotelTenant(server, await adminToken(server));
    const today = dateIn('UTC');
    const job = assertStatus(
      await A.req('POST', '/api/hotel/reports/audit?async=true', { format: 'csv', parameters: { from: today, to: today } }),
      202,
      'queue',
    );
    const url = `/api/hotel/reports/jobs/${job.job_id}`;
    assert.equal(assertStatus(await A.req('GET', url), 200).status, 'queued');
    assertProblem(await A.req('GET', `${url}/file`), 409, 'job_not_done');

    await server.kill();
    const again = await server.startAnother({ env: { KEYCARD_REPORT_WORKERS: '1' } });
    const get = async () => assertStatus(await again.request('GET', url, { token: A.token }), 200);
    const done = await poll(get, (j) => j.status === 'done', 'after restart');
    assert.equal(done.attempts, 1);
    const file = await again.request('GET', `${url}/file`, { token: A.token });
    assertStatus(file, 200, 'file');
    assert.match(parseCsv(file.text.slice(1))[0].join(','), /^created_at,actor_email/);
  });
});

describe('two instances share one job queue', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test('jobs queued on either instance each run once, and either instance serves their files', async () => {
    const other = await server.startAnother();
    const A = await hotelTenant(server, await adminToken(server));
    const today = dateIn('UTC');
    const ids = [];
    for (let i = 0; i < 6; i++) {
      const via = i % 2 ? other : server;
      const res = await via.request('POST', '/api/hotel/reports/audit?async=true', {
        token: A.token,
        body: { format: 'csv', parameters: { from: today, to: today } },
      });
      ids.push(assertStatus(res, 202, 'queue').job_id);
    }
    for (const [i, id] of ids.entries()) {
      const via = i % 2 ? server : other;
      const job = await poll(
        async () => assertStatus(await via.request('GET', `/api/hotel/reports/jobs/${id}`, { token: A.token }), 200),
        (j) => j.status === 'done',
        `job ${i}`,
      );
      assert.equal(job.attempts, 1, `job ${i} was claimed once`);
      assertStatus(await via.request('GET', `/api/hotel/reports/jobs/${id}/file`, { token: A.token }), 200, 'file');
    }
  });
});
