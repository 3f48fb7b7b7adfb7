// Two instances on one PostgreSQL database, both running the night-audit
// scheduler every second: each due business date is closed once (one
// night_audits row, one room charge per in-house night), however the two
// race for it (the property's row lock and the audit's idempotency per date).
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { adminToken, waitFor } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import { addDays, assert, dateIn, frontOfficeProperty, getFolio, getProperty, inHouse, ok } from './lib/front-office.mjs';

const ZONE = 'Pacific/Auckland';
const SCHEDULER = { KEYCARD_NIGHT_AUDIT_INTERVAL: '1' };

describe(
  'the night-audit scheduler on two instances',
  { skip: IS_POSTGRES ? false : 'several instances share a database only on PostgreSQL' },
  () => {
    let one;
    let two;
    let t;

    before(async () => {
      one = await startServer({ env: SCHEDULER });
      two = await one.startAnother({ env: SCHEDULER });
      t = await hotelTenant(one, await adminToken(one));
    });
    after(async () => {
      await one?.stop();
    });

    test('three days behind: both schedulers catch up, and each date is closed once', async () => {
      const today = dateIn(ZONE, 0);
      const D = addDays(today, -3);
      // Opened inactive (the schedulers pass it by) until the guest is in house;
      // then a date more than a day behind is due at once: the catch-up.
      const s = await frontOfficeProperty(t, { rooms: 2, timezone: ZONE, rate: 7000, business_date: D, extra: { status: 'inactive' } });
      const guest = await inHouse(t, s, { check_in_date: D, nights: 5 });
      const opened = await getProperty(t, s.property.id);
      await ok(t.req('PATCH', `/api/hotel/properties/${s.property.id}`, { status: 'active', version: opened.version }), 200, 'open it');
      const closed = await waitFor('the schedulers to reach yesterday', async () => {
        const p = await getProperty(t, s.property.id);
        return p.last_audit_date !== null && p.last_audit_date >= addDays(today, -1) && p;
      });
      // Until the zone's midnight, today is still open.
      if (dateIn(ZONE, 0) === today) assert.equal(closed.business_date, today);
      const audits = await ok(t.req('GET', `/api/hotel/properties/${s.property.id}/night-audits?limit=100`), 200, 'audits');
      const dates = audits.items.map((a) => a.business_date_closed).sort();
      assert.equal(new Set(dates).size, dates.length, `each date once: ${dates}`);
      assert.deepEqual(dates.slice(0, 3), [D, addDays(D, 1), addDays(D, 2)]);
      for (const a of audits.items) {
        assert.equal(a.run_by, null, 'by a scheduler');
        assert.equal(a.room_charges_posted, 1, `one room night on ${a.business_date_closed}`);
      }
      // One charge per closed night, whichever instance closed it.
      const folio = await getFolio(t, guest.id);
      const nights = folio.lines.filter((l) => l.charge_type === 'room').map((l) => l.room_night).sort();
      assert.deepEqual(nights, dates);
    });
  },
);
