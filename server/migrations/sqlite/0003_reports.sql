-- Report jobs: exports that run in the background. A hotel's jobs are
-- tenant-owned (tenant_id leads the key); the platform's own exports live in
-- platform_report_jobs, which no tenant can reach. Files are kept under
-- KEYCARD_DATA_DIR/reports/ by file_name until expires_at.
-- A running job holds a lease: a worker that stops renewing it (its instance
-- died) loses the job to another worker once lease_until has passed.

CREATE TABLE report_jobs (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  report_id TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv','xlsx','pdf','json')),
  parameters TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  rows_written INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until TEXT,
  file_name TEXT NOT NULL,
  file_size INTEGER,
  created_by TEXT,
  impersonated_by TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  expires_at TEXT,
  file_deleted_at TEXT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX report_jobs_tenant_creator_idx ON report_jobs (tenant_id, created_by, created_at);
CREATE INDEX report_jobs_status_idx ON report_jobs (status, lease_until);
CREATE INDEX report_jobs_expires_idx ON report_jobs (expires_at);

CREATE TABLE platform_report_jobs (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv','xlsx','pdf','json')),
  parameters TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  rows_written INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until TEXT,
  file_name TEXT NOT NULL,
  file_size INTEGER,
  created_by TEXT,
  impersonated_by TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  expires_at TEXT,
  file_deleted_at TEXT
);
CREATE INDEX platform_report_jobs_creator_idx ON platform_report_jobs (created_by, created_at);
CREATE INDEX platform_report_jobs_status_idx ON platform_report_jobs (status, lease_until);
CREATE INDEX platform_report_jobs_expires_idx ON platform_report_jobs (expires_at);
