-- Invoices and credit notes of a reservation's folio. Numbers run per
-- property and calendar year without gaps: invoice_sequences holds the last
-- number, taken with an upsert whose row lock serializes issuers until they
-- commit (a rollback gives the number back). An invoice is immutable once
-- issued: the application role may insert and read invoices and their
-- lines, never change or delete them; a credit note reverses one.

CREATE TABLE invoice_sequences (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  property_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_number integer NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (tenant_id, property_id, year),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id)
);

CREATE TABLE invoices (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  property_id uuid NOT NULL,
  reservation_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('invoice','credit_note')),
  number text NOT NULL,
  year integer NOT NULL,
  sequence integer NOT NULL CHECK (sequence > 0),
  credit_of uuid,
  business_date date NOT NULL,
  seller_name text NOT NULL,
  seller_address text,
  buyer_name text NOT NULL,
  buyer_email text,
  confirmation_number text NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  vat_rate_bp integer NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  net_minor bigint NOT NULL,
  tax_minor bigint NOT NULL,
  gross_minor bigint NOT NULL,
  paid_minor bigint NOT NULL,
  reason text,
  issued_by uuid,
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT invoices_number_key UNIQUE (tenant_id, property_id, year, sequence),
  CONSTRAINT invoices_credit_key UNIQUE (tenant_id, credit_of),
  CONSTRAINT invoices_credit_check CHECK ((kind = 'credit_note') = (credit_of IS NOT NULL)),
  CONSTRAINT invoices_total_check CHECK (gross_minor = net_minor + tax_minor),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id),
  FOREIGN KEY (tenant_id, reservation_id) REFERENCES reservations (tenant_id, id),
  FOREIGN KEY (tenant_id, credit_of) REFERENCES invoices (tenant_id, id)
);
CREATE INDEX invoices_tenant_reservation_idx ON invoices (tenant_id, reservation_id, issued_at);

CREATE TABLE invoice_lines (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  invoice_id uuid NOT NULL,
  position integer NOT NULL CHECK (position > 0),
  business_date date NOT NULL,
  description text NOT NULL,
  quantity integer NOT NULL,
  unit_price_minor bigint NOT NULL,
  amount_minor bigint NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, position),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

GRANT SELECT, INSERT, UPDATE ON invoice_sequences TO keycard_app;
GRANT SELECT, INSERT ON invoices, invoice_lines TO keycard_app;

ALTER TABLE invoice_sequences ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_sequences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoice_sequences
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoice_lines
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');
