// GET /api/hotel/events as server-sent events: committed changes arrive as
// they commit, rolled-back ones never; a reconnect with Last-Event-ID misses
// nothing; each stream carries only what its caller may read and only its
// tenant's; access that ends ends the stream; the caps hold; an open stream
// holds no worker; on PostgreSQL a commit on one instance reaches another's
// streams.
import { after, before, describe, test } from 'node:test';
import net from 'node:net';
import assert from 'node:assert/strict';
import { adminToken, assertProblem, assertStatus, waitFor } from './lib/api.mjs';
import { addDays, book, dateIn, hotelTenant, ok, reservationBody, setupProperty } from './lib/hotel.mjs';
import { hotelStaff, impersonate } from './lib/platform.mjs';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { openStream } from './lib/sse.mjs';

const setStatus = (t, room, status) => ok(t.req('POST', `/api/hotel/rooms/${room.id}/status`, { status }), 200, status);
const isEvent = (type, resourceId) => (m) =>
  m.event === type && (resourceId === undefined || JSON.parse(m.data).resource_id === resourceId);

describe('live updates (server-sent events)', () => {
  let server;
  let admin;
  let A;
  let B;
  let s;
  const open = [];
  const track = (stream) => {
    open.push(stream);
    return stream;
  };

  before(async () => {
    // Two workers: the test below opens more streams than that and still calls the API.
    server = await startServer({ env: { KEYCARD_WORKERS: '2', KEYCARD_EVENT_STREAMS_PER_USER: '3' } });
    admin = await adminToken(server);
    A = await hotelTenant(server, admin);
    B = await hotelTenant(server, admin);
    s = await setupProperty(A, { rooms: 3 });
  });
  after(async () => {
    for (const st of open) await st.close();
    await server?.stop();
  });

  test('the stream opens with ready, then each committed change as it commits', async () => {
    const st = track(await openStream(server, A.token));
    assert.equal(st.status, 200);
    assert.match(st.headers.get('content-type'), /^text\/event-stream/);
    const ready = await st.next((m) => m.event === 'ready', 'ready');
    assert.equal(ready.retry, 3000);
    const lastId = JSON.parse(ready.data).last_id;
    assert.ok(Number.isInteger(lastId) && lastId > 0, 'ready names the newest event');
    await setStatus(A, s.rooms[0], 'dirty');
    const m = await st.next(isEvent('room.status_changed', s.rooms[0].id), 'the room event');
    const e = JSON.parse(m.data);
    assert.equal(Number(m.id), e.id);
    assert.ok(e.id > lastId);
    assert.equal(e.resource_type, 'room');
    assert.deepEqual(e.data.changes.status, { before: 'clean', after: 'dirty' });
    await st.close();
  });

  test('a refused write sends nothing; the next committed one comes next', async () => {
    const st = track(await openStream(server, A.token));
    await st.next((m) => m.event === 'ready', 'ready');
    const night = dateIn(s.property.timezone, 40);
    const body = reservationBody(s, { room_id: s.rooms[1].id, check_in_date: night, check_out_date: addDays(night, 1) });
    const first = assertStatus(await A.req('POST', '/api/hotel/reservations', body), 201);
    const created = await st.next(isEvent('reservation.created', first.id), 'the booking');
    assertProblem(await A.req('POST', '/api/hotel/reservations', body), 409);
    await setStatus(A, s.rooms[2], 'inspected');
    const next = await st.next((m) => m.id !== undefined, 'the next event', 20_000, created.index + 1);
    assert.equal(next.event, 'room.status_changed', 'nothing came of the refused booking');
    assert.equal(JSON.parse(next.data).resource_id, s.rooms[2].id);
    await st.close();
  });

  test('a reconnect with Last-Event-ID gets what it missed, in order, once', async () => {
    const st = track(await openStream(server, A.token));
    await st.next((m) => m.event === 'ready', 'ready');
    await setStatus(A, s.rooms[0], 'clean');
    const seen = await st.next(isEvent('room.status_changed', s.rooms[0].id), 'the first change');
    await st.close();
    await setStatus(A, s.rooms[1], 'dirty');
    const g = await ok(A.req('POST', '/api/hotel/guests', { first_name: 'Missed', last_name: 'Whileaway' }), 201, 'guest');
    const again = track(await openStream(server, A.token, { lastEventId: seen.id }));
    const ready = await again.next((m) => m.event === 'ready', 'ready');
    assert.equal(JSON.parse(ready.data).last_id, Number(seen.id));
    await again.next(isEvent('guest.created', g.id), 'the guest made while away');
    const events = again.events();
    assert.deepEqual(
      events.map((e) => e.type),
      ['room.status_changed', 'guest.created'],
    );
    assert.ok(events[0].id > Number(seen.id) && events[1].id > events[0].id);
    // A guest's event names fields, never values.
    assert.ok(!JSON.stringify(events[1]).includes('Whileaway'));
    await again.close();
    // ?after= does the same for clients that cannot set the header.
    const viaQuery = track(await openStream(server, A.token, { after: seen.id }));
    await viaQuery.next(isEvent('guest.created', g.id), 'the guest, by ?after');
    await viaQuery.close();
  });

  test("a housekeeper's stream carries rooms, not payments; another tenant's carries nothing of A", async () => {
    const hk = await hotelStaff(server, A.token, ['housekeeping']);
    const hkStream = track(await openStream(server, hk.token));
    const bStream = track(await openStream(server, B.token));
    await hkStream.next((m) => m.event === 'ready', 'ready');
    await bStream.next((m) => m.event === 'ready', 'ready');
    const r = await book(A, s, { check_in_date: dateIn(s.property.timezone, 50) });
    await ok(A.req('POST', `/api/hotel/reservations/${r.id}/payments`, { amount_minor: 1000, method: 'card' }), 201, 'pay');
    await setStatus(A, s.rooms[2], 'dirty');
    await hkStream.next(isEvent('room.status_changed', s.rooms[2].id), 'the room change');
    assert.deepEqual(
      hkStream.events().map((e) => e.resource_type),
      ['room'],
      'no reservation or payment reached housekeeping',
    );
    // B's stream: a change of B's own arrives, and it is all that does.
    const sb = await setupProperty(B, { rooms: 1 });
    await setStatus(B, sb.rooms[0], 'dirty');
    await bStream.next(isEvent('room.status_changed', sb.rooms[0].id), "B's own change");
    const aIds = new Set([...s.rooms.map((x) => x.id), r.id]);
    assert.ok(!bStream.events().some((e) => aIds.has(e.resource_id)), "none of A's events reached B");
    await hkStream.close();
    await bStream.close();
  });

  test('a change of the caller\'s roles ends the stream with access_changed', async () => {
    const desk = await hotelStaff(server, A.token, ['front-desk']);
    const st = track(await openStream(server, desk.token));
    await st.next((m) => m.event === 'ready', 'ready');
    const u = assertStatus(await A.req('GET', `/api/hotel/users/${desk.user.id}`), 200);
    await ok(A.req('PATCH', `/api/hotel/users/${desk.user.id}`, { roles: ['housekeeping'], version: u.version }), 200, 'roles');
    // Any committed event of the tenant makes the stream look again, and its guard refuses.
    await setStatus(A, s.rooms[0], 'dirty');
    const end = await st.next((m) => m.event === 'end', 'the end of the stream');
    assert.deepEqual(JSON.parse(end.data), { reason: 'access_changed' });
    await assert.rejects(st.next(() => false, 'more', 5_000), /ended/, 'the server closed the stream after its end');
  });

  test('an impersonating admin follows the hotel it supports', async () => {
    const imp = await impersonate(server, admin, { target_tenant_id: A.hotel.id, reason: 'live updates check' });
    const st = track(await openStream(server, imp.access_token));
    await st.next((m) => m.event === 'ready', 'ready');
    await setStatus(A, s.rooms[1], 'clean');
    await st.next(isEvent('room.status_changed', s.rooms[1].id), 'the change');
    await st.close();
  });

  test('past the per-user cap a stream is refused 429; closing one frees its place', async () => {
    const streams = [];
    for (let i = 0; i < 3; i++) streams.push(track(await openStream(server, A.token)));
    for (const st of streams) await st.next((m) => m.event === 'ready', 'ready');
    const refused = await openStream(server, A.token);
    assert.equal(refused.status, 429);
    assert.equal(refused.json.code, 'too_many_streams');
    // Open streams hold no worker (KEYCARD_WORKERS=2 here): the API answers.
    assertStatus(await A.req('GET', '/api/hotel/rooms'), 200);
    await streams[0].close();
    // The server notices the closed connection and frees its place.
    const reopened = await waitFor('a place to come free', async () => {
      const st = await openStream(server, A.token);
      if (st.status === 200) return st;
      assert.equal(st.status, 429);
      return null;
    }, 10_000);
    track(reopened);
    for (const st of [...streams.slice(1), reopened]) await st.close();
  });

  test('a bad Last-Event-ID is 400', async () => {
    const st = await openStream(server, A.token, { lastEventId: 'yesterday' });
    assert.equal(st.status, 400);
    assert.equal(st.json.code, 'invalid_query');
  });
});

