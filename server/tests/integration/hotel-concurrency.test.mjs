// Double booking under load: 50 simultaneous requests for one room on
// overlapping nights end with exactly one reservation, whatever the order,
// because the database refuses the rest (PostgreSQL: the exclusion
// constraint; SQLite: the trigger inside the write transaction). On
// PostgreSQL the same holds with two server processes on one database.
// The same for a room type's capacity and for assigning one room.
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { adminToken, assertProblem } from './lib/api.mjs';
import { addDays, assert, hotelTenant, ok, reservationBody, setupProperty } from './lib/hotel.mjs';

const N = 50;

describe('hotel concurrency', () => {
  let server;
  let t;

  before(async () => {
    server = await startServer();
    t = await hotelTenant(server, await adminToken(server));
  });
  after(async () => {
    await server?.stop();
  });

  // Overlapping stays: all contain the night `D + 2`.
  const overlapping = (i, D) => {
    const start = addDays(D, i % 3);
    return { check_in_date: start, check_out_date: addDays(start, 3 + (i % 2)) };
  };

  // Each POST from its own request, all started before any answer.
  const fire = (requests) => Promise.all(requests.map(({ srv, body }) =>
    srv.request('POST', '/api/hotel/reservations', { token: t.token, body })));

  function expectOneWinner(answers, code) {
    const statuses = answers.map((a) => a.status);
    const tally = Object.entries(statuses.reduce((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {}));
    assert.equal(statuses.filter((s) => s === 201).length, 1, `exactly one 201; got ${JSON.stringify(tally)}`);
    for (const a of answers.filter((x) => x.status !== 201)) assertProblem(a, 409, code);
    return answers.find((a) => a.status === 201).json;
  }

  // Active reservations of a room that share a night, read from the database.
  async function overlapsInDatabase(roomId) {
    const out = await server.sql(`
      SELECT count(*) FROM reservations a JOIN reservations b
        ON a.tenant_id = b.tenant_id AND a.room_id = b.room_id AND a.id < b.id
       WHERE a.room_id = '${roomId}'
         AND a.status IN ('pending','confirmed','checked_in') AND b.status IN ('pending','confirmed','checked_in')
         AND a.check_in_date < b.check_out_date AND b.check_in_date < a.check_out_date`);
    return Number(out);
  }

  const activeOfRoom = async (s, roomId) =>
    (await ok(t.req('GET', `/api/hotel/reservations?property_id=${s.property.id}&limit=100`), 200, 'list')).items.filter(
      (r) => r.room_id === roomId && ['pending', 'confirmed', 'checked_in'].includes(r.status),
    );

  test(`${N} simultaneous bookings of one room: one 201, ${N - 1} x 409 room_unavailable`, async () => {
    // Three rooms of the type: capacity is not what stops them, the room is.
    const s = await setupProperty(t, { rooms: 3 });
    const room = s.rooms[1].id;
    const D = '2031-09-01';
    const answers = await fire(
      Array.from({ length: N }, (_, i) => ({ srv: server, body: reservationBody(s, { room_id: room, ...overlapping(i, D) }) })),
    );
    const winner = expectOneWinner(answers, 'room_unavailable');
    assert.equal(winner.room_id, room);
    assert.deepEqual((await activeOfRoom(s, room)).map((r) => r.id), [winner.id]);
    assert.equal(await overlapsInDatabase(room), 0);
  });

  test(`${N} simultaneous bookings of a one-room type without a room: one 201, the rest 409`, async () => {
    const s = await setupProperty(t, { rooms: 1 });
    const D = '2031-10-01';
    const answers = await fire(
      Array.from({ length: N }, (_, i) => ({ srv: server, body: reservationBody(s, overlapping(i, D)) })),
    );
    expectOneWinner(answers, 'no_availability');
    const avail = await ok(
      t.req('GET', `/api/hotel/availability?property_id=${s.property.id}&check_in=${addDays(D, 2)}&check_out=${addDays(D, 3)}`),
      200,
      'availability',
    );
    assert.equal(avail.room_types[0].booked, 1);
  });

  test('20 simultaneous assignments of one room to overlapping stays: one 200, the rest 409', async () => {
    const s = await setupProperty(t, { rooms: 20 });
    const D = '2031-11-01';
    const stays = [];
    for (let i = 0; i < 20; i++) {
      stays.push(await ok(t.req('POST', '/api/hotel/reservations', reservationBody(s, overlapping(i, D))), 201, 'stay'));
    }
    const room = s.rooms[0].id;
    const answers = await Promise.all(
      stays.map((r) => t.req('POST', `/api/hotel/reservations/${r.id}/assign-room`, { room_id: room })),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((x) => x === 200).length, 1, `statuses: ${statuses}`);
    for (const a of answers.filter((x) => x.status !== 200)) assertProblem(a, 409, 'room_unavailable');
    assert.equal((await activeOfRoom(s, room)).length, 1);
    assert.equal(await overlapsInDatabase(room), 0);
  });

  describe('two server processes on one PostgreSQL database', { skip: IS_POSTGRES ? false : 'PostgreSQL only' }, () => {
    let second;
    before(async () => {
      second = await server.startAnother();
    });
    after(async () => {
      await second?.stop();
    });

    test(`${N} bookings of one room, ${N / 2} through each process: one 201`, async () => {
      const s = await setupProperty(t, { rooms: 3 });
      const room = s.rooms[2].id;
      const D = '2032-02-01';
      const answers = await fire(
        Array.from({ length: N }, (_, i) => ({
          srv: i % 2 === 0 ? server : second,
          body: reservationBody(s, { room_id: room, ...overlapping(i, D) }),
        })),
      );
      expectOneWinner(answers, 'room_unavailable');
      assert.equal(await overlapsInDatabase(room), 0);
    });

    test(`${N} bookings of a one-room type, ${N / 2} through each process: one 201`, async () => {
      const s = await setupProperty(t, { rooms: 1 });
      const D = '2032-03-01';
      const answers = await fire(
        Array.from({ length: N }, (_, i) => ({ srv: i % 2 === 0 ? server : second, body: reservationBody(s, overlapping(i, D)) })),
      );
      expectOneWinner(answers, 'no_availability');
    });
  });
});
