// /{admin,hotel}/roles/new and /{admin,hotel}/roles/:id: a role of the panel
// in the shared role editor with the panel's permission catalogue (a
// permission the user does not hold cannot be granted; system roles are
// read-only).
import { useParams } from 'react-router-dom';
import { QueryView } from '@/components/error-pages';
import { RoleForm } from '@/components/role-form';
import type { Panel } from '@/lib/panel';
import { useCreateRole, useDeleteRole, usePermissionCatalogue, useRole, useUpdateRole, type Role } from './api';

export function RoleEditorPage({ panel }: { panel: Panel }) {
  const { id } = useParams();
  const query = useRole(panel, id);
  if (id === undefined) return <PanelRoleForm key="new" panel={panel} />;
  return (
    <QueryView query={query} home={`/${panel}/roles`}>
      {(role) => <PanelRoleForm key={`${role.id}:${role.version}`} panel={panel} role={role} />}
    </QueryView>
  );
}

function PanelRoleForm({ panel, role }: { panel: Panel; role?: Role }) {
  const catalogue = usePermissionCatalogue(panel);
  const create = useCreateRole(panel);
  const update = useUpdateRole(panel, role?.id ?? '');
  const remove = useDeleteRole(panel);
  return (
    <RoleForm
      scope={panel}
      role={role}
      listPath={`/${panel}/roles`}
      catalogue={catalogue}
      create={(f) => create.mutateAsync({ ...f, description: f.description || undefined })}
      update={(f) => update.mutateAsync({ ...f, description: f.description || null })}
      remove={() => remove.mutateAsync(role!.id)}
      saving={create.isPending || update.isPending}
      deleting={remove.isPending}
    />
  );
}
