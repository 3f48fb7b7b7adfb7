// Hotel objects as the API answers them, for the page tests.
import type { Schemas } from '@/lib/api';
import { makeMe } from '@/test/render';

export const TENANT = { id: '01a20000-0000-7000-8000-0000000000a1', name: 'Aurora', slug: 'aurora', status: 'ACTIVE' as const };
export const PROPERTY_ID = '01a20000-0000-7000-8000-0000000000b1';
export const TYPE_ID = '01a20000-0000-7000-8000-0000000000c1';
export const GUEST_ID = '01a20000-0000-7000-8000-0000000000d1';

export function hotelMe(permissions: string[]) {
  return makeMe({
    email: 'mia@aurora.test',
    first_name: 'Mia',
    last_name: 'Manager',
    user_type: 'hotel',
    tenant: TENANT,
    roles: ['custom'],
    permissions: permissions as ReturnType<typeof makeMe>['permissions'],
    tenants: [TENANT],
  });
}

export const page = <T>(items: T[]) => ({ items, page: 1, limit: 100, total: items.length });

/** What a property gains with the front office (issue 13); spread in, so the fixture fits the contract before and after. */
const frontOffice = { business_date: '2026-11-23', last_audit_date: null, night_audit_time: '03:00', vat_rate_bp: 0 };

export function property(): Schemas['Property'] {
  return {
    ...frontOffice,
    id: PROPERTY_ID,
    tenant_id: TENANT.id,
    name: 'Aurora Lisboa',
    code: 'AUR',
    timezone: 'Europe/Lisbon',
    currency: 'EUR',
    address: null,
    check_in_time: '15:00',
    check_out_time: '11:00',
    status: 'active',
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    version: 1,
  };
}

export function room(id: string, room_number: string, status: Schemas['RoomStatus'] = 'clean', version = 1): Schemas['Room'] {
  return {
    id,
    tenant_id: TENANT.id,
    property_id: PROPERTY_ID,
    room_type_id: TYPE_ID,
    room_number,
    floor: 1,
    status,
    occupied: false,
    notes: null,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    version,
  };
}

const eur = (amount_minor: number) => ({ amount_minor, currency: 'EUR' });

export function reservation(
  status: Schemas['ReservationStatus'],
  { paid = 0, version = 3, room_id = null as string | null } = {},
): Schemas['ReservationDetail'] {
  return {
    id: '01a20000-0000-7000-8000-0000000000e1',
    tenant_id: TENANT.id,
    property_id: PROPERTY_ID,
    room_type_id: TYPE_ID,
    room_id,
    guest_id: GUEST_ID,
    guest_name: 'Grace Hopper',
    confirmation_number: 'AUR-7K2QX9',
    status,
    check_in_date: '2026-11-23',
    check_out_date: '2026-11-25',
    nights: 2,
    adults: 2,
    children: 0,
    rate_minor: 12000,
    currency: 'EUR',
    total: eur(24000),
    paid: eur(paid),
    balance: eur(24000 - paid),
    notes: null,
    cancel_reason: null,
    checked_in_at: null,
    checked_out_at: null,
    cancelled_at: null,
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    version,
    status_history: [
      { from_status: null, to_status: 'pending', reason: null, changed_by: null, changed_at: '2026-11-20T10:00:00Z' },
      { from_status: 'pending', to_status: 'confirmed', reason: null, changed_by: null, changed_at: '2026-11-20T10:01:00Z' },
    ],
  };
}
