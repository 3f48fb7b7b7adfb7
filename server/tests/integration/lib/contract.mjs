// Every answer the integration tests receive is checked against
// docs/openapi.yaml (issue 12, item 7): the hand-written `to_json` functions of
// the server must not drift from the document the web app's types are
// generated from.
//
// lib/server.mjs calls checkResponse() for every exchange of server.request().
// The request's method and path are matched against the document's path
// templates; when an operation matches, the answer is checked against that
// operation's response for the status received (or `default`):
//
// - the status must be documented for the operation (`4XX` or `default`
//   count), or be one of the document's `x-every-route-responses` (400
//   malformed_request, 413, 431, ...: any route can give them), which must
//   then be a Problem with one of the codes listed there;
// - the Content-Type must be one of the response's documented media types,
//   and a response documented without content (204) must have an empty body;
// - a JSON media type (application/json, application/problem+json) is parsed
//   and validated with Ajv against the media type's schema (JSON Schema
//   2020-12: the document is OpenAPI 3.1). The whole document is registered
//   with Ajv, so `$ref: '#/components/...'` resolves inside it. Objects that
//   declare `properties` are closed (closeObjects below): a field the
//   document does not declare fails as well as a missing or mistyped one;
// - other media types (text/csv, XLSX, PDF; text/event-stream if one comes)
//   are checked for their Content-Type only; their bytes are not parsed.
//   Headers (Retry-After, Set-Cookie, Content-Disposition) are not checked.
//
// Requests that match no operation (unknown routes, another method on a
// known path, garbage paths) are counted and not checked. HEAD answers carry
// no body and are checked for their status only. server.raw() (hand-made
// bytes over TCP, mostly malformed on purpose) is not checked.
//
// A mismatch throws a ContractError from server.request(), so the test that
// received the answer fails with the operation, the status, Ajv's errors and
// a snippet of the body. A test that swallows the error (say, one that
// catches every failure of a burst of requests) still fails its file: the
// after() hook below reports every mismatch seen in the process.
//
// KEYCARD_CONTRACT=off turns the checks off (for debugging a server change
// before its documentation); KEYCARD_CONTRACT=defer lets server.request()
// return and only the after() hook fail, with every mismatch of the file (to
// see them all at once: a thrown one ends its test).
// KEYCARD_CONTRACT_REPORT=<file> appends one JSON line per test file with the
// counts (operations, answers checked, skipped).
import { after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

// Not imported from openapi.mjs: that module imports server.mjs, which imports this one.
const SPEC_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/openapi.yaml');
const ENABLED = process.env.KEYCARD_CONTRACT !== 'off';
const DEFER = process.env.KEYCARD_CONTRACT === 'defer';
const DOC_ID = 'https://keycard.test/openapi.yaml';
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];
const BODY_SNIPPET = 600;

// KNOWN EXCEPTIONS: answers of the server that break shared/design/API.md,
// where docs/openapi.yaml stays as API.md says and the server has to change.
// Each entry: {operation: 'METHOD /template', status, why, matches(errors,
// body)}; `matches` says which mismatch is excused (not the whole answer).
// An excused mismatch is counted as `excused`, not as a failure. Remove the
// entry once the server is fixed. Empty: no such case is known.
export const KNOWN_CONTRACT_EXCEPTIONS = [];

export class ContractError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ContractError';
  }
}

// --- the document -------------------------------------------------------------

const pointerEscape = (s) => String(s).replaceAll('~', '~0').replaceAll('/', '~1');

function resolveLocal(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`docs/openapi.yaml: only local $ref are supported, not ${ref}`);
  let node = doc;
  const pointer = ref.slice(1);
  for (const part of ref.slice(2).split('/')) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    node = node?.[key];
    if (node === undefined) throw new Error(`docs/openapi.yaml: unresolved $ref ${ref}`);
  }
  return { node, pointer };
}

