// `npm test`: ESLint (`npm run lint`, zero warnings), Vitest (components,
// hooks, client) and then the end-to-end run (e2e/*.e2e.mjs: Debian's chromium
// against a real keycard on SQLite; KEYCARD_BIN picks the server binary).
// Prints one closing line over all parts, "Tests  N passed | N failed | N skipped (N)",
// where the lint counts as one test, and exits non-zero when any part failed
// or could not run.
//
// usage: node scripts/test.mjs [--unit-only | --e2e-only]   (--unit-only: lint and Vitest)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const runUnit = !args.has('--e2e-only');
const runE2e = !args.has('--unit-only');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keycard-web-test-'));

function run(cmd, cmdArgs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: WEB, stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve(1);
    });
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let failed = false;

if (runUnit) {
  console.log('===== lint (eslint, --max-warnings 0) =====');
  const code = await run(process.execPath, [path.join(WEB, 'node_modules/eslint/bin/eslint.js'), '.', '--max-warnings', '0']);
  if (code === 0) {
    console.log('lint: no problems');
    totals.passed += 1;
  } else {
    console.error('lint: failed');
    totals.failed += 1;
    failed = true;
  }
}

if (runUnit) {
  const report = path.join(tmp, 'vitest.json');
  const code = await run(process.execPath, [
    path.join(WEB, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (code !== 0) failed = true;
  try {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } catch {
    console.error('vitest wrote no report');
    totals.failed += 1;
    failed = true;
  }
}

if (runE2e) {
  const tap = path.join(tmp, 'e2e.tap');
  const files = fs
    .readdirSync(path.join(WEB, 'e2e'))
    .filter((f) => f.endsWith('.e2e.mjs'))
    .sort()
    .map((f) => path.join('e2e', f));
  console.log(`\n===== end-to-end (${files.length} files) =====`);
  const code = await run(process.execPath, [
    '--test',
    '--test-concurrency=1',
    '--test-timeout=240000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  if (code !== 0) failed = true;
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (key) => Number((text.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1] ?? NaN);
  if (Number.isNaN(count('pass'))) {
    console.error('the end-to-end run wrote no report');
    totals.failed += 1;
    failed = true;
  } else {
    totals.passed += count('pass');
    totals.failed += count('fail') + count('cancelled');
    totals.skipped += count('skipped') + count('todo');
  }
}

fs.rmSync(tmp, { recursive: true, force: true });
const all = totals.passed + totals.failed + totals.skipped;
const parts = [runUnit && 'lint', runUnit && 'vitest', runE2e && 'e2e'].filter(Boolean).join(' + ');
console.log(`\nweb (${parts}):`);
console.log(`      Tests  ${totals.passed} passed | ${totals.failed} failed | ${totals.skipped} skipped (${all})`);
process.exit(failed || totals.failed > 0 ? 1 : 0);
