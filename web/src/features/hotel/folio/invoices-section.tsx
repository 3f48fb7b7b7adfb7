// A stay's documents: its invoices (issue one, download each as PDF) and the
// registration card. The PDFs come with the access token (requestRaw), the
// way report files do. While the invoice routes are not deployed (404) the
// section shows nothing rather than an error.
import { Badge, Button, Group, Text, Title } from '@mantine/core';
import { DataTable, type Column } from '@/components/data-table';
import { errorStatus } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import type { Invoice } from '../common/front-office';
import {
  invoicePdfPath,
  registrationCardPath,
  useDownloadPdf,
  useInvoices,
  useIssueInvoice,
  type Reservation,
} from './api';

export function InvoicesSection({ reservation }: { reservation: Reservation }) {
  const { can } = useAuth();
  const invoices = useInvoices(reservation.id);
  const issue = useIssueInvoice(reservation.id);
  const download = useDownloadPdf();
  const readable = can('hotel:invoices:read');

  if (readable && errorStatus(invoices.error) === 404) return null;

  const save = (path: string, fileName: string) =>
    download.mutate(
      { path, fileName },
      {
        onSuccess: (name) => notifySuccess(`${name} was downloaded.`, 'Downloaded'),
        onError: (e) => notifyError(e, 'Could not download the PDF'),
      },
    );

  const onIssue = async () => {
    try {
      const inv = await issue.mutateAsync();
      notifySuccess(`Invoice ${inv.number} was issued for ${formatMoney(inv.gross.amount_minor, inv.gross.currency)}.`, 'Invoice issued');
    } catch (e) {
      notifyError(e, 'Could not issue the invoice');
    }
  };

  const columns: Column<Invoice>[] = [
    {
      key: 'number',
      header: 'Number',
      render: (i) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" ff="monospace" fw={600}>
            {i.number}
          </Text>
          {i.kind === 'credit_note' && (
            <Badge color="grape" variant="light">
              Credit note
            </Badge>
          )}
          {i.credited_by && (
            <Badge color="gray" variant="light">
              Credited
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'date', header: 'Date', render: (i) => formatDate(i.business_date) },
    { key: 'gross', header: 'Gross', align: 'right', render: (i) => formatMoney(i.gross.amount_minor, i.gross.currency) },
    { key: 'balance', header: 'Balance', align: 'right', render: (i) => formatMoney(i.balance.amount_minor, i.balance.currency) },
    {
      key: 'pdf',
      header: <span className="kc-sr-only">PDF</span>,
      align: 'right',
      render: (i) => (
        <Button
          size="compact-sm"
          variant="light"
          aria-label={`PDF of ${i.number}`}
          loading={download.isPending && download.variables?.path === invoicePdfPath(i.id)}
          onClick={() => save(invoicePdfPath(i.id), `${i.number}.pdf`)}
        >
          PDF
        </Button>
      ),
    },
  ];

  return (
    <div>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Invoices
        </Title>
        <Group gap="sm">
          {/* The card prints the guest's identity document: a guest read. */}
          {can('hotel:guests:read') && (
            <Button
              variant="default"
              loading={download.isPending && download.variables?.path === registrationCardPath(reservation.id)}
              onClick={() => save(registrationCardPath(reservation.id), `registration-card-${reservation.confirmation_number}.pdf`)}
            >
              Registration card
            </Button>
          )}
          {can('hotel:invoices:create') && (
            <Button onClick={() => void onIssue()} loading={issue.isPending}>
              Issue invoice
            </Button>
          )}
        </Group>
      </Group>
      {readable && (
        <DataTable
          label="Invoices"
          columns={columns}
          rows={invoices.data?.items}
          rowKey={(i) => i.id}
          loading={invoices.isFetching}
          error={invoices.error}
          onRetry={() => void invoices.refetch()}
          emptyTitle="No invoice yet"
          emptyHint={can('hotel:invoices:create') ? 'Issue one with “Issue invoice” once the folio is complete.' : undefined}
        />
      )}
    </div>
  );
}
