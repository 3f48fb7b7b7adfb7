-- The double-booking triggers raise the name of PostgreSQL's exclusion
-- constraint (reservations_room_unavailable), so that services match one
-- exact constraint name on both backends (db::on_constraint).
DROP TRIGGER reservations_room_unavailable_insert;
DROP TRIGGER reservations_room_unavailable_update;

CREATE TRIGGER reservations_room_unavailable_insert BEFORE INSERT ON reservations
WHEN NEW.room_id IS NOT NULL AND NEW.status IN ('pending','confirmed','checked_in')
BEGIN
  SELECT RAISE(ABORT, 'reservations_room_unavailable') WHERE EXISTS (
    SELECT 1 FROM reservations r
     WHERE r.tenant_id = NEW.tenant_id AND r.room_id = NEW.room_id
       AND r.status IN ('pending','confirmed','checked_in')
       AND r.check_in_date < NEW.check_out_date AND NEW.check_in_date < r.check_out_date);
END;
CREATE TRIGGER reservations_room_unavailable_update BEFORE UPDATE ON reservations
WHEN NEW.room_id IS NOT NULL AND NEW.status IN ('pending','confirmed','checked_in')
BEGIN
  SELECT RAISE(ABORT, 'reservations_room_unavailable') WHERE EXISTS (
    SELECT 1 FROM reservations r
     WHERE r.tenant_id = NEW.tenant_id AND r.room_id = NEW.room_id AND r.id <> NEW.id
       AND r.status IN ('pending','confirmed','checked_in')
       AND r.check_in_date < NEW.check_out_date AND NEW.check_in_date < r.check_out_date);
END;