// A response object of an operation, its $ref followed: {response, pointer}
// where pointer is the JSON pointer (without '#') of the response object.
function responseAt(doc, op, status) {
  let entry = null;
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    if (op.responses?.[key] !== undefined) {
      entry = { key, node: op.responses[key], pointer: `${op.pointer}/responses/${pointerEscape(key)}` };
      break;
    }
  }
  if (!entry) return null;
  let { node, pointer } = entry;
  for (let hops = 0; node && typeof node.$ref === 'string'; hops++) {
    if (hops > 8) throw new Error(`docs/openapi.yaml: $ref loop at ${pointer}`);
    ({ node, pointer } = resolveLocal(doc, node.$ref));
  }
  return { key: entry.key, response: node, pointer };
}

function templateRegex(template) {
  const parts = template.split(/(\{[^}/]+\})/).filter((p) => p !== '');
  const source = parts
    .map((p) => (/^\{[^}/]+\}$/.test(p) ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

// The document as the validator reads it: every object schema that declares
// `properties` (and says nothing of additionalProperties,
// unevaluatedProperties or patternProperties) is closed with
// `unevaluatedProperties: false`, so a field the server sends but the
// document does not declare fails too: the web app's generated types would
// not know it. An object without `properties` (`changes`, free-form JSON)
// stays open. A schema that is a branch of an `allOf` is not closed itself
// (the allOf around it is): a component named by `$ref` inside an allOf is
// read from an open copy `<name>__open`.
function closeObjects(original) {
  const doc = structuredClone(original);
  const schemas = doc.components?.schemas ?? {};
  const opened = new Set();
  const isOpenKeyword = (s) => 'additionalProperties' in s || 'unevaluatedProperties' in s || 'patternProperties' in s;
  const walk = (s, inAllOf) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return;
    if (inAllOf && typeof s.$ref === 'string') {
      const m = /^#\/components\/schemas\/([^/]+)$/.exec(s.$ref);
      if (m) {
        opened.add(m[1]);
        s.$ref = `#/components/schemas/${m[1]}__open`;
      }
    }
    if (!inAllOf && !isOpenKeyword(s) && (s.properties || s.allOf)) s.unevaluatedProperties = false;
    for (const v of Object.values(s.properties ?? {})) walk(v, false);
    if (s.items) walk(s.items, false);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, false);
    for (const b of s.oneOf ?? []) walk(b, false);
    for (const b of s.anyOf ?? []) walk(b, false);
    for (const b of s.allOf ?? []) walk(b, true);
  };
  for (const s of Object.values(schemas)) walk(s, false);
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      for (const r of Object.values(item?.[method]?.responses ?? {})) {
        for (const media of Object.values(r?.content ?? {})) walk(media.schema, false);
      }
    }
  }
  for (const r of Object.values(doc.components?.responses ?? {})) {
    for (const media of Object.values(r?.content ?? {})) walk(media.schema, false);
  }
  // Open copies, themselves walked as allOf branches (their properties' own
  // objects stay closed); a copy may name further components to open.
  const done = new Set();
  while ([...opened].some((n) => !done.has(n))) {
    for (const name of [...opened]) {
      if (done.has(name)) continue;
      done.add(name);
      if (!original.components?.schemas?.[name]) throw new Error(`docs/openapi.yaml: no components/schemas/${name}`);
      const copy = structuredClone(original.components.schemas[name]);
      walk(copy, true);
      schemas[`${name}__open`] = copy;
    }
  }
  return doc;
}

