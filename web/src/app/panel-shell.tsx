// The frame of both panels: header (brand, an optional status such as the
// live connection's, theme, user menu), navigation filtered by permissions,
// an optional banner, and the page.
import { AppShell, Avatar, Burger, Group, Menu, NavLink as MantineNavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ColorSchemeToggle } from '@/components/color-scheme-toggle';
import { ChangePasswordModal } from '@/features/auth/change-password-modal';
import { fullName } from '@/lib/format';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyError, notifySuccess } from '@/lib/notify';
import { visibleNav, type NavItem } from './nav';

export function PanelShell({
  panel,
  nav,
  banner,
  status,
}: {
  panel: string;
  nav: readonly NavItem[];
  banner?: ReactNode;
  status?: ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const [passwordOpen, password] = useDisclosure(false);
  const { me, can, logout, switchTenant } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const items = visibleNav(nav, can);
  const name = fullName(me) || me?.email || '';

  const onLogout = async () => {
    try {
      await logout();
      notifySuccess('You are signed out.', 'Signed out');
      navigate('/login', { replace: true });
    } catch (e) {
      notifyError(e);
    }
  };

  const otherTenants = me?.impersonation ? [] : (me?.tenants ?? []).filter((t) => t.id !== me?.tenant?.id);
  const onSwitch = async (tenant: { id: string; name: string }) => {
    try {
      await switchTenant(tenant.id);
      notifySuccess(`You are now working in ${tenant.name}.`, 'Hotel switched');
      navigate('/hotel/dashboard');
    } catch (e) {
      notifyError(e, 'Could not switch hotel');
    }
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#kc-content" className="kc-skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <Text fw={700} fz="lg">
              Keycard
            </Text>
            <Text c="dimmed" fz="sm" visibleFrom="xs">
              {panel}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {status}
            <ColorSchemeToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label="Account menu">
                  <Group gap="xs" wrap="nowrap">
                    <Avatar radius="xl" size="sm" color="indigo">
                      {(me?.first_name?.[0] ?? '') + (me?.last_name?.[0] ?? '')}
                    </Avatar>
                    <Text size="sm" fw={500} visibleFrom="sm">
                      {name}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me?.email}</Menu.Label>
                {me?.tenant && <Menu.Label>{me.tenant.name}</Menu.Label>}
                {otherTenants.length > 0 && (
                  <>
                    <Menu.Divider />
                    <Menu.Label>Switch hotel</Menu.Label>
                    {otherTenants.map((t) => (
                      <Menu.Item key={t.id} onClick={() => void onSwitch(t)} disabled={t.status !== 'ACTIVE' && t.status !== 'TRIAL'}>
                        {t.name}
                      </Menu.Item>
                    ))}
                    <Menu.Divider />
                  </>
                )}
                {!me?.impersonation && <Menu.Item onClick={password.open}>Change password</Menu.Item>}
                <Menu.Item onClick={() => void onLogout()}>Sign out</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={`${panel} navigation`}>
        <AppShell.Section grow component={ScrollArea}>
          <nav>
            {items.map((item) => (
              <MantineNavLink
                key={item.to}
                component={NavLink}
                to={item.to}
                end={item.deep === false}
                label={item.label}
                className="kc-nav-link"
                onClick={close}
                active={
                  item.deep === false
                    ? location.pathname === item.to
                    : location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)
                }
              />
            ))}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>

      <ChangePasswordModal opened={passwordOpen} onClose={password.close} />
      <AppShell.Main className="kc-main">
        {banner}
        <div id="kc-content" tabIndex={-1} style={{ outline: 'none' }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
