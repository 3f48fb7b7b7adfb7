-- Hotel operations: properties, room types, rooms, guests, reservations and
-- their status history, payments, incidents, idempotency keys.
-- Every table: tenant_id NOT NULL, a primary key led by tenant_id, composite
-- foreign keys (tenant_id, parent_id). Dates are YYYY-MM-DD text.
-- A room is never held by two active reservations on one night: triggers
-- refuse it inside the write transaction (writers are serialized by BEGIN
-- IMMEDIATE), the counterpart of PostgreSQL's exclusion constraint.

CREATE TABLE properties (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL,
  timezone TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  address TEXT,
  check_in_time TEXT NOT NULL DEFAULT '15:00',
  check_out_time TEXT NOT NULL DEFAULT '11:00',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
  created_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT properties_code_key UNIQUE (tenant_id, code)
);
CREATE INDEX properties_tenant_name_idx ON properties (tenant_id, name);
CREATE INDEX properties_tenant_status_idx ON properties (tenant_id, status);

CREATE TABLE room_types (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  property_id TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  base_rate_minor INTEGER NOT NULL CHECK (base_rate_minor >= 0),
  created_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT room_types_property_id_key UNIQUE (tenant_id, property_id, id),
  CONSTRAINT room_types_code_key UNIQUE (tenant_id, property_id, code),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id)
);

CREATE TABLE rooms (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  property_id TEXT NOT NULL,
  room_type_id TEXT NOT NULL,
  room_number TEXT NOT NULL,
  floor INTEGER,
  status TEXT NOT NULL DEFAULT 'clean'
    CHECK (status IN ('clean','dirty','inspected','out_of_order','out_of_service')),
  occupied INTEGER NOT NULL DEFAULT 0 CHECK (occupied IN (0,1)),
  notes TEXT,
  created_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT rooms_property_id_key UNIQUE (tenant_id, property_id, id),
  CONSTRAINT rooms_number_key UNIQUE (tenant_id, property_id, room_number),
  FOREIGN KEY (tenant_id, property_id, room_type_id) REFERENCES room_types (tenant_id, property_id, id)
);
CREATE INDEX rooms_tenant_status_idx ON rooms (tenant_id, status);
CREATE INDEX rooms_tenant_type_idx ON rooms (tenant_id, room_type_id);

