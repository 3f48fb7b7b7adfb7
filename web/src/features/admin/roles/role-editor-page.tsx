// /admin/roles/new and /admin/roles/:id: a platform role in the shared role
// editor with the admin permission catalogue.
import { useParams } from 'react-router-dom';
import { QueryView } from '@/components/error-pages';
import { RoleForm } from '@/components/role-form';
import { useAdminPermissions, useAdminRole, useCreateAdminRole, useDeleteAdminRole, useUpdateAdminRole, type Role } from './api';

export function RoleEditorPage() {
  const { id } = useParams();
  const role = useAdminRole(id);
  if (id === undefined) return <AdminRoleForm key="new" />;
  return (
    <QueryView query={role} home="/admin/roles">
      {(r) => <AdminRoleForm key={`${r.id}:${r.version}`} role={r} />}
    </QueryView>
  );
}

function AdminRoleForm({ role }: { role?: Role }) {
  const catalogue = useAdminPermissions();
  const create = useCreateAdminRole();
  const update = useUpdateAdminRole(role?.id ?? '');
  const remove = useDeleteAdminRole();
  return (
    <RoleForm
      scope="admin"
      role={role}
      listPath="/admin/roles"
      catalogue={catalogue}
      create={(f) => create.mutateAsync({ ...f, description: f.description || undefined })}
      update={(f) => update.mutateAsync({ ...f, description: f.description || null })}
      remove={() => remove.mutateAsync(role!.id)}
      saving={create.isPending || update.isPending}
      deleting={remove.isPending}
    />
  );
}
