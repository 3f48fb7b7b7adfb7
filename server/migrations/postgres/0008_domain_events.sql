-- Domain events: the outbox that live updates (and, later, webhooks and
-- notifications) read. Every hotel audit entry that records a state change
-- writes one in the same transaction (audit::record), so a change that rolls
-- back notifies nobody and a committed one is never lost. `seq` is the
-- tenant's audit chain position: the chain head is locked until commit, so
-- within a tenant the sequence is also the commit order, and a reader that
-- resumes after N misses nothing.

CREATE TABLE domain_events (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  seq bigint NOT NULL CHECK (seq > 0),
  type text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  occurred_at timestamptz NOT NULL,
  data text NOT NULL DEFAULT '{}',
  -- the permission that reads it (events/rules.cpp): the stream filters on it
  permission text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX domain_events_tenant_time_idx ON domain_events (tenant_id, occurred_at);

GRANT SELECT, INSERT, DELETE ON domain_events TO keycard_app;

ALTER TABLE domain_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE domain_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON domain_events
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');
