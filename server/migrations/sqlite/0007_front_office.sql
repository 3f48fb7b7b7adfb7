-- Front office (PostgreSQL's 0006_front_office.sql): each property's business
-- date and night-audit time, its VAT rate; the folio's charges and
-- corrections (payments gain the business date they were taken on); the
-- night audits that close a business date.
-- Folio lines and night audits are immutable (triggers refuse UPDATE and
-- DELETE); a folio line is never posted on a closed date (a trigger refuses
-- a business date on or before the property's last audited one). Existing
-- properties start at yesterday's UTC date: SQLite has no time zones, and a
-- day back is never later than any zone's local date (the scheduler then
-- closes the day or two a zone east of UTC is ahead).

ALTER TABLE properties ADD COLUMN business_date TEXT NOT NULL DEFAULT '1970-01-01';
UPDATE properties SET business_date = date('now', '-1 day');
ALTER TABLE properties ADD COLUMN last_audit_date TEXT;
ALTER TABLE properties ADD COLUMN night_audit_time TEXT NOT NULL DEFAULT '03:00'
  CHECK (night_audit_time GLOB '[0-2][0-9]:[0-5][0-9]' AND night_audit_time < '24:00');
ALTER TABLE properties ADD COLUMN vat_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (vat_rate_bp BETWEEN 0 AND 10000);

ALTER TABLE payments ADD COLUMN business_date TEXT;

CREATE TABLE folio_lines (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  reservation_id TEXT NOT NULL,
  property_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('charge','correction')),
  charge_type TEXT NOT NULL
    CHECK (charge_type IN ('room','minibar','parking','breakfast','late_checkout','cancellation_fee','other')),
  business_date TEXT NOT NULL,
  room_night TEXT,
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_minor INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  currency TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  corrects TEXT,
  reason TEXT,
  posted_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT folio_lines_room_night_key UNIQUE (tenant_id, reservation_id, room_night),
  CONSTRAINT folio_lines_correction_check CHECK ((kind = 'correction') = (corrects IS NOT NULL)),
  CONSTRAINT folio_lines_amount_check CHECK (
    (kind = 'charge' AND unit_price_minor >= 0 AND amount_minor = quantity * unit_price_minor) OR
    (kind = 'correction' AND amount_minor < 0)),
  FOREIGN KEY (tenant_id, reservation_id) REFERENCES reservations (tenant_id, id),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id),
  FOREIGN KEY (tenant_id, corrects) REFERENCES folio_lines (tenant_id, id)
);
CREATE INDEX folio_lines_tenant_reservation_idx ON folio_lines (tenant_id, reservation_id, created_at);
CREATE INDEX folio_lines_tenant_property_date_idx ON folio_lines (tenant_id, property_id, business_date);
CREATE INDEX folio_lines_tenant_corrects_idx ON folio_lines (tenant_id, corrects);

CREATE TRIGGER folio_lines_no_update BEFORE UPDATE ON folio_lines
BEGIN
  SELECT RAISE(ABORT, 'folio lines are immutable');
END;
CREATE TRIGGER folio_lines_no_delete BEFORE DELETE ON folio_lines
BEGIN
  SELECT RAISE(ABORT, 'folio lines are immutable');
END;
CREATE TRIGGER folio_lines_date_closed BEFORE INSERT ON folio_lines
BEGIN
  SELECT RAISE(ABORT, 'folio_lines_date_closed') WHERE EXISTS (
    SELECT 1 FROM properties p
     WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.property_id
       AND p.last_audit_date IS NOT NULL AND NEW.business_date <= p.last_audit_date);
END;

CREATE TABLE night_audits (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  property_id TEXT NOT NULL,
  business_date TEXT NOT NULL,
  room_charges_posted INTEGER NOT NULL,
  amount_posted_minor INTEGER NOT NULL,
  room_revenue_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  no_shows INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  rooms_available INTEGER NOT NULL,
  rooms_sold INTEGER NOT NULL,
  forced INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0,1)),
  reason TEXT,
  run_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT night_audits_date_key UNIQUE (tenant_id, property_id, business_date),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id)
);
CREATE TRIGGER night_audits_no_update BEFORE UPDATE ON night_audits
BEGIN
  SELECT RAISE(ABORT, 'night audits are immutable');
END;
CREATE TRIGGER night_audits_no_delete BEFORE DELETE ON night_audits
BEGIN
  SELECT RAISE(ABORT, 'night audits are immutable');
END;
