// docs/openapi.yaml against the router's table (`keycard routes`): every
// route is documented with its method, scope and permission, and every
// documented operation is a route. An undocumented route fails the build.
//
// lib/openapi.mjs reads the document's one layout line by line, and the
// first test checks the reader against the number of operationIds and
// against a real YAML parser, so that a layout it does not understand fails
// loudly. The last test compiles every response schema with Ajv, as
// lib/contract.mjs does when it checks the answers of every suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import YAML from 'yaml';
import { compileAllResponseSchemas } from './lib/contract.mjs';
import { SPEC_FILE, readComponents, readOperations, specLines } from './lib/openapi.mjs';
import { routeKey, routeTable } from './lib/route-fixtures.mjs';

const lines = specLines();
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
  // The same operations, scopes and permissions as a YAML parser reads.
  const doc = YAML.parse(fs.readFileSync(SPEC_FILE, 'utf8'));
  const parsed = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      parsed.push(`${method.toUpperCase()} ${p} ${op.operationId} ${op['x-scope']} ${op['x-permission']}`);
    }
  }
  const read = operations.map((op) => `${op.key} ${op.operationId} ${op.scope} ${op.permission}`);
  assert.deepEqual(read.sort(), parsed.sort(), 'the line reader and the YAML parser read different operations');
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

test('every JSON response schema of docs/openapi.yaml compiles (OpenAPI 3.1: JSON Schema 2020-12, Ajv strict)', () => {
  const n = compileAllResponseSchemas();
  assert.ok(n > 100, `only ${n} response schemas compiled`);
});