CREATE TABLE guests (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  id_type TEXT,
  id_number TEXT,
  nationality TEXT,
  notes TEXT,
  erased_at TEXT,
  created_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX guests_tenant_name_idx ON guests (tenant_id, lower(last_name), lower(first_name));
CREATE INDEX guests_tenant_email_idx ON guests (tenant_id, lower(email));
CREATE INDEX guests_tenant_phone_idx ON guests (tenant_id, phone);

CREATE TABLE reservations (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  property_id TEXT NOT NULL,
  room_type_id TEXT NOT NULL,
  room_id TEXT,
  guest_id TEXT NOT NULL,
  confirmation_number TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('pending','confirmed','checked_in','checked_out','cancelled','no_show')),
  check_in_date TEXT NOT NULL,
  check_out_date TEXT NOT NULL,
  adults INTEGER NOT NULL CHECK (adults >= 1),
  children INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
  rate_minor INTEGER NOT NULL CHECK (rate_minor >= 0),
  currency TEXT NOT NULL,
  notes TEXT,
  cancel_reason TEXT,
  checked_in_at TEXT,
  checked_out_at TEXT,
  cancelled_at TEXT,
  created_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT reservations_confirmation_key UNIQUE (tenant_id, confirmation_number),
  CONSTRAINT reservations_dates_check CHECK (check_out_date > check_in_date),
  FOREIGN KEY (tenant_id, property_id, room_type_id) REFERENCES room_types (tenant_id, property_id, id),
  FOREIGN KEY (tenant_id, property_id, room_id) REFERENCES rooms (tenant_id, property_id, id),
  FOREIGN KEY (tenant_id, guest_id) REFERENCES guests (tenant_id, id),
  CONSTRAINT reservations_dates_format_check CHECK (
    check_in_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND
    check_out_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
CREATE INDEX reservations_tenant_property_idx ON reservations (tenant_id, property_id, check_in_date);
CREATE INDEX reservations_tenant_type_idx ON reservations (tenant_id, room_type_id, check_in_date);
CREATE INDEX reservations_tenant_room_idx ON reservations (tenant_id, property_id, room_id);
CREATE INDEX reservations_tenant_guest_idx ON reservations (tenant_id, guest_id);
CREATE INDEX reservations_tenant_status_idx ON reservations (tenant_id, status);

CREATE TRIGGER reservations_room_unavailable_insert BEFORE INSERT ON reservations
WHEN NEW.room_id IS NOT NULL AND NEW.status IN ('pending','confirmed','checked_in')
BEGIN
  SELECT RAISE(ABORT, 'room_unavailable') WHERE EXISTS (
    SELECT 1 FROM reservations r
     WHERE r.tenant_id = NEW.tenant_id AND r.room_id = NEW.room_id
       AND r.status IN ('pending','confirmed','checked_in')
       AND r.check_in_date < NEW.check_out_date AND NEW.check_in_date < r.check_out_date);
END;
CREATE TRIGGER reservations_room_unavailable_update BEFORE UPDATE ON reservations
WHEN NEW.room_id IS NOT NULL AND NEW.status IN ('pending','confirmed','checked_in')
BEGIN
  SELECT RAISE(ABORT, 'room_unavailable') WHERE EXISTS (
    SELECT 1 FROM reservations r
     WHERE r.tenant_id = NEW.tenant_id AND r.room_id = NEW.room_id AND r.id <> NEW.id
       AND r.status IN ('pending','confirmed','checked_in')
       AND r.check_in_date < NEW.check_out_date AND NEW.check_in_date < r.check_out_date);
END;

CREATE TABLE reservation_status_history (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  reservation_id TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT,
  changed_by TEXT,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, reservation_id) REFERENCES reservations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX reservation_status_history_idx ON reservation_status_history (tenant_id, reservation_id, changed_at);

-- Payments and refunds in minor units. Never a card number or security code.
CREATE TABLE payments (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  reservation_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('payment','refund')),
  refund_of TEXT,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  method TEXT NOT NULL CHECK (method IN ('cash','card','bank_transfer','other')),
  reference TEXT,
  reason TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT payments_refund_check CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
  FOREIGN KEY (tenant_id, reservation_id) REFERENCES reservations (tenant_id, id),
  FOREIGN KEY (tenant_id, refund_of) REFERENCES payments (tenant_id, id)
);
CREATE INDEX payments_tenant_reservation_idx ON payments (tenant_id, reservation_id);
CREATE INDEX payments_tenant_refund_idx ON payments (tenant_id, refund_of);
CREATE INDEX payments_tenant_created_idx ON payments (tenant_id, created_at);
CREATE INDEX payments_tenant_method_idx ON payments (tenant_id, method, created_at);
CREATE INDEX payments_tenant_kind_idx ON payments (tenant_id, kind, created_at);

-- Links are optional; deleting what an incident points at clears the link.
-- SQLite's SET NULL would null every column of the composite key, tenant_id
-- too, so AFTER DELETE triggers clear just the link (foreign keys are checked
-- at the end of the statement, after the triggers).
CREATE TABLE incidents (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  property_id TEXT,
  room_id TEXT,
  guest_id TEXT,
  reservation_id TEXT,
  assigned_to TEXT,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','resolved','closed')),
  description TEXT,
  resolved_at TEXT,
  reported_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id),
  FOREIGN KEY (tenant_id, room_id) REFERENCES rooms (tenant_id, id),
  FOREIGN KEY (tenant_id, guest_id) REFERENCES guests (tenant_id, id),
  FOREIGN KEY (tenant_id, reservation_id) REFERENCES reservations (tenant_id, id),
  FOREIGN KEY (tenant_id, assigned_to) REFERENCES tenant_users (tenant_id, user_id)
);
CREATE INDEX incidents_tenant_status_idx ON incidents (tenant_id, status, severity);
CREATE INDEX incidents_tenant_severity_idx ON incidents (tenant_id, severity);
CREATE INDEX incidents_tenant_property_idx ON incidents (tenant_id, property_id);
CREATE INDEX incidents_tenant_room_idx ON incidents (tenant_id, room_id);
CREATE INDEX incidents_tenant_guest_idx ON incidents (tenant_id, guest_id);
CREATE INDEX incidents_tenant_reservation_idx ON incidents (tenant_id, reservation_id);
CREATE INDEX incidents_tenant_assignee_idx ON incidents (tenant_id, assigned_to);
CREATE TRIGGER incidents_property_deleted AFTER DELETE ON properties
BEGIN UPDATE incidents SET property_id = NULL WHERE tenant_id = OLD.tenant_id AND property_id = OLD.id; END;
CREATE TRIGGER incidents_room_deleted AFTER DELETE ON rooms
BEGIN UPDATE incidents SET room_id = NULL WHERE tenant_id = OLD.tenant_id AND room_id = OLD.id; END;
CREATE TRIGGER incidents_guest_deleted AFTER DELETE ON guests
BEGIN UPDATE incidents SET guest_id = NULL WHERE tenant_id = OLD.tenant_id AND guest_id = OLD.id; END;
CREATE TRIGGER incidents_reservation_deleted AFTER DELETE ON reservations
BEGIN UPDATE incidents SET reservation_id = NULL WHERE tenant_id = OLD.tenant_id AND reservation_id = OLD.id; END;
CREATE TRIGGER incidents_assignee_removed AFTER DELETE ON tenant_users
BEGIN UPDATE incidents SET assigned_to = NULL WHERE tenant_id = OLD.tenant_id AND assigned_to = OLD.user_id; END;

-- The first answer to a POST with an Idempotency-Key, replayed for the same
-- key and body.
CREATE TABLE idempotency_keys (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  idempotency_key TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status_code INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, idempotency_key, endpoint)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (tenant_id, created_at);
