-- Versions of what a request's principal is built from (see the PostgreSQL
-- migration of the same number): users.access_version moves with every
-- UPDATE of the user's row and every change to one of their sessions,
-- access_versions.version with every change to a tenant's row, memberships,
-- roles, role permissions and role assignments.

ALTER TABLE users ADD COLUMN access_version INTEGER NOT NULL DEFAULT 1;

-- The WHEN clause keeps the trigger's own UPDATE from firing it again.
CREATE TRIGGER users_access_version AFTER UPDATE ON users
  WHEN NEW.access_version = OLD.access_version
BEGIN
  UPDATE users SET access_version = OLD.access_version + 1 WHERE id = NEW.id;
END;

CREATE TABLE access_versions (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  version INTEGER NOT NULL
);
INSERT INTO access_versions (tenant_id, version) SELECT id, 1 FROM tenants;

CREATE TRIGGER tenants_access_insert AFTER INSERT ON tenants
BEGIN
  INSERT INTO access_versions (tenant_id, version) VALUES (NEW.id, 1);
END;
CREATE TRIGGER tenants_access_update AFTER UPDATE ON tenants
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = NEW.id;
END;
CREATE TRIGGER tenant_users_access_insert AFTER INSERT ON tenant_users
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = NEW.tenant_id;
END;
CREATE TRIGGER tenant_users_access_update AFTER UPDATE ON tenant_users
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id IN (OLD.tenant_id, NEW.tenant_id);
END;
CREATE TRIGGER tenant_users_access_delete AFTER DELETE ON tenant_users
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = OLD.tenant_id;
END;
CREATE TRIGGER roles_access_insert AFTER INSERT ON roles
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = NEW.tenant_id;
END;
CREATE TRIGGER roles_access_update AFTER UPDATE ON roles
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id IN (OLD.tenant_id, NEW.tenant_id);
END;
CREATE TRIGGER roles_access_delete AFTER DELETE ON roles
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = OLD.tenant_id;
END;
CREATE TRIGGER role_permissions_access_insert AFTER INSERT ON role_permissions
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = NEW.tenant_id;
END;
CREATE TRIGGER role_permissions_access_update AFTER UPDATE ON role_permissions
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id IN (OLD.tenant_id, NEW.tenant_id);
END;
CREATE TRIGGER role_permissions_access_delete AFTER DELETE ON role_permissions
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = OLD.tenant_id;
END;
CREATE TRIGGER user_roles_access_insert AFTER INSERT ON user_roles
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = NEW.tenant_id;
END;
CREATE TRIGGER user_roles_access_update AFTER UPDATE ON user_roles
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id IN (OLD.tenant_id, NEW.tenant_id);
END;
CREATE TRIGGER user_roles_access_delete AFTER DELETE ON user_roles
BEGIN
  UPDATE access_versions SET version = version + 1 WHERE tenant_id = OLD.tenant_id;
END;
CREATE TRIGGER refresh_sessions_access_update AFTER UPDATE ON refresh_sessions
BEGIN
  UPDATE users SET access_version = access_version + 1 WHERE id = OLD.user_id;
END;
CREATE TRIGGER refresh_sessions_access_delete AFTER DELETE ON refresh_sessions
BEGIN
  UPDATE users SET access_version = access_version + 1 WHERE id = OLD.user_id;
END;
