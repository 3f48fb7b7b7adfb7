-- Invoices and credit notes (PostgreSQL's 0007_invoices.sql). Numbers run
-- per property and calendar year without gaps: invoice_sequences holds the
-- last number, taken with an upsert inside the issuing transaction (SQLite's
-- writers are serialized, and a rollback gives the number back). Invoices
-- and their lines are immutable: triggers refuse UPDATE and DELETE.

CREATE TABLE invoice_sequences (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  property_id TEXT NOT NULL,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_number INTEGER NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (tenant_id, property_id, year),
  FOREIGN KEY (tenant_id, property_id) REFERENCES properties (tenant_id, id)
);

CREATE TABLE invoices (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  property_id TEXT NOT NULL,
  reservation_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('invoice','credit_note')),
  number TEXT NOT NULL,
  year INTEGER NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  credit_of TEXT,
  business_date TEXT NOT NULL,
  seller_name TEXT NOT NULL,
  seller_address TEXT,
  buyer_name TEXT NOT NULL,
  buyer_email TEXT,
  confirmation_number TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  vat_rate_bp INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  net_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  paid_minor INTEGER NOT NULL,
  reason TEXT,
  issued_by TEXT,
  issued_at TEXT NOT NULL,
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
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  invoice_id TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position > 0),
  business_date TEXT NOT NULL,
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price_minor INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, position),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN
  SELECT RAISE(ABORT, 'invoices are immutable');
END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN
  SELECT RAISE(ABORT, 'invoices are immutable');
END;
CREATE TRIGGER invoice_lines_no_update BEFORE UPDATE ON invoice_lines
BEGIN
  SELECT RAISE(ABORT, 'invoices are immutable');
END;
CREATE TRIGGER invoice_lines_no_delete BEFORE DELETE ON invoice_lines
BEGIN
  SELECT RAISE(ABORT, 'invoices are immutable');
END;
