// A reader of docs/openapi.yaml for the integration tests, without a YAML
// library: the document keeps one layout (2-space indentation; path keys at 2
// spaces, methods at 4, operation fields at 6; component kinds at 2, their
// names at 4, a schema's fields at 6 and its properties at 8), which this
// module reads line by line. Readers that meet a layout they do not expect
// fail loudly instead of reading less.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './server.mjs';

export const SPEC_FILE = path.join(REPO_ROOT, 'docs/openapi.yaml');
const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace']);

const unquote = (s) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
const scalar = (s) => {
  const v = unquote(s.replace(/\s+#.*$/, ''));
  return v === 'null' || v === '~' || v === '' ? null : v;
};
const indent = (text) => /^ */.exec(text)[0].length;
const refName = (ref, kind) => {
  const m = new RegExp(`^#/components/${kind}/([A-Za-z0-9_.-]+)$`).exec(unquote(ref));
  assert.ok(m, `not a $ref to components/${kind}: ${ref}`);
  return m[1];
};

export function specLines(file = SPEC_FILE) {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/);
}

// The lines of one top-level section (`paths:`, `components:`), numbered.
export function section(lines, name) {
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

// The operations under paths:, each {key: "GET /api/x", path, method, line,
// scope, permission, permissionSet, operationId, body: [{n, text}]}; body
// holds the operation's lines below its method line.
export function readOperations(lines) {
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
      op = { path: currentPath, method: m[1].toUpperCase(), line: n, permissionSet: false, scope: undefined, body: [] };
      op.key = `${op.method} ${op.path}`;
      ops.push(op);
    } else if (/^ {4}\S/.test(text)) {
      assert.ok(!/^ {4}parameters:/.test(text), `line ${n}: path-level parameters are not read; put them on each operation`);
      op = null; // path-level field (summary, ...)
    } else if (op) {
      op.body.push({ n, text });
      if ((m = /^ {6}x-permission:(.*)$/.exec(text))) {
        op.permission = scalar(m[1]);
        op.permissionSet = true;
      } else if ((m = /^ {6}x-scope:(.*)$/.exec(text))) {
        op.scope = scalar(m[1]);
      } else if ((m = /^ {6}operationId:(.*)$/.exec(text))) {
        op.operationId = scalar(m[1]);
      }
    }
  }
  return ops;
}