describe('live updates across instances (PostgreSQL LISTEN/NOTIFY)', { skip: !IS_POSTGRES && 'PostgreSQL only' }, () => {
  let one;
  let two;
  before(async () => {
    one = await startServer();
    two = await startServer({ databaseUrl: one.databaseUrl, jwtSecret: one.jwtSecret, admin: one.admin });
  });
  after(async () => {
    await two?.stop();
    await one?.stop();
  });

  test("a commit on one instance reaches the other instance's stream", async () => {
    const admin = await adminToken(one);
    const A = await hotelTenant(one, admin);
    const s = await setupProperty(A, { rooms: 1 });
    const st = await openStream(two, A.token);
    await st.next((m) => m.event === 'ready', 'ready');
    await setStatus(A, s.rooms[0], 'dirty');
    // Well within the 15 s heartbeat: the wake-up came from the other instance.
    await st.next(isEvent('room.status_changed', s.rooms[0].id), 'the change made on the other instance', 10_000);
    await st.close();
  });
});

describe('live updates at shutdown', () => {
  test('stopping the server ends each stream with event: end (shutdown), and the stop does not wait for them', async () => {
    const server = await startServer();
    try {
      const admin = await adminToken(server);
      const A = await hotelTenant(server, admin);
      const st = await openStream(server, A.token);
      await st.next((m) => m.event === 'ready', 'ready');
      const stopped = server.stop();
      const end = await st.next((m) => m.event === 'end', 'the end of the stream');
      assert.deepEqual(JSON.parse(end.data), { reason: 'shutdown' });
      await stopped;
      await st.close();
    } finally {
      await server.stop().catch(() => {});
    }
  });
});

