#!/usr/bin/env node
// Benchmark: exporting a tenant's audit trail of BENCH_ROWS entries (default
// 1,000,000) as CSV and as XLSX through background report jobs, side by side
// in one run. Prints the wall time, rows per second, file size and the
// server's peak resident memory (VmHWM) after each export, and appends one
// line per format to bench/results/reports.csv. Target: peak RSS < 200 MB.
//
// usage: node bench/reports.mjs   (after scripts/setup; BENCH_BACKEND=postgres
//        with KEYCARD_TEST_PG_ADMIN_URL set, as scripts/test does, for PostgreSQL)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
process.env.KEYCARD_TEST_BACKEND = process.env.BENCH_BACKEND || 'sqlite';
const { startServer, IS_POSTGRES, REPO_ROOT } = await import('../server/tests/integration/lib/server.mjs');
const { adminToken } = await import('../server/tests/integration/lib/api.mjs');
const { hotelTenant } = await import('../server/tests/integration/lib/hotel.mjs');

const memory = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};

const server = await startServer({ env: { KEYCARD_LOG_LEVEL: 'warn' } });
try {
  const A = await hotelTenant(server, await adminToken(server));
  const t = A.hotel.id;
  const started = Date.now();
  await server.sql(
    IS_POSTGRES
      ? `INSERT INTO audit_logs (id, tenant_id, chain_seq, action, resource_type, resource_id, changes, ip, request_id,
           created_at, prev_hash, hash)
         SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, '${t}', 1000000 + i, 'reservation.updated',
           'reservation', 'r' || i, '{"status":{"before":"confirmed","after":"checked_in"},"n":' || i || '}',
           '203.0.113.7', 'req-' || i, now(), '', '' FROM generate_series(1, ${ROWS}) i;`
      : `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
         INSERT INTO audit_logs (id, tenant_id, chain_seq, action, resource_type, resource_id, changes, ip, request_id,
           created_at, prev_hash, hash)
         SELECT printf('00000000-0000-7000-8000-%012d', i), '${t}', 1000000 + i, 'reservation.updated', 'reservation',
           'r' || i, '{"status":{"before":"confirmed","after":"checked_in"},"n":' || i || '}', '203.0.113.7',
           'req-' || i, strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'), '', '' FROM n;`,
  );
  console.log(`inserted ${ROWS} audit entries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const today = new Date().toISOString().slice(0, 10);
  const before = memory(server.pid);
  const results = [];
  for (const format of ['csv', 'xlsx']) {
    const t0 = Date.now();
    const res = await A.req('POST', '/api/hotel/reports/audit?async=true', {
      format,
      parameters: { from: today, to: today, action: 'reservation.updated' },
    });
    if (res.status !== 202) throw new Error(`export ${format}: ${res.status} ${res.text}`);
    let job;
    for (;;) {
      job = (await A.req('GET', `/api/hotel/reports/jobs/${res.json.job_id}`)).json;
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (job.status !== 'done') throw new Error(`export ${format} failed: ${job.error}`);
    const seconds = (Date.now() - t0) / 1000;
    const file = await A.req('GET', `/api/hotel/reports/jobs/${job.id}/file`);
    const mem = memory(server.pid);
    results.push({ format, rows: job.rows, seconds, bytes: file.bytes.length, peak: mem.peak });
  }
  console.log(`backend ${IS_POSTGRES ? 'postgres' : 'sqlite'}; server RSS before the exports ${before.rss.toFixed(0)} MB`);
  console.log('format  rows       seconds  rows/s     file MB  peak RSS MB (target < 200)');
  const commit = (() => {
    try {
      const head = execFileSync('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
      const dirty = execFileSync('git', ['-C', REPO_ROOT, 'status', '--porcelain']).toString().trim() ? '+dirty' : '';
      return head + dirty;
    } catch {
      return 'none';
    }
  })();
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'reports.csv');
  if (!fs.existsSync(out)) fs.writeFileSync(out, 'date,commit,backend,format,rows,seconds,rows_per_s,file_bytes,peak_rss_mb\n');
  for (const r of results) {
    console.log(
      `${r.format.padEnd(7)} ${String(r.rows).padEnd(10)} ${r.seconds.toFixed(1).padEnd(8)} ` +
        `${Math.round(r.rows / r.seconds).toString().padEnd(10)} ${(r.bytes / 1048576).toFixed(1).padEnd(8)} ${r.peak.toFixed(0)}`,
    );
    fs.appendFileSync(
      out,
      `${new Date().toISOString().slice(0, 19)}Z,${commit},${IS_POSTGRES ? 'postgres' : 'sqlite'},${r.format},${r.rows},` +
        `${r.seconds.toFixed(2)},${Math.round(r.rows / r.seconds)},${r.bytes},${r.peak.toFixed(1)}\n`,
    );
  }
  if (results.some((r) => r.peak >= 200)) {
    console.error('peak RSS over the 200 MB target');
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
