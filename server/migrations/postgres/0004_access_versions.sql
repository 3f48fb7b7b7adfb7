-- Versions of what a request's principal is built from, so that an instance
-- may keep principals in memory and still see a change on the very next
-- request: each request reads these two numbers in one cheap statement, in
-- its own tenant transaction, and rebuilds the principal when either moved.
--   users.access_version      bumped by every UPDATE of the user's row and
--                             every change to one of their sessions;
--   access_versions.version   per tenant, bumped by every change to its
--                             row, its memberships, roles, role permissions
--                             and role assignments.
-- Triggers keep them, so no write path can forget to.

ALTER TABLE users ADD COLUMN access_version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION keycard_bump_user_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.access_version := OLD.access_version + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER users_access_version BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION keycard_bump_user_access();

CREATE TABLE access_versions (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  version bigint NOT NULL
);
INSERT INTO access_versions (tenant_id, version) SELECT id, 1 FROM tenants;

GRANT SELECT, INSERT, UPDATE ON access_versions TO keycard_app;

-- Row-level security (isolation layer 4), the policy of 0001_core.sql.
ALTER TABLE access_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON access_versions
  USING (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on')
  WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('keycard.tenant_id', true), '')::uuid)
         OR (SELECT current_setting('keycard.platform', true)) = 'on');

-- A tenant's row is made with the tenant and bumped by every change to it.
CREATE FUNCTION keycard_tenant_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO access_versions (tenant_id, version) VALUES (NEW.id, 1);
  ELSE
    UPDATE access_versions SET version = version + 1 WHERE tenant_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tenants_access_version AFTER INSERT OR UPDATE ON tenants
  FOR EACH ROW EXECUTE FUNCTION keycard_tenant_access();

-- A membership, role, role permission or role assignment bumps the version
-- of the tenant it belongs to (before and after the change); platform rows,
-- without a tenant, bump none.
CREATE FUNCTION keycard_tenant_rows_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' AND NEW.tenant_id IS NOT NULL THEN
    UPDATE access_versions SET version = version + 1 WHERE tenant_id = NEW.tenant_id;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.tenant_id IS NOT NULL
     AND (TG_OP = 'DELETE' OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id) THEN
    UPDATE access_versions SET version = version + 1 WHERE tenant_id = OLD.tenant_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tenant_users_access_version AFTER INSERT OR UPDATE OR DELETE ON tenant_users
  FOR EACH ROW EXECUTE FUNCTION keycard_tenant_rows_access();
CREATE TRIGGER roles_access_version AFTER INSERT OR UPDATE OR DELETE ON roles
  FOR EACH ROW EXECUTE FUNCTION keycard_tenant_rows_access();
CREATE TRIGGER role_permissions_access_version AFTER INSERT OR UPDATE OR DELETE ON role_permissions
  FOR EACH ROW EXECUTE FUNCTION keycard_tenant_rows_access();
CREATE TRIGGER user_roles_access_version AFTER INSERT OR UPDATE OR DELETE ON user_roles
  FOR EACH ROW EXECUTE FUNCTION keycard_tenant_rows_access();

-- A session's end (logout, rotation, revocation, a password change) moves
-- its user's version, so the stamp needs no look at the sessions, which
-- row-level security would hide from a tenant transaction.
CREATE FUNCTION keycard_session_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET access_version = access_version + 1 WHERE id = OLD.user_id;
  RETURN NULL;
END $$;
CREATE TRIGGER refresh_sessions_access_version AFTER UPDATE OR DELETE ON refresh_sessions
  FOR EACH ROW EXECUTE FUNCTION keycard_session_access();