function load() {
  const doc = YAML.parse(fs.readFileSync(SPEC_FILE, 'utf8'));
  const version = String(doc.openapi ?? '');
  if (!/^3\.1\./.test(version)) {
    // OpenAPI 3.0 schemas are not JSON Schema 2020-12 (nullable, exclusive*
    // as booleans): this module would need another dialect.
    throw new Error(`docs/openapi.yaml declares openapi ${version}; lib/contract.mjs reads 3.1 (JSON Schema 2020-12)`);
  }
  if (doc.jsonSchemaDialect && doc.jsonSchemaDialect !== 'https://spec.openapis.org/oas/3.1/dialect/base') {
    throw new Error(`docs/openapi.yaml: jsonSchemaDialect ${doc.jsonSchemaDialect} is not supported`);
  }
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false, // `type` beside oneOf/allOf is fine in OpenAPI documents
    strictRequired: false,
    allowUnionTypes: true,
    allErrors: true,
    verbose: true, // errors carry the value they are about (e.data)
    validateFormats: true,
  });
  addFormats(ajv);
  // OpenAPI's own keywords of the Schema Object, and specification extensions.
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  // The document's top-level fields: Ajv compiles the root it is registered
  // as, and only the schemas reached through pointers into it are validated.
  ajv.addVocabulary(
    ['openapi', 'info', 'servers', 'tags', 'security', 'paths', 'components', 'webhooks', 'jsonSchemaDialect'].filter(
      (k) => k !== 'externalDocs',
    ),
  );
  const extensions = new Set();
  JSON.stringify(doc, (k, v) => {
    if (k.startsWith('x-')) extensions.add(k);
    return v;
  });
  ajv.addVocabulary([...extensions]);
  ajv.addSchema({ ...closeObjects(doc), $id: DOC_ID });

  const operations = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        regex: templateRegex(template),
        params: (template.match(/\{[^}]+\}/g) ?? []).length,
        operationId: op.operationId,
        responses: op.responses,
        pointer: `/paths/${pointerEscape(template)}/${method}`,
      });
    }
  }
  // Literal segments win over templates: /api/hotel/reservations/availability
  // before /api/hotel/reservations/{id}.
  operations.sort((a, b) => a.params - b.params || b.template.length - a.template.length);
  return { doc, ajv, operations, validators: new Map() };
}

let spec;
function getSpec() {
  spec ??= load();
  return spec;
}

