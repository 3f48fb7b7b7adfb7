-- Core schema: tenants, users and memberships, roles and permissions,
-- refresh sessions, impersonation sessions, the audit log, login attempts.
-- Timestamps are fixed-width RFC 3339 UTC text; booleans are 0/1.

CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('CHAIN','INDEPENDENT','FRANCHISE','MANAGEMENT_COMPANY','VACATION_RENTAL')),
  status TEXT NOT NULL CHECK (status IN ('TRIAL','ACTIVE','SUSPENDED','EXPIRED','CANCELLED')),
  status_reason TEXT,
  email TEXT NOT NULL,
  phone TEXT,
  address TEXT NOT NULL DEFAULT '{}',
  config TEXT NOT NULL DEFAULT '{}',
  subscription TEXT NOT NULL DEFAULT '{}',
  metadata TEXT NOT NULL DEFAULT '{}',
  created_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CONSTRAINT tenants_slug_key UNIQUE (slug)
);
CREATE INDEX tenants_status_idx ON tenants (status, type);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  user_type TEXT NOT NULL CHECK (user_type IN ('admin','hotel')),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  last_login_at TEXT,
  password_changed_at TEXT,
  created_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CONSTRAINT users_email_key UNIQUE (email)
);

-- A hotel user may belong to several tenants.
CREATE TABLE tenant_users (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
  created_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX tenant_users_user_idx ON tenant_users (user_id);

CREATE TABLE permissions (
  code TEXT PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('admin','hotel')),
  resource TEXT NOT NULL,
  action TEXT NOT NULL,
  description TEXT NOT NULL
);

-- Platform roles have no tenant (scope admin); hotel roles belong to one.
CREATE TABLE roles (
  id TEXT PRIMARY KEY,
  tenant_id TEXT REFERENCES tenants (id),
  scope TEXT NOT NULL CHECK (scope IN ('admin','hotel')),
  name TEXT NOT NULL,
  display_name TEXT NOT NULL,
  description TEXT,
  is_system INTEGER NOT NULL DEFAULT 0 CHECK (is_system IN (0,1)),
  created_by TEXT,
  updated_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CONSTRAINT roles_scope_tenant_check CHECK ((scope = 'admin' AND tenant_id IS NULL) OR (scope = 'hotel' AND tenant_id IS NOT NULL)),
  CONSTRAINT roles_tenant_id_key UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX roles_tenant_name_key ON roles (COALESCE(tenant_id, ''), name);

CREATE TABLE role_permissions (
  role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  tenant_id TEXT,
  permission TEXT NOT NULL,
  PRIMARY KEY (role_id, permission),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX role_permissions_tenant_idx ON role_permissions (tenant_id, role_id);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  tenant_id TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, role_id),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES tenant_users (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX user_roles_tenant_idx ON user_roles (tenant_id, user_id);
CREATE INDEX user_roles_role_idx ON user_roles (tenant_id, role_id);

CREATE TABLE impersonation_sessions (
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  admin_user_id TEXT NOT NULL REFERENCES users (id),
  target_user_id TEXT REFERENCES users (id),
  reason TEXT NOT NULL,
  started_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT,
  ip TEXT,
  user_agent TEXT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX impersonation_sessions_admin_idx ON impersonation_sessions (admin_user_id, started_at);
CREATE INDEX impersonation_sessions_started_idx ON impersonation_sessions (started_at);

-- Refresh tokens are stored only as SHA-256 hashes; a family is one login.
CREATE TABLE refresh_sessions (
  id TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id TEXT REFERENCES tenants (id),
  impersonation_session_id TEXT REFERENCES impersonation_sessions (id),
  token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  revoked_at TEXT,
  revoked_reason TEXT,
  ip TEXT,
  user_agent TEXT,
  CONSTRAINT refresh_sessions_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_sessions_family_idx ON refresh_sessions (family_id);
CREATE INDEX refresh_sessions_user_idx ON refresh_sessions (user_id);

-- Append-only and hash-chained per tenant (tenant_id NULL: the platform chain).
CREATE TABLE audit_logs (
  id TEXT PRIMARY KEY,
  tenant_id TEXT,
  chain_seq INTEGER NOT NULL,
  actor_user_id TEXT,
  actor_email TEXT,
  impersonated_by TEXT,
  impersonation_session_id TEXT,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT,
  changes TEXT NOT NULL DEFAULT '{}',
  ip TEXT,
  user_agent TEXT,
  request_id TEXT,
  created_at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE UNIQUE INDEX audit_logs_chain_key ON audit_logs (COALESCE(tenant_id, ''), chain_seq);
CREATE INDEX audit_logs_tenant_time_idx ON audit_logs (tenant_id, created_at);
CREATE INDEX audit_logs_action_idx ON audit_logs (tenant_id, action);
CREATE TRIGGER audit_logs_no_update BEFORE UPDATE ON audit_logs
BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only'); END;
CREATE TRIGGER audit_logs_no_delete BEFORE DELETE ON audit_logs
BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only'); END;

-- The head of each audit chain, locked by the writer that extends it.
CREATE TABLE audit_chain_heads (
  chain TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE login_attempts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  ip TEXT NOT NULL,
  succeeded INTEGER NOT NULL CHECK (succeeded IN (0,1)),
  created_at TEXT NOT NULL
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, created_at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, created_at);
