-- Domain events: the outbox that live updates read (see the PostgreSQL
-- migration 0008 for the design). `seq` is the tenant's audit chain position,
-- so within a tenant it is also the commit order.

CREATE TABLE domain_events (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  seq INTEGER NOT NULL CHECK (seq > 0),
  type TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT,
  occurred_at TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  -- the permission that reads it (events/rules.cpp): the stream filters on it
  permission TEXT NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX domain_events_tenant_time_idx ON domain_events (tenant_id, occurred_at);
