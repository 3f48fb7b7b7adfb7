// Login throttling: per account (5 failures) and per client address (20);
// an address that signed in to the account before is judged on its own
// failures only; X-Forwarded-For counts only from a trusted proxy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { assertProblem, assertStatus, createHotel, login, loginOk } from './lib/api.mjs';
import { listAll } from './lib/platform.mjs';

const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 20;
const WINDOW_SECONDS = 15 * 60;

function assertRetryAfter(res) {
  const value = res.headers.get('retry-after');
  assert.ok(value !== null, 'Retry-After header present');
  assert.match(value, /^\d+$/, `Retry-After is whole seconds: "${value}"`);
  assert.ok(Number(value) > 0, `Retry-After > 0: ${value}`);
  assert.ok(Number(value) <= WINDOW_SECONDS + 1, `Retry-After within the window: ${value}`);
}

// A 429 problem with its code and Retry-After.
function assertThrottled(res) {
  assertProblem(res, 429, 'too_many_attempts');
  assertRetryAfter(res);
  assert.equal(res.json.access_token, undefined);
}

const from = (address) => ({ headers: { 'x-forwarded-for': address } });

async function loginFrom(server, email, password, address) {
  return assertStatus(await login(server, email, password, from(address)), 200, `login ${email} from ${address}`);
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

describe('X-Forwarded-For is not trusted by default', () => {
  let server;
  let manager;
  before(async () => {
    server = await startServer();
    const admin = (await loginOk(server, server.admin.email, server.admin.password)).access_token;
    ({ manager } = await createHotel(server, admin));
  });
  after(async () => {
    await server?.stop();
  });

  test('failures on one account spread over many X-Forwarded-For values are still throttled', async () => {
    for (let i = 1; i <= ACCOUNT_LIMIT; i++) {
      assertProblem(await login(server, manager.email, `Wrong-password-${i}!`, from(`198.51.100.${i}`)), 401);
    }
    assertThrottled(await login(server, manager.email, manager.password, from('198.51.100.200')));
    assertThrottled(await login(server, manager.email, manager.password));
  });

  test('failures over many accounts with changing X-Forwarded-For still count against the one address', async () => {
    // The account test above left 5 failures at this address.
    for (let i = ACCOUNT_LIMIT + 1; i <= ADDRESS_LIMIT; i++) {
      assertProblem(await login(server, `spray-${i}@nowhere.test`, 'Wrong-password-1!', from(`203.0.113.${i}`)), 401);
    }
    assertThrottled(await login(server, 'spray-last@nowhere.test', 'Wrong-password-1!', from('203.0.113.250')));
    assertThrottled(await login(server, manager.email, manager.password, from('203.0.113.251')));
    // The admin signed in from this address before (in before()): a known
    // address is judged on its own failures on that account, none here.
    assertStatus(await login(server, server.admin.email, server.admin.password, from('203.0.113.252')), 200, 'admin');
  });
});

describe('behind a trusted proxy', () => {
  let server;
  let admin;
  before(async () => {
    // The tests connect from 127.0.0.1 and play the proxy.
    server = await startServer({ env: { KEYCARD_TRUSTED_PROXIES: '127.0.0.1, ::1, 10.0.0.0/8' } });
    admin = (await loginOk(server, server.admin.email, server.admin.password)).access_token;
  });
  after(async () => {
    await server?.stop();
  });

  test('two clients behind the proxy are throttled apart (per address)', async () => {
    for (let i = 1; i <= ADDRESS_LIMIT; i++) {
      assertProblem(await login(server, `spray-a-${i}@nowhere.test`, 'Wrong-password-1!', from('198.51.100.1')), 401);
    }
    assertThrottled(await login(server, `spray-a-x@nowhere.test`, 'Wrong-password-1!', from('198.51.100.1')));
    assertThrottled(await login(server, server.admin.email, server.admin.password, from('198.51.100.1')));
    // The other client, and the proxy itself, are not affected.
    assertStatus(await login(server, server.admin.email, server.admin.password, from('198.51.100.2')), 200, 'client B');
    assertStatus(await login(server, server.admin.email, server.admin.password), 200, 'no header');
  });

  test('the right-most untrusted entry is the client: a client cannot pick its address', async () => {
    // Client A (throttled above) prepends a made-up address; the proxy chain
    // (10.0.0.7) appended the real one.
    const res = await login(server, server.admin.email, server.admin.password, from('203.0.113.9, 198.51.100.1, 10.0.0.7'));
    assertThrottled(res);
    // Several header lines are one list, read from the last line's last entry.
    const body = JSON.stringify({ email: server.admin.email, password: server.admin.password });
    const multi = await server.raw(
      'POST /api/auth/login HTTP/1.1\r\nHost: keycard\r\nContent-Type: application/json\r\n' +
        'X-Forwarded-For: 198.51.100.2\r\nX-Forwarded-For: 198.51.100.1\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    assertThrottled(multi);
  });

  test('per account across addresses: 5 failures from strangers lock the account for new addresses', async () => {
    const { manager } = await createHotel(server, admin);
    for (let i = 1; i <= ACCOUNT_LIMIT; i++) {
      assertProblem(await login(server, manager.email, `Wrong-password-${i}!`, from(`192.0.2.${i}`)), 401);
    }
    assertThrottled(await login(server, manager.email, manager.password, from('192.0.2.100')));
  });

  test('the owner at an address they signed in from before still gets in with the right password', async () => {
    const { hotel, manager } = await createHotel(server, admin);
    const home = '198.51.100.77';
    await loginFrom(server, manager.email, manager.password, home);
    for (let i = 1; i <= ACCOUNT_LIMIT + 2; i++) {
      const res = await login(server, manager.email, `Wrong-password-${i}!`, from(`192.0.2.${50 + i}`));
      assertProblem(res, i <= ACCOUNT_LIMIT ? 401 : 429);
    }
    assertThrottled(await login(server, manager.email, manager.password, from('192.0.2.99')));
    const res = await login(server, manager.email, manager.password, from(home));
    assertStatus(res, 200, 'owner at a known address');
    // The audit trail and the session record the client, not the proxy.
    const entries = await listAll(server, admin, '/api/admin/audit-logs', {
      action: 'auth.login',
      resource_id: res.json.user.id,
      tenant_id: hotel.id,
    });
    assert.ok(entries.length >= 2, `login entries: ${entries.length}`);
    for (const e of entries) assert.equal(e.ip, home, JSON.stringify(e));
  });

  test('a known address is throttled on its own failures: 5 wrong passwords there lock it too', async () => {
    const { manager } = await createHotel(server, admin);
    const home = '198.51.100.88';
    await loginFrom(server, manager.email, manager.password, home);
    for (let i = 1; i <= ACCOUNT_LIMIT; i++) {
      assertProblem(await login(server, manager.email, `Wrong-password-${i}!`, from(home)), 401);
    }
    assertThrottled(await login(server, manager.email, manager.password, from(home)));
    // Those failures count for the account everywhere else as well.
    assertThrottled(await login(server, manager.email, manager.password, from('198.51.100.89')));
  });

  test('a success clears only its own address: a guesser elsewhere gets no fresh budget', async () => {
    const { manager } = await createHotel(server, admin);
    const home = '198.51.100.99';
    await loginFrom(server, manager.email, manager.password, home);
    for (let i = 1; i <= ACCOUNT_LIMIT; i++) {
      assertProblem(await login(server, manager.email, `Wrong-password-${i}!`, from('192.0.2.200')), 401);
    }
    await loginFrom(server, manager.email, manager.password, home);
    assertThrottled(await login(server, manager.email, 'Wrong-password-9!', from('192.0.2.200')));
  });
});
