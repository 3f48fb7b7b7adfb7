-- Hotel operations: properties, room types, rooms, guests, reservations and
-- their status history, payments, incidents, idempotency keys.
-- Every table: tenant_id NOT NULL, a primary key led by tenant_id, composite
-- foreign keys (tenant_id, parent_id), forced row-level security.
-- A room is never held by two active reservations on one night: the
-- exclusion constraint reservations_room_unavailable refuses it, whichever
-- instance writes.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE properties (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  name text NOT NULL,
  code text NOT NULL,
  timezone text NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  address text,
  check_in_time text NOT NULL DEFAULT '15:00',
  check_out_time text NOT NULL DEFAULT '11:00',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT properties_code_key UNIQUE (tenant_id, code)
);
CREATE INDEX properties_tenant_name_idx ON properties (tenant_id, name);
CREATE INDEX properties_tenant_status_idx ON properties (tenant_id, status);

CREATE TABLE room_types (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  property_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  description text,
  capacity integer NOT NULL CHECK (capacity > 0),
  base_rate_minor bigint NOT NULL CHECK (base_rate_minor >= 0),
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT room_types_property_id_key UNIQUE (tenant_id, property_id, id),
  CONSTRAINT room_types_code_key UNIQUE (tenant_id, property_id, code),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id)
);

CREATE TABLE rooms (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  property_id uuid NOT NULL,
  room_type_id uuid NOT NULL,
  room_number text NOT NULL,
  floor integer,
  status text NOT NULL DEFAULT 'clean'
    CHECK (status IN ('clean','dirty','inspected','out_of_order','out_of_service')),
  occupied boolean NOT NULL DEFAULT false,
  notes text,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT rooms_property_id_key UNIQUE (tenant_id, property_id, id),
  CONSTRAINT rooms_number_key UNIQUE (tenant_id, property_id, room_number),
  FOREIGN KEY (tenant_id, property_id, room_type_id) REFERENCES room_types (tenant_id, property_id, id)
);
CREATE INDEX rooms_tenant_status_idx ON rooms (tenant_id, status);
CREATE INDEX rooms_tenant_type_idx ON rooms (tenant_id, room_type_id);

