// Mantine theme: indigo accents, rounded glass surfaces (the app's theme.css).
import { AppShell, Card, Drawer, Modal, Paper, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Paper: Paper.extend({ classNames: { root: 'kc-glass' } }),
    Card: Card.extend({ classNames: { root: 'kc-glass' } }),
    Drawer: Drawer.extend({ classNames: { content: 'kc-glass-strong' } }),
    Modal: Modal.extend({ classNames: { content: 'kc-glass kc-glass-strong' }, defaultProps: { centered: true } }),
    AppShell: AppShell.extend({ classNames: { header: 'kc-glass kc-bar', navbar: 'kc-glass kc-bar' } }),
  },
});
