-- The reservations list's default order (check-in date, then id) as an
-- index, so a page is an index walk rather than a sort of every stay of
-- the tenant.
CREATE INDEX reservations_tenant_check_in_idx ON reservations (tenant_id, check_in_date, id);