describe('live updates and token expiry', () => {
  test('the stream ends with token_expired when its token expires, then closes', async () => {
    const server = await startServer({ env: { KEYCARD_ACCESS_TOKEN_TTL: '10' } });
    try {
      const A = await hotelTenant(server, await adminToken(server));
      const st = await openStream(server, A.token);
      await st.next((m) => m.event === 'ready', 'ready');
      // The token lives 10 s: its end comes then, not at a 15 s heartbeat.
      const end = await st.next((m) => m.event === 'end', 'the end at expiry', 14_000);
      assert.deepEqual(JSON.parse(end.data), { reason: 'token_expired' });
      await assert.rejects(st.next(() => false, 'more', 5_000), /ended/, 'the server closed the stream after its end');
      await st.close();
    } finally {
      await server.stop();
    }
  });
});

describe('live updates: keep-alives and clients that talk', () => {
  let server;
  let A;
  let s;
  before(async () => {
    server = await startServer({ env: { KEYCARD_EVENT_STREAM_HEARTBEAT: '1' } });
    A = await hotelTenant(server, await adminToken(server));
    s = await setupProperty(A, { rooms: 1 });
  });
  after(async () => server?.stop());

  test('a stream woken only by events it may not read still gets its keep-alive', async () => {
    const hk = await hotelStaff(server, A.token, ['housekeeping']);
    const st = await openStream(server, hk.token);
    await st.next((m) => m.event === 'ready', 'ready');
    const start = st.messages.length;
    // Guests keep coming (housekeeping reads none): each wakes the stream,
    // which finds nothing to send; the keep-alive must come all the same.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 400; i++) {
        await ok(A.req('POST', '/api/hotel/guests', { first_name: 'Quiet', last_name: `Guest${i}` }), 201, 'guest');
      }
    })();
    try {
      await st.next((m) => m.comments.includes('keep-alive'), 'a keep-alive while invisible events arrive', 15_000, start);
    } finally {
      writing = false;
      await writer;
    }
    assert.deepEqual(st.events(), [], 'no guest event reached housekeeping');
    await st.close();
  });

  test('a stream client that sends bytes ends its stream, and the server goes on', async () => {
    const sock = net.connect(server.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    let received = '';
    sock.on('data', (d) => (received += d.toString('latin1')));
    const closed = new Promise((r) => sock.once('close', r));
    sock.write(
      `GET /api/hotel/events HTTP/1.1\r\nHost: k\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${A.token}\r\n\r\n`,
    );
    await waitFor('the stream to open', () => received.includes('event: ready'), 10_000);
    // Pipelined bytes on a stream: the server ends it rather than read on.
    sock.write('GET /api/hotel/rooms HTTP/1.1\r\nHost: k\r\n\r\nmore bytes');
    await closed;
    assertStatus(await A.req('GET', `/api/hotel/rooms/${s.rooms[0].id}`), 200);
  });
});