CREATE TABLE guests (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text,
  phone text,
  id_type text,
  id_number text,
  nationality text,
  notes text,
  erased_at timestamptz,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX guests_tenant_name_idx ON guests (tenant_id, lower(last_name), lower(first_name));
CREATE INDEX guests_tenant_email_idx ON guests (tenant_id, lower(email));
CREATE INDEX guests_tenant_phone_idx ON guests (tenant_id, phone);

CREATE TABLE reservations (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  property_id uuid NOT NULL,
  room_type_id uuid NOT NULL,
  room_id uuid,
  guest_id uuid NOT NULL,
  confirmation_number text NOT NULL,
  status text NOT NULL
    CHECK (status IN ('pending','confirmed','checked_in','checked_out','cancelled','no_show')),
  check_in_date date NOT NULL,
  check_out_date date NOT NULL,
  adults integer NOT NULL CHECK (adults >= 1),
  children integer NOT NULL DEFAULT 0 CHECK (children >= 0),
  rate_minor bigint NOT NULL CHECK (rate_minor >= 0),
  currency text NOT NULL,
  notes text,
  cancel_reason text,
  checked_in_at timestamptz,
  checked_out_at timestamptz,
  cancelled_at timestamptz,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT reservations_confirmation_key UNIQUE (tenant_id, confirmation_number),
  CONSTRAINT reservations_dates_check CHECK (check_out_date > check_in_date),
  FOREIGN KEY (tenant_id, property_id, room_type_id) REFERENCES room_types (tenant_id, property_id, id),
  FOREIGN KEY (tenant_id, property_id, room_id) REFERENCES rooms (tenant_id, property_id, id),
  FOREIGN KEY (tenant_id, guest_id) REFERENCES guests (tenant_id, id),
  CONSTRAINT reservations_room_unavailable EXCLUDE USING gist (
    tenant_id WITH =, room_id WITH =, daterange(check_in_date, check_out_date, '[)') WITH &&)
    WHERE (status IN ('pending','confirmed','checked_in') AND room_id IS NOT NULL)
);
CREATE INDEX reservations_tenant_property_idx ON reservations (tenant_id, property_id, check_in_date);
CREATE INDEX reservations_tenant_type_idx ON reservations (tenant_id, room_type_id, check_in_date);
CREATE INDEX reservations_tenant_room_idx ON reservations (tenant_id, property_id, room_id);
CREATE INDEX reservations_tenant_guest_idx ON reservations (tenant_id, guest_id);
CREATE INDEX reservations_tenant_status_idx ON reservations (tenant_id, status);

CREATE TABLE reservation_status_history (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  reservation_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  reason text,
  changed_by uuid,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, reservation_id) REFERENCES reservations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX reservation_status_history_idx ON reservation_status_history (tenant_id, reservation_id, changed_at);

-- Payments and refunds in minor units. Never a card number or security code.
CREATE TABLE payments (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  reservation_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('payment','refund')),
  refund_of uuid,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  method text NOT NULL CHECK (method IN ('cash','card','bank_transfer','other')),
  reference text,
  reason text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
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

-- Links are optional; deleting what an incident points at clears the link
-- (SET NULL names the column: the tenant is never nulled).
CREATE TABLE incidents (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  property_id uuid,
  room_id uuid,
  guest_id uuid,
  reservation_id uuid,
  assigned_to uuid,
  title text NOT NULL,
  category text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','resolved','closed')),
  description text,
  resolved_at timestamptz,
  reported_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id) ON DELETE SET NULL (property_id),
  FOREIGN KEY (tenant_id, room_id) REFERENCES rooms (tenant_id, id) ON DELETE SET NULL (room_id),
  FOREIGN KEY (tenant_id, guest_id) REFERENCES guests (tenant_id, id) ON DELETE SET NULL (guest_id),
  FOREIGN KEY (tenant_id, reservation_id) REFERENCES reservations (tenant_id, id) ON DELETE SET NULL (reservation_id),
  FOREIGN KEY (tenant_id, assigned_to) REFERENCES tenant_users (tenant_id, user_id) ON DELETE SET NULL (assigned_to)
);
CREATE INDEX incidents_tenant_status_idx ON incidents (tenant_id, status, severity);
CREATE INDEX incidents_tenant_severity_idx ON incidents (tenant_id, severity);
CREATE INDEX incidents_tenant_property_idx ON incidents (tenant_id, property_id);
CREATE INDEX incidents_tenant_room_idx ON incidents (tenant_id, room_id);
CREATE INDEX incidents_tenant_guest_idx ON incidents (tenant_id, guest_id);
CREATE INDEX incidents_tenant_reservation_idx ON incidents (tenant_id, reservation_id);
CREATE INDEX incidents_tenant_assignee_idx ON incidents (tenant_id, assigned_to);

-- The first answer to a POST with an Idempotency-Key, replayed for the same
-- key and body.
CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  idempotency_key text NOT NULL,
  endpoint text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response_body text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, idempotency_key, endpoint)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (tenant_id, created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON properties, room_types, rooms, guests, reservations,
  reservation_status_history, payments, incidents, idempotency_keys TO keycard_app;

-- Row-level security (isolation layer 4), the policy of 0001_core.sql.
ALTER TABLE properties ENABLE ROW LEVEL SECURITY;
ALTER TABLE properties FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON properties
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE room_types ENABLE ROW LEVEL SECURITY;
ALTER TABLE room_types FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON room_types
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE rooms ENABLE ROW LEVEL SECURITY;
ALTER TABLE rooms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rooms
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE guests ENABLE ROW LEVEL SECURITY;
ALTER TABLE guests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON guests
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE reservations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reservations
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE reservation_status_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE reservation_status_history FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reservation_status_history
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payments
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE incidents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON incidents
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');
