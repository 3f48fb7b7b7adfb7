// docs/openapi.yaml against the router's table (`keycard routes`): every
// route is documented with its method, scope and permission, and every
// documented operation is a route. An undocumented route fails the build.
//
// No YAML library: the document keeps one layout (2-space indentation, path
// keys at 2 spaces, methods at 4, operation fields at 6), which this file
// reads line by line, and the reader checks itself against the number of
// operationIds so that a layout it does not understand fails loudly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/server.mjs';
import { routeKey, routeTable } from './lib/route-fixtures.mjs';

const SPEC_FILE = path.join(REPO_ROOT, 'docs/openapi.yaml');
const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace']);

const unquote = (s) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
const scalar = (s) => {
  const v = unquote(s.replace(/\s+#.*$/, ''));
  return v === 'null' || v === '~' || v === '' ? null : v;
};

// The lines of one top-level section (`paths:`, `components:`), numbered.
function section(lines, name) {
  const start = lines.findIndex((l) => l === `${name}:`);
  assert.ok(start >= 0, `docs/openapi.yaml has no top-level "${name}:" line`);
  const out = [];
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^\S/.test(l) && !l.startsWith('#')) break;
    out.push({ n: i + 1, text: l });
  }
  return out;
}

// {key: "GET /api/x", path, method, line, scope, permission, permissionSet, operationId}
function readOperations(lines) {
  const ops = [];
  let currentPath = null;
  let op = null;
  for (const { n, text } of section(lines, 'paths')) {
    let m;
    if ((m = /^ {2}(\S.*):\s*$/.exec(text))) {
      currentPath = unquote(m[1]);
      assert.ok(currentPath.startsWith('/'), `line ${n}: a path key must start with "/": ${text}`);
      op = null;
    } else if ((m = /^ {4}([a-z]+):\s*$/.exec(text)) && METHODS.has(m[1])) {
      assert.ok(currentPath, `line ${n}: a method outside a path`);
      op = { path: currentPath, method: m[1].toUpperCase(), line: n, permissionSet: false, scope: undefined };
      op.key = `${op.method} ${op.path}`;
      ops.push(op);
    } else if (/^ {4}\S/.test(text)) {
      op = null; // path-level field (parameters, summary, ...)
    } else if (op && (m = /^ {6}x-permission:(.*)$/.exec(text))) {
      op.permission = scalar(m[1]);
      op.permissionSet = true;
    } else if (op && (m = /^ {6}x-scope:(.*)$/.exec(text))) {
      op.scope = scalar(m[1]);
    } else if (op && (m = /^ {6}operationId:(.*)$/.exec(text))) {
      op.operationId = scalar(m[1]);
    }
  }
  return ops;
}

// {schemas: Set(names), responses: ..., parameters: ..., headers: ...}
function readComponents(lines) {
  const kinds = {};
  let kind = null;
  for (const { text } of section(lines, 'components')) {
    let m;
    if ((m = /^ {2}([A-Za-z]+):\s*$/.exec(text))) {
      kind = m[1];
      kinds[kind] = new Set();
    } else if (kind && (m = /^ {4}(['"]?)([A-Za-z0-9_.-]+)\1:/.exec(text))) {
      kinds[kind].add(m[2]);
    }
  }
  return kinds;
}

const lines = fs.readFileSync(SPEC_FILE, 'utf8').split(/\r?\n/);
const operations = readOperations(lines);

test('the reader understood the layout of docs/openapi.yaml', () => {
  const operationIds = lines.filter((l) => /^\s+operationId:/.test(l)).length;
  assert.ok(operations.length > 0, 'no operation found under paths:');
  assert.equal(
    operations.length,
    operationIds,
    'operations read differ from operationId lines: keep path keys at 2 spaces, methods at 4, fields at 6',
  );
  for (const op of operations) {
    assert.ok(op.operationId, `${op.key} (line ${op.line}) has no operationId`);
    assert.ok(op.permissionSet, `${op.key} (line ${op.line}) has no x-permission (use null when none)`);
    assert.ok(op.scope, `${op.key} (line ${op.line}) has no x-scope`);
  }
});

test('every route of `keycard routes` is documented with its method, scope and permission', async () => {
  const routes = await routeTable();
  const documented = new Map(operations.map((op) => [op.key, op]));
  const missing = routes.filter((r) => !documented.has(routeKey(r))).map(routeKey);
  assert.deepEqual(missing, [], `routes missing from docs/openapi.yaml:\n  ${missing.join('\n  ')}`);
  const wrong = [];
  for (const r of routes) {
    const op = documented.get(routeKey(r));
    const permission = r.permission === '' ? null : r.permission;
    if (op.permission !== permission) {
      wrong.push(`${routeKey(r)}: x-permission ${op.permission} (line ${op.line}), the route needs ${permission}`);
    }
    if (op.scope !== r.scope) wrong.push(`${routeKey(r)}: x-scope ${op.scope} (line ${op.line}), the route is ${r.scope}`);
  }
  assert.deepEqual(wrong, [], `documentation differs from the route table:\n  ${wrong.join('\n  ')}`);
});

test('every documented operation is a route, documented once', async () => {
  const routes = new Set((await routeTable()).map(routeKey));
  const keys = operations.map((op) => op.key);
  const gone = keys.filter((k) => !routes.has(k));
  assert.deepEqual(gone, [], `documented operations the server does not have:\n  ${gone.join('\n  ')}`);
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  assert.deepEqual(repeated, [], `operations documented twice: ${repeated.join(', ')}`);
  const ids = operations.map((op) => op.operationId);
  const clashes = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(clashes, [], `operationIds used twice: ${clashes.join(', ')}`);
});

test('every $ref of docs/openapi.yaml names a component that exists', () => {
  const components = readComponents(lines);
  const broken = [];
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/\$ref:\s*(['"]?)([^'"\s]+)\1/g)) {
      const ref = /^#\/components\/([A-Za-z]+)\/([A-Za-z0-9_.-]+)$/.exec(m[2]);
      if (!ref || !components[ref[1]]?.has(ref[2])) broken.push(`line ${i + 1}: ${m[2]}`);
    }
  });
  assert.ok(components.schemas?.size > 0, 'no components/schemas found');
  assert.deepEqual(broken, [], `unresolved $ref:\n  ${broken.join('\n  ')}`);
});
