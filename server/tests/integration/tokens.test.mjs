// Access tokens beyond the basics of auth.test.mjs: a bounded lifetime (a
// well-signed token with a far exp is refused), hostile headers (kid, alg),
// the token type, and revocation by session: after logout, a password change
// or a refresh-token replay the access tokens of that session get 401 on the
// next request. The harness knows the HMAC secret, so it forges tokens the
// way someone holding a leaked token (but not the key) cannot, and checks that
// the server's own rules, not the signature, refuse them.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { assertProblem, assertStatus, createHotel, decodeJwt, loginOk, signJwt, strongPassword } from './lib/api.mjs';
import { impersonate } from './lib/platform.mjs';

const ACCESS_TTL = 120; // KEYCARD_ACCESS_TOKEN_TTL for this file: shorter than the default, to see it is used

const b64u = (text) => Buffer.from(text).toString('base64url');

// Signs a payload given as raw JSON text, so that numbers JavaScript cannot
// hold (2^63 - 1) reach the server exactly.
function signRaw(header, payloadText, secret) {
  const input = `${b64u(JSON.stringify(header))}.${b64u(payloadText)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('tokens', () => {
  let server;
  let admin; // an admin token pair
  const me = (token) => server.request('GET', '/api/auth/me', { token });
  const refresh = (refresh_token) => server.request('POST', '/api/auth/refresh', { body: { refresh_token } });

  before(async () => {
    server = await startServer({ env: { KEYCARD_ACCESS_TOKEN_TTL: String(ACCESS_TTL) } });
    admin = await loginOk(server, server.admin.email, server.admin.password);
  });
  after(async () => {
    await server?.stop();
  });

  // Re-signs the admin's token with edited claims or header.
  const forge = (editPayload = (p) => p, editHeader = (h) => h) => {
    const { header, payload } = decodeJwt(admin.access_token);
    return signJwt(editHeader({ ...header }), editPayload({ ...payload }), server.jwtSecret);
  };

  test('control: the token re-signed unchanged is accepted (the forgeries below say something)', async () => {
    assertStatus(await me(forge()), 200, 'control');
    const { payload } = decodeJwt(admin.access_token);
    assert.equal(payload.exp - payload.iat, ACCESS_TTL, 'the token lives the configured TTL');
    assert.equal(admin.expires_in, ACCESS_TTL);
    assert.match(payload.sid, /^[0-9a-f-]{36}$/, 'the token names its session');
  });

  describe('lifetime', () => {
    test('exp = 2^63 - 1, correctly signed -> 401', async () => {
      const { header, payload } = decodeJwt(admin.access_token);
      const text = JSON.stringify({ ...payload, exp: 0 }).replace('"exp":0', '"exp":9223372036854775807');
      assertProblem(await me(signRaw(header, text, server.jwtSecret)), 401, 'invalid_token');
    });

    test('exp - iat one second over the configured TTL -> 401; exactly the TTL -> 200', async () => {
      assertProblem(await me(forge((p) => ({ ...p, exp: p.iat + ACCESS_TTL + 1 }))), 401, 'invalid_token');
      assertStatus(await me(forge((p) => ({ ...p, exp: p.iat + ACCESS_TTL }))), 200, 'exactly the TTL');
    });

    test('a day-long token (the default TTL would refuse it too) -> 401', async () => {
      assertProblem(await me(forge((p) => ({ ...p, exp: p.iat + 86_400 }))), 401, 'invalid_token');
    });

    test('an old iat moved forward with exp kept: lifetime counts from iat, so backdating gains nothing', async () => {
      assertProblem(await me(forge((p) => ({ ...p, iat: p.iat - 3600 }))), 401, 'invalid_token');
    });

    test('no iat -> 401', async () => {
      assertProblem(await me(forge(({ iat, ...rest }) => rest)), 401, 'invalid_token');
    });

    test('an impersonation token may live its session, not longer', async () => {
      const { hotel } = await createHotel(server, admin.access_token);
      const s = await impersonate(server, admin.access_token, {
        target_tenant_id: hotel.id,
        reason: 'token lifetime test',
        duration_minutes: 5,
      });
      const { header, payload } = decodeJwt(s.access_token);
      assert.equal(payload.exp - payload.iat, 300);
      assertStatus(await me(signJwt(header, payload, server.jwtSecret)), 200, 'control: re-signed');
      // Longer than the access TTL is fine for it (5 min > 120 s) ...
      assert.ok(300 > ACCESS_TTL);
      // ... but not longer than its session, nor the 60-minute cap.
      assertProblem(await me(signJwt(header, { ...payload, exp: payload.exp + 60 }, server.jwtSecret)), 401);
      assertProblem(await me(signJwt(header, { ...payload, exp: payload.iat + 7200 }, server.jwtSecret)), 401);
      assertProblem(await me(signJwt(header, { ...payload, iat: payload.iat - 3600 }, server.jwtSecret)), 401);
      // Dropping the impersonation claim to escape its session is refused by the access TTL.
      const { impersonation, act, ...plain } = payload;
      assertProblem(await me(signJwt(header, plain, server.jwtSecret)), [401, 403]);
      assertStatus(await server.request('POST', '/api/admin/impersonation/end', { token: s.access_token }), 200);
    });
  });

  describe('header', () => {
    for (const kid of ['../../etc/passwd', "' OR 1=1--", '"; DROP TABLE users; --', '', 'x'.repeat(2000)]) {
      test(`kid ${JSON.stringify(kid.slice(0, 30))} -> 401`, async () => {
        assertProblem(await me(forge(undefined, (h) => ({ ...h, kid }))), 401, 'invalid_token');
      });
    }

    test('no kid -> 401', async () => {
      assertProblem(await me(forge(undefined, ({ kid, ...h }) => h)), 401, 'invalid_token');
    });

    test('alg HS512 with the right secret -> 401', async () => {
      assertProblem(await me(forge(undefined, (h) => ({ ...h, alg: 'HS512' }))), 401, 'invalid_token');
    });

    test('alg RS256 (key confusion: HMAC over the "public key" = our secret) -> 401', async () => {
      const { header, payload } = decodeJwt(admin.access_token);
      const token = signRaw({ ...header, alg: 'RS256' }, JSON.stringify(payload), server.jwtSecret);
      assertProblem(await me(token), 401, 'invalid_token');
    });

    test('alg none, with and without a signature -> 401', async () => {
      const { header, payload } = decodeJwt(admin.access_token);
      const unsigned = `${b64u(JSON.stringify({ ...header, alg: 'none' }))}.${b64u(JSON.stringify(payload))}.`;
      assertProblem(await me(unsigned), 401, 'invalid_token');
      assertProblem(await me(signRaw({ ...header, alg: 'none' }, JSON.stringify(payload), server.jwtSecret)), 401);
    });
  });

  describe('token type', () => {
    test('typ "refresh" (or missing) in a well-signed token -> 401', async () => {
      assertProblem(await me(forge((p) => ({ ...p, typ: 'refresh' }))), 401, 'invalid_token');
      assertProblem(await me(forge(({ typ, ...rest }) => rest)), 401, 'invalid_token');
    });

    test('the refresh token itself as a bearer token -> 401', async () => {
      const pair = await loginOk(server, server.admin.email, server.admin.password);
      assertProblem(await me(pair.refresh_token), 401);
    });

    test('an access token is no refresh token', async () => {
      const pair = await loginOk(server, server.admin.email, server.admin.password);
      // 422 when longer than a refresh token may be, else 401: never a new pair.
      const res = await refresh(pair.access_token);
      assertProblem(res, [401, 422]);
      assert.equal(res.json.access_token, undefined);
    });
  });

  describe('revocation by session', () => {
    test('logout: the access token of that session -> 401 session_revoked; another session goes on', async () => {
      const a = await loginOk(server, server.admin.email, server.admin.password);
      const b = await loginOk(server, server.admin.email, server.admin.password);
      assertStatus(await me(a.access_token), 200, 'before logout');
      const res = await server.request('POST', '/api/auth/logout', { body: { refresh_token: a.refresh_token } });
      assert.equal(res.status, 204, res.text);
      assertProblem(await me(a.access_token), 401, 'session_revoked');
      assertStatus(await me(b.access_token), 200, 'the other session');
    });

    test('logout also ends the access tokens issued earlier in the same session (before a refresh)', async () => {
      const first = await loginOk(server, server.admin.email, server.admin.password);
      const second = assertStatus(await refresh(first.refresh_token), 200, 'refresh');
      assertStatus(await me(first.access_token), 200, 'a rotation keeps the session');
      assertStatus(await server.request('POST', '/api/auth/logout', { body: { refresh_token: second.refresh_token } }), 204);
      assertProblem(await me(first.access_token), 401, 'session_revoked');
      assertProblem(await me(second.access_token), 401, 'session_revoked');
    });

    test('replaying a spent refresh token ends the access tokens of its session too', async () => {
      const first = await loginOk(server, server.admin.email, server.admin.password);
      const second = assertStatus(await refresh(first.refresh_token), 200, 'refresh');
      assertProblem(await refresh(first.refresh_token), 401, 'refresh_token_reused');
      assertProblem(await me(second.access_token), 401, 'session_revoked');
    });

    test('change-password: other sessions -> 401 at once; the session that changed it goes on', async () => {
      const { manager } = await createHotel(server, admin.access_token);
      const other = await loginOk(server, manager.email, manager.password);
      const mine = await loginOk(server, manager.email, manager.password);
      const next = strongPassword();
      const res = await server.request('POST', '/api/auth/change-password', {
        token: mine.access_token,
        body: { current_password: manager.password, new_password: next, refresh_token: mine.refresh_token },
      });
      assert.equal(res.status, 204, res.text);
      assertProblem(await me(other.access_token), 401, 'session_revoked');
      assertProblem(await server.request('GET', '/api/hotel/properties', { token: other.access_token }), 401);
      assertStatus(await me(mine.access_token), 200, 'the session that changed the password');
      assertStatus(await refresh(mine.refresh_token), 200, 'and its refresh token');
    });

    test('change-password without a refresh token keeps the session of the access token that asked', async () => {
      const { manager } = await createHotel(server, admin.access_token);
      const other = await loginOk(server, manager.email, manager.password);
      const mine = await loginOk(server, manager.email, manager.password);
      const res = await server.request('POST', '/api/auth/change-password', {
        token: mine.access_token,
        body: { current_password: manager.password, new_password: strongPassword() },
      });
      assert.equal(res.status, 204, res.text);
      assertProblem(await me(other.access_token), 401, 'session_revoked');
      assertProblem(await refresh(other.refresh_token), 401);
      assertStatus(await me(mine.access_token), 200, 'the asking session');
      assertStatus(await refresh(mine.refresh_token), 200, 'and its refresh token');
    });

    test('a forged sid (unknown session, or not a UUID) -> 401', async () => {
      assertProblem(await me(forge((p) => ({ ...p, sid: '0190f0c4-0000-7000-8000-00000000dead' }))), 401, 'session_revoked');
      assertProblem(await me(forge((p) => ({ ...p, sid: "' OR 1=1--" }))), 401, 'invalid_token');
      assertProblem(await me(forge((p) => ({ ...p, sid: 42 }))), 401, 'invalid_token');
    });

    test("another user's session id does not keep a token alive", async () => {
      const { manager } = await createHotel(server, admin.access_token);
      const theirs = decodeJwt((await loginOk(server, manager.email, manager.password)).access_token).payload.sid;
      const mine = await loginOk(server, server.admin.email, server.admin.password);
      assertStatus(await server.request('POST', '/api/auth/logout', { body: { refresh_token: mine.refresh_token } }), 204);
      const { header, payload } = decodeJwt(mine.access_token);
      assertProblem(await me(signJwt(header, { ...payload, sid: theirs }, server.jwtSecret)), 401, 'session_revoked');
    });
  });
});

// Key rotation: KEYCARD_JWT_PREVIOUS_SECRETS keeps the old keys' tokens
// valid (picked by `kid`) while new tokens are signed with the new key.
describe('key rotation', () => {
  const kidFor = (secret) => createHash('sha256').update(secret).digest('hex').slice(0, 16);
  const oldSecret = randomBytes(32).toString('hex');
  const newSecret = randomBytes(32).toString('hex');
  let server;
  let pair;
  before(async () => {
    server = await startServer({ env: { KEYCARD_JWT_SECRET: newSecret, KEYCARD_JWT_PREVIOUS_SECRETS: ` ${oldSecret} ,` } });
    pair = await loginOk(server, server.admin.email, server.admin.password);
  });
  after(async () => {
    await server?.stop();
  });
  const resign = (secret) => {
    const { header, payload } = decodeJwt(pair.access_token);
    return signJwt({ ...header, kid: kidFor(secret) }, payload, secret);
  };
  const me = (token) => server.request('GET', '/api/auth/me', { token });

  test('new tokens are signed with the new key', () => {
    assert.equal(decodeJwt(pair.access_token).header.kid, kidFor(newSecret));
  });

  test('a token of the previous key verifies; one of a key never configured does not', async () => {
    assertStatus(await me(resign(oldSecret)), 200, 'previous key');
    assertProblem(await me(resign(randomBytes(32).toString('hex'))), 401, 'invalid_token');
    // The previous key under the new key's kid is a bad signature, not a match.
    const { header, payload } = decodeJwt(pair.access_token);
    assertProblem(await me(signJwt(header, payload, oldSecret)), 401, 'invalid_token');
  });
});