// The server routes the percent-decoded path (`/api/admin/hotels/..%2Fx` is
// no hotel id but an unknown route), so the match is on the decoded path; a
// path that does not decode (`%FF`) is matched as sent.
function decodedPath(urlPath) {
  const raw = String(urlPath).split(/[?#]/)[0];
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function findOperation(method, urlPath) {
  const pathOnly = decodedPath(urlPath);
  const m = String(method).toUpperCase();
  return getSpec().operations.find((op) => op.method === m && op.regex.test(pathOnly)) ?? null;
}

function validatorFor(pointer) {
  const { ajv, validators } = getSpec();
  let v = validators.get(pointer);
  if (!v) {
    v = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
    validators.set(pointer, v);
  }
  return v;
}

// Compiles the schema of every JSON response of every operation; returns the
// number compiled (a schema Ajv cannot compile throws, naming its pointer).
export function compileAllResponseSchemas() {
  const { doc, operations } = getSpec();
  let n = 0;
  for (const op of operations) {
    for (const key of Object.keys(op.responses ?? {})) {
      const found = responseAt(doc, op, key === 'default' ? 'default' : key);
      for (const [mt, media] of Object.entries(found?.response?.content ?? {})) {
        if (!isJsonMedia(mt) || media.schema === undefined) continue;
        const pointer = `${found.pointer}/content/${pointerEscape(mt)}/schema`;
        try {
          validatorFor(pointer);
        } catch (e) {
          throw new Error(`${op.key} ${key} ${mt}: schema #${pointer} does not compile: ${e.message}`);
        }
        n++;
      }
    }
  }
  return n;
}

// --- counts -------------------------------------------------------------------

const stats = {
  checked: 0, // answers of documented operations that were checked
  schemaValidated: 0, // of those, JSON bodies validated against a schema
  contentTypeOnly: 0, // of those, non-JSON bodies (files, streams) checked for their Content-Type
  noContent: 0, // of those, answers documented without a body (204, ...)
  head: 0, // of those, HEAD answers (status only)
  everyRoute: 0, // of those, answers of x-every-route-responses (413, 431, ... on an operation not listing them)
  excused: 0, // mismatches excused by KNOWN_CONTRACT_EXCEPTIONS
  undocumentedRequests: 0, // requests that matched no operation: not checked
  undocumented: new Set(), // the first 50 of them, "METHOD /path"
  problemCodes: new Set(), // "status code" of every problem answer seen (" +errors" with per-field errors)
  headersChecked: 0, // documented response headers present in an answer and validated
  operations: new Set(), // operation keys checked at least once
  responses: new Set(), // "operation status" pairs checked at least once
  failures: [],
};

export function contractStats() {
  return { ...stats, operations: new Set(stats.operations), responses: new Set(stats.responses) };
}

// --- the check ----------------------------------------------------------------

const mediaType = (ct) =>
  String(ct || '')
    .split(';')[0]
    .trim()
    .toLowerCase();
const isJsonMedia = (mt) => mt === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mt);

function snippet(text, limit = BODY_SNIPPET) {
  const t = String(text ?? '');
  return t.length > limit ? `${t.slice(0, limit)}... (${t.length} characters)` : t;
}

function formatErrors(errors) {
  const detail = (e) => {
    if (e.keyword === 'additionalProperties') return ` (${e.params.additionalProperty})`;
    if (e.keyword === 'unevaluatedProperties') return ` (${e.params.unevaluatedProperty}: not in the document)`;
    if (e.keyword === 'enum') return ` (${JSON.stringify(e.params.allowedValues)})`;
    if (e.keyword === 'const') return ` (${JSON.stringify(e.params.allowedValue)})`;
    if (e.keyword === 'type') return `, got ${JSON.stringify(e.data)?.slice(0, 80)}`;
    return '';
  };
  // Ajv's schemaPath is relative to the schema a $ref led to; it names the
  // document's place only when it is absolute.
  const schema = (e) => (e.schemaPath.startsWith(DOC_ID) ? `   [schema ${e.schemaPath.slice(DOC_ID.length)}]` : '');
  return errors
    .slice(0, 12)
    .map((e) => `  ${e.instancePath || '(root)'}: ${e.message}${detail(e)}${schema(e)}`)
    .concat(errors.length > 12 ? [`  ... ${errors.length - 12} more`] : [])
    .join('\n');
}

function fail({ op, status, res, requestPath }, problem) {
  const message =
    `answer does not match docs/openapi.yaml: ${op.key} (${op.operationId}) -> ${status}\n` +
    `request: ${op.method} ${snippet(requestPath, 200)}\n` +
    `${problem}\n` +
    `content-type: ${res.headers.get('content-type') ?? '(none)'}\n` +
    `body: ${snippet(res.text)}`;
  stats.failures.push(message);
  if (DEFER) return true;
  throw new ContractError(message);
}

function excused(op, status, errors, body) {
  const e = KNOWN_CONTRACT_EXCEPTIONS.find(
    (x) => x.operation === op.key && (x.status === undefined || x.status === status) && x.matches(errors, body),
  );
  if (e) stats.excused++;
  return Boolean(e);
}

// An answer that any route can give (the document's top-level
// `x-every-route-responses`, described in info.description), on an operation
// that does not list its status: a Problem with one of the codes named.
// Returns false when the status is not one of them.
function everyRouteAnswer(ctx) {
  const { status, res } = ctx;
  const entry = getSpec().doc['x-every-route-responses']?.[String(status)];
  if (!entry) return false;
  const where = `x-every-route-responses/${status}`;
  const mt = mediaType(res.headers.get('content-type'));
  if (mt !== 'application/problem+json') {
    return fail(ctx, `${where}: content-type "${mt}", not application/problem+json`);
  }
  let body;
  try {
    body = JSON.parse(res.text);
  } catch (e) {
    return fail(ctx, `${where}: the body is not JSON: ${e.message}`);
  }
  const validate = validatorFor('/components/schemas/Problem');
  stats.schemaValidated++;
  stats.everyRoute++;
  if (!validate(body)) {
    return fail(ctx, `${where}: schema #/components/schemas/Problem:\n${formatErrors(validate.errors)}`);
  }
  problemStatus(ctx, mt, body);
  if (!entry.codes.includes(body.code)) {
    return fail(ctx, `${where}: code "${body.code}" is not one of ${entry.codes.join(', ')}`);
  }
  return true;
}

// Checks one answer of server.request(); throws a ContractError on a mismatch.
// res: {status, headers, text, json}.
export function checkResponse(method, requestPath, res) {
  if (!ENABLED) return;
  const op = findOperation(method, requestPath);
  if (!op) {
    stats.undocumentedRequests++;
    if (stats.undocumented.size < 50) stats.undocumented.add(`${method} ${snippet(requestPath.split('?')[0], 80)}`);
    return;
  }
  const { doc } = getSpec();
  const status = res.status;
  const ctx = { op, status, res, requestPath };
  stats.checked++;
  stats.operations.add(op.key);
  stats.responses.add(`${op.key} ${status}`);
  const found = responseAt(doc, op, status);
  if (!found) {
    if (everyRouteAnswer(ctx)) return;
    if (excused(op, status, [{ keyword: 'status' }], res.json)) return;
    const documented = Object.keys(op.responses ?? {}).join(', ');
    return fail(ctx, `status ${status} is not documented for this operation (documented: ${documented})`);
  }
  if (op.method === 'HEAD') {
    stats.head++;
    return;
  }
  checkHeaders(ctx, found);
  const content = found.response.content;
  const ct = res.headers.get('content-type');
  if (!content || Object.keys(content).length === 0) {
    stats.noContent++;
    if (res.text.length > 0) {
      if (excused(op, status, [{ keyword: 'content' }], res.json)) return;
      return fail(ctx, `documented without a body (responses/${found.key}); the answer has ${res.text.length} bytes`);
    }
    return;
  }
  const mt = mediaType(ct);
  if (!Object.hasOwn(content, mt)) {
    if (excused(op, status, [{ keyword: 'content-type', mediaType: mt }], res.json)) return;
    return fail(ctx, `content-type "${mt}" is not documented (documented: ${Object.keys(content).join(', ')})`);
  }
  if (!isJsonMedia(mt)) {
    stats.contentTypeOnly++;
    return;
  }
  const media = content[mt];
  if (media.schema === undefined) {
    stats.contentTypeOnly++;
    return;
  }
  let body;
  try {
    body = JSON.parse(res.text);
  } catch (e) {
    if (excused(op, status, [{ keyword: 'json' }], undefined)) return;
    return fail(ctx, `the body is not JSON: ${e.message}`);
  }
  const pointer = `${found.pointer}/content/${pointerEscape(mt)}/schema`;
  const validate = validatorFor(pointer);
  stats.schemaValidated++;
  if (!validate(body)) {
    if (excused(op, status, validate.errors, body)) return;
    return fail(ctx, `schema #${pointer} (responses/${found.key}):\n${formatErrors(validate.errors)}`);
  }
  problemStatus(ctx, mt, body);
  problemCode(ctx, mt, body, found);
}

// The error codes a response's description names (`invalid_json`, ...): the
// backquoted words of lower case and underscores; null when it names none.
// "account checks" stands for the codes of components/responses/AccountForbidden
// (the checks made on every authenticated request).
function documentedCodes(response) {
  const named = (text) => [...String(text ?? '').matchAll(/`([a-z][a-z0-9_]*)`/g)].map((m) => m[1]);
  const words = named(response.description);
  if (/account checks/i.test(response.description ?? '')) {
    words.push(...named(getSpec().doc.components?.responses?.AccountForbidden?.description));
  }
  return words.length ? new Set(words) : null;
}

// A problem's `code` must be one the response's description names (when it
// names any), or one of x-every-route-responses for the status: a new code
// the document does not know is drift too.
function problemCode(ctx, mt, body, found) {
  if (mt !== 'application/problem+json' || typeof body?.code !== 'string') return;
  const codes = documentedCodes(found.response);
  if (!codes || codes.has(body.code)) return;
  const every = getSpec().doc['x-every-route-responses']?.[String(ctx.status)]?.codes ?? [];
  if (every.includes(body.code)) return;
  if (excused(ctx.op, ctx.status, [{ keyword: 'problem-code', code: body.code }], body)) return;
  return fail(ctx, `code "${body.code}" is not named by responses/${found.key} (it names ${[...codes].join(', ')})`);
}

// RFC 9457 (shared/design/API.md): a problem's `status` member is the HTTP
// status, which a schema cannot say.
function problemStatus(ctx, mt, body) {
  if (mt !== 'application/problem+json') return;
  stats.problemCodes.add(`${ctx.status} ${body?.code}${body?.errors ? ' +errors' : ''}`);
  if (body?.status === ctx.status) return;
  if (excused(ctx.op, ctx.status, [{ keyword: 'problem-status' }], body)) return;
  return fail(ctx, `the problem's "status" member is ${JSON.stringify(body?.status)}, the HTTP status ${ctx.status}`);
}

// The documented headers of a response that the answer carries, each against
// its schema (Retry-After: an integer >= 1). Headers are optional in OpenAPI
// unless `required: true`; such a header that is missing fails.
function checkHeaders(ctx, found) {
  const { doc, ajv } = getSpec();
  for (const [name, h] of Object.entries(found.response.headers ?? {})) {
    let node = h;
    let pointer = `${found.pointer}/headers/${pointerEscape(name)}`;
    if (typeof node?.$ref === 'string') ({ node, pointer } = resolveLocal(doc, node.$ref));
    const value = ctx.res.headers.get(name);
    if (value === null) {
      if (node.required) fail(ctx, `the required header ${name} is missing`);
      continue;
    }
    if (!node.schema) continue;
    const type = node.schema.type;
    const parsed = (type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    const validate = validatorFor(`${pointer}/schema`);
    stats.headersChecked++;
    if (!validate(parsed)) {
      if (excused(ctx.op, ctx.status, [{ keyword: 'header', header: name }], value)) continue;
      fail(ctx, `header ${name}: ${JSON.stringify(value)}: ${ajv.errorsText(validate.errors, { dataVar: name })}`);
    }
  }
}

// --- per-file summary ---------------------------------------------------------

if (ENABLED) {
  after(() => {
    if (process.env.KEYCARD_CONTRACT_REPORT) {
      const line = {
        file: path.basename(process.argv[1] ?? ''),
        checked: stats.checked,
        schemaValidated: stats.schemaValidated,
        contentTypeOnly: stats.contentTypeOnly,
        noContent: stats.noContent,
        head: stats.head,
        everyRoute: stats.everyRoute,
        excused: stats.excused,
        undocumentedRequests: stats.undocumentedRequests,
        undocumented: [...stats.undocumented].sort(),
        headersChecked: stats.headersChecked,
        problemCodes: [...stats.problemCodes].sort(),
        failures: stats.failures.length,
        operations: [...stats.operations].sort(),
        responses: [...stats.responses].sort(),
      };
      fs.appendFileSync(process.env.KEYCARD_CONTRACT_REPORT, `${JSON.stringify(line)}\n`);
    }
    if (stats.failures.length > 0) {
      const n = stats.failures.length;
      const all = stats.failures.join('\n\n');
      throw new ContractError(`${n} answer(s) in this file did not match docs/openapi.yaml:\n\n${all}`);
    }
  });
}
