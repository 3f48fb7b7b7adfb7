-- Report jobs: exports that run in the background. A hotel's jobs are
-- tenant-owned (tenant_id leads the key, row-level security as everywhere);
-- the platform's own exports live in platform_report_jobs, which no tenant
-- can reach. Files are kept under KEYCARD_DATA_DIR/reports/ by file_name
-- until expires_at. Workers claim queued jobs with FOR UPDATE SKIP LOCKED; a
-- running job holds a lease that a dead instance stops renewing.

CREATE TABLE report_jobs (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  id uuid NOT NULL,
  report_id text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv','xlsx','pdf','json')),
  parameters text NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  rows_written bigint NOT NULL DEFAULT 0,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  file_name text NOT NULL,
  file_size bigint,
  created_by uuid,
  impersonated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz,
  file_deleted_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX report_jobs_tenant_creator_idx ON report_jobs (tenant_id, created_by, created_at);
CREATE INDEX report_jobs_status_idx ON report_jobs (status, lease_until);
CREATE INDEX report_jobs_expires_idx ON report_jobs (expires_at);

CREATE TABLE platform_report_jobs (
  id uuid PRIMARY KEY,
  report_id text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv','xlsx','pdf','json')),
  parameters text NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  rows_written bigint NOT NULL DEFAULT 0,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  file_name text NOT NULL,
  file_size bigint,
  created_by uuid,
  impersonated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz,
  file_deleted_at timestamptz
);
CREATE INDEX platform_report_jobs_creator_idx ON platform_report_jobs (created_by, created_at);
CREATE INDEX platform_report_jobs_status_idx ON platform_report_jobs (status, lease_until);
CREATE INDEX platform_report_jobs_expires_idx ON platform_report_jobs (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON report_jobs, platform_report_jobs TO keycard_app;

-- Row-level security (isolation layer 4), the policy of 0001_core.sql. The
-- platform table has no tenant: only platform-scope transactions see it.
ALTER TABLE report_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON report_jobs
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

ALTER TABLE platform_report_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_report_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_only ON platform_report_jobs
  USING ((SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK ((SELECT current_setting('keycard.platform', true)) = 'on');
