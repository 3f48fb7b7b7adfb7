-- Front office: each property's business date and night-audit time, its VAT
-- rate; the folio's charges and corrections (payments and refunds stay in
-- payments, which gain the business date they were taken on); the night
-- audits that close a business date.
-- Folio lines and night audits are immutable: the application role may
-- insert and read them, never update or delete them. A folio line is never
-- posted on a closed date: the trigger below refuses a business date on or
-- before the property's last audited one.

ALTER TABLE properties ADD COLUMN business_date date;
-- Row-level security is forced on properties: read every tenant's rows here.
SELECT set_config('keycard.platform', 'on', true);
UPDATE properties SET business_date = (now() AT TIME ZONE timezone)::date;
ALTER TABLE properties ALTER COLUMN business_date SET NOT NULL;
SELECT set_config('keycard.platform', '', true);
ALTER TABLE properties ADD COLUMN last_audit_date date;
ALTER TABLE properties ADD COLUMN night_audit_time text NOT NULL DEFAULT '03:00'
  CHECK (night_audit_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
ALTER TABLE properties ADD COLUMN vat_rate_bp integer NOT NULL DEFAULT 0 CHECK (vat_rate_bp BETWEEN 0 AND 10000);

ALTER TABLE payments ADD COLUMN business_date date;

CREATE TABLE folio_lines (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  reservation_id uuid NOT NULL,
  property_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('charge','correction')),
  charge_type text NOT NULL
    CHECK (charge_type IN ('room','minibar','parking','breakfast','late_checkout','cancellation_fee','other')),
  business_date date NOT NULL,
  room_night date,
  description text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_minor bigint NOT NULL,
  amount_minor bigint NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  corrects uuid,
  reason text,
  posted_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
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

CREATE FUNCTION folio_lines_date_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM properties p WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.property_id
               AND p.last_audit_date IS NOT NULL AND NEW.business_date <= p.last_audit_date) THEN
    RAISE EXCEPTION 'folio_date_closed' USING ERRCODE = 'check_violation', CONSTRAINT = 'folio_lines_date_closed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER folio_lines_date_closed BEFORE INSERT ON folio_lines
  FOR EACH ROW EXECUTE FUNCTION folio_lines_date_open();

CREATE TABLE night_audits (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  property_id uuid NOT NULL,
  business_date date NOT NULL,
  room_charges_posted integer NOT NULL,
  amount_posted_minor bigint NOT NULL,
  room_revenue_minor bigint NOT NULL,
  currency text NOT NULL,
  no_shows integer NOT NULL,
  cancelled integer NOT NULL,
  rooms_available integer NOT NULL,
  rooms_sold integer NOT NULL,
  forced boolean NOT NULL DEFAULT false,
  reason text,
  run_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT night_audits_date_key UNIQUE (tenant_id, property_id, business_date),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id)
);

GRANT SELECT, INSERT ON folio_lines TO keycard_app;
GRANT SELECT, INSERT ON night_audits TO keycard_app;

ALTER TABLE folio_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE folio_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON folio_lines
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE night_audits ENABLE ROW LEVEL SECURITY;
ALTER TABLE night_audits FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON night_audits
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');
