// /hotel/roles/new and /hotel/roles/:id: a hotel role in the shared role
// editor with the hotel: permission catalogue (a permission the user does
// not hold cannot be granted; system roles are read-only).
import { useParams } from 'react-router-dom';
import { QueryView } from '@/components/error-pages';
import { RoleForm } from '@/components/role-form';
import { useDeleteHotelRole, useHotelPermissions, useHotelRole, useSaveHotelRole, type HotelRole } from './api';

export function HotelRoleEditorPage() {
  const { id } = useParams();
  const query = useHotelRole(id);
  if (id === undefined) return <HotelRoleForm key="new" />;
  return (
    <QueryView query={query} home="/hotel/roles">
      {(role) => <HotelRoleForm key={`${role.id}:${role.version}`} role={role} />}
    </QueryView>
  );
}

function HotelRoleForm({ role }: { role?: HotelRole }) {
  const catalogue = useHotelPermissions();
  const save = useSaveHotelRole(role?.id);
  const remove = useDeleteHotelRole();
  return (
    <RoleForm
      scope="hotel"
      role={role}
      listPath="/hotel/roles"
      catalogue={catalogue}
      create={(f) => save.mutateAsync({ create: { ...f, description: f.description || undefined } })}
      update={(f) => save.mutateAsync({ update: { ...f, description: f.description || null } })}
      remove={() => remove.mutateAsync(role!.id)}
      saving={save.isPending}
      deleting={remove.isPending}
    />
  );
}