// The lines of one component kind (`schemas`, `parameters`...), grouped by
// component name: Map(name -> [{n, text}]) of the lines below its name.
function componentBlocks(lines, kind) {
  const blocks = new Map();
  let inKind = false;
  let current = null;
  for (const { n, text } of section(lines, 'components')) {
    let m;
    if ((m = /^ {2}([A-Za-z]+):\s*$/.exec(text))) {
      inKind = m[1] === kind;
      current = null;
    } else if (inKind && (m = /^ {4}(['"]?)([A-Za-z0-9_.-]+)\1:\s*$/.exec(text))) {
      current = [];
      blocks.set(m[2], current);
    } else if (inKind && current) {
      current.push({ n, text });
    }
  }
  return blocks;
}

// {schemas: Set(names), responses: ..., parameters: ..., headers: ...}
export function readComponents(lines) {
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

// The `name` and `in` fields of a parameter object: the lines from `from` on,
// while they stay indented by at least `at` spaces (`- name:` counts as `at`).
function parameterAt(block, from, at) {
  const p = {};
  for (let j = from; j < block.length; j++) {
    const { text } = block[j];
    if (j > from && (indent(text) < at || (indent(text) === at - 2 && /^\s*- /.test(text)))) break;
    const m = /^\s*(?:- )?(name|in):(.*)$/.exec(text);
    if (m && p[m[1]] === undefined) p[m[1]] = scalar(m[2]);
  }
  return p;
}

// Every parameter of every operation, resolved through components/parameters:
// Map(op.key -> [{name, in}]).
export function readParameters(lines, operations = readOperations(lines)) {
  const shared = new Map();
  for (const [name, block] of componentBlocks(lines, 'parameters')) {
    const p = parameterAt(block, 0, 6);
    assert.ok(p.name && p.in, `components/parameters/${name}: no name or in at 6 spaces`);
    shared.set(name, p);
  }
  const out = new Map();
  for (const op of operations) {
    const params = [];
    const start = op.body.findIndex(({ text }) => /^ {6}parameters:\s*$/.test(text));
    if (start >= 0) {
      for (let i = start + 1; i < op.body.length; i++) {
        const { n, text } = op.body[i];
        if (indent(text) <= 6 && !/^ {6}- /.test(text)) break;
        let m;
        if ((m = /^ {6}- \$ref:(.*)$/.exec(text))) {
          const name = refName(m[1], 'parameters');
          assert.ok(shared.has(name), `line ${n}: no components/parameters/${name}`);
          params.push({ ...shared.get(name) });
        } else if (/^ {6}- name:/.test(text)) {
          const p = parameterAt(op.body, i, 8);
          assert.ok(p.name && p.in, `line ${n}: a parameter without name or in`);
          params.push(p);
        } else {
          assert.ok(!/^ {6}- /.test(text), `line ${n}: a parameter item the reader does not understand: ${text}`);
        }
      }
    }
    out.set(op.key, params);
  }
  return out;
}

// One schema's shape: {type, ref, properties: {name: {type, ref, items: {type, ref}}}}.
// `type` is the list of types (`[string, 'null']` -> ['string', 'null']).
function schemaShape(block, base) {
  const types = (v) => (v === null ? [] : v.replace(/^\[|\]$/g, '').split(',').map((t) => unquote(t.trim())));
  const shape = { type: [], properties: {} };
  let prop = null;
  let inProps = false;
  let inItems = false;
  for (const { text } of block) {
    const at = indent(text) - base;
    let m;
    if (at === 0) {
      inProps = /^\s*properties:\s*$/.test(text);
      prop = null;
      if ((m = /^\s*type:(.*)$/.exec(text))) shape.type = types(scalar(m[1]));
      else if ((m = /^\s*\$ref:(.*)$/.exec(text))) shape.ref = refName(m[1], 'schemas');
    } else if (inProps && at === 2 && (m = /^\s*(['"]?)([A-Za-z0-9_]+)\1:\s*$/.exec(text))) {
      prop = { type: [], items: null };
      shape.properties[m[2]] = prop;
      inItems = false;
    } else if (prop && at === 4 && /^\s*- \$ref:/.test(text)) {
      prop.ref ??= refName(text.replace(/^\s*- \$ref:/, ''), 'schemas'); // allOf: [{$ref}]
    } else if (prop && at === 4) {
      inItems = /^\s*items:\s*$/.test(text);
      if (inItems) prop.items = { type: [] };
      if ((m = /^\s*type:(.*)$/.exec(text))) prop.type = types(scalar(m[1]));
      else if ((m = /^\s*\$ref:(.*)$/.exec(text))) prop.ref = refName(m[1], 'schemas');
    } else if (prop && inItems && at === 6) {
      if ((m = /^\s*type:(.*)$/.exec(text))) prop.items.type = types(scalar(m[1]));
      else if ((m = /^\s*\$ref:(.*)$/.exec(text))) prop.items.ref = refName(m[1], 'schemas');
    }
  }
  return shape;
}

export function readSchemas(lines) {
  const out = new Map();
  for (const [name, block] of componentBlocks(lines, 'schemas')) out.set(name, schemaShape(block, 6));
  return out;
}

// The request-body schema of every operation that has one: Map(op.key -> name).
export function readRequestBodies(lines, operations = readOperations(lines)) {
  const out = new Map();
  for (const op of operations) {
    const start = op.body.findIndex(({ text }) => /^ {6}requestBody:\s*$/.test(text));
    if (start < 0) continue;
    let schema = null;
    for (let i = start + 1; i < op.body.length && indent(op.body[i].text) > 6; i++) {
      const m = /^ {14}\$ref:(.*)$/.exec(op.body[i].text);
      if (m && / {12}schema:\s*$/.test(op.body[i - 1].text)) schema = refName(m[1], 'schemas');
    }
    assert.ok(schema, `${op.key} (line ${op.line}): a requestBody without a $ref schema under content/application/json`);
    out.set(op.key, schema);
  }
  return out;
}

// The JSON string fields a schema documents, as paths: ['name'],
// ['manager', 'email'] for a nested object, ['roles', 0] for an array of
// strings. Enum schemas named by $ref count as strings.
export function stringFields(schemas, name, seen = new Set()) {
  assert.ok(schemas.has(name), `no components/schemas/${name}`);
  assert.ok(!seen.has(name), `schema ${name} refers to itself`);
  const kindOf = (t) => {
    if (t.ref) {
      const s = schemas.get(t.ref);
      assert.ok(s, `no components/schemas/${t.ref}`);
      if (s.type.includes('string')) return { kind: 'string' };
      if (s.type.includes('object') || Object.keys(s.properties).length) return { kind: 'object', ref: t.ref };
      return { kind: 'other' };
    }
    return { kind: t.type.includes('string') ? 'string' : 'other' };
  };
  const out = [];
  for (const [prop, t] of Object.entries(schemas.get(name).properties)) {
    const k = kindOf(t);
    if (k.kind === 'string') out.push([prop]);
    else if (k.kind === 'object') {
      for (const sub of stringFields(schemas, k.ref, new Set([...seen, name]))) out.push([prop, ...sub]);
    } else if (t.type.includes('array') && t.items && kindOf(t.items).kind === 'string') out.push([prop, 0]);
  }
  return out;
}
