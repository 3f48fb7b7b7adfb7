// Login throttling: per account (5 failures) and per client address (20).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { assertProblem, assertStatus, createHotel, login, loginOk } from './lib/api.mjs';

const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 20;

function assertRetryAfter(res) {
  const value = res.headers.get('retry-after');
  assert.ok(value !== null, 'Retry-After header present');
  assert.match(value, /^\d+$/, `Retry-After is whole seconds: "${value}"`);
  assert.ok(Number(value) > 0, `Retry-After > 0: ${value}`);
}

describe('login throttling per account', () => {
  let server;
  let managerA;
  let managerB;
  before(async () => {
    server = await startServer();
    const admin = (await loginOk(server, server.admin.email, server.admin.password)).access_token;
    ({ manager: managerA } = await createHotel(server, admin));
    ({ manager: managerB } = await createHotel(server, admin));
  });
  after(async () => {
    await server?.stop();
  });

  test(`${ACCOUNT_LIMIT} failures answer 401, then even the right password answers 429`, async () => {
    for (let i = 1; i <= ACCOUNT_LIMIT; i++) {
      assertProblem(await login(server, managerA.email, `Wrong-password-${i}!`), 401);
    }
    const res = await login(server, managerA.email, managerA.password);
    assertProblem(res, 429);
    assertRetryAfter(res);
    assert.equal(res.json.access_token, undefined);
  });

  test('a throttled account stays throttled for further wrong attempts', async () => {
    const res = await login(server, managerA.email, 'Wrong-password-again!');
    assertProblem(res, 429);
    assertRetryAfter(res);
  });

  test('another account from the same address still logs in', async () => {
    assertStatus(await login(server, managerB.email, managerB.password), 200, 'other manager');
    assertStatus(await login(server, server.admin.email, server.admin.password), 200, 'admin');
  });

  test('the throttle is per account, not per letter case of the email', async () => {
    const res = await login(server, managerA.email.toUpperCase(), managerA.password);
    assert.notEqual(res.status, 200, 'upper-cased email bypassed the throttle');
    assert.ok([401, 429].includes(res.status), `status ${res.status}`);
  });
});

describe('login throttling per address', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test(`${ADDRESS_LIMIT} failures from one address over many accounts -> 429 for everyone there`, async () => {
    for (let i = 1; i <= ADDRESS_LIMIT; i++) {
      const res = await login(server, `spray-${i}@nowhere.test`, 'Wrong-password-1!');
      assertProblem(res, 401);
    }
    const res = await login(server, server.admin.email, server.admin.password);
    assertProblem(res, 429);
    assertRetryAfter(res);
  });
});
