// A stay's documents: its invoices and credit notes (issue an invoice,
// reverse one with a credit note and a reason, download each as PDF) and the
// registration card. The PDFs come with the access token (requestRaw), the
// way report files do. While the invoice routes are not deployed (404) the
// section shows nothing rather than an error.
import { Badge, Button, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { z } from 'zod';
import { DataTable, type Column } from '@/components/data-table';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import { errorStatus, isApiError } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import type { Invoice } from '../common/front-office';
import {
  invoicePdfPath,
  registrationCardPath,
  useCreditInvoice,
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
  const mayCredit = can('hotel:invoices:create');
  const [crediting, setCrediting] = useState<Invoice | null>(null);
  const items = invoices.data?.items;
  const numberOf = (id: string | null) => (id ? items?.find((i) => i.id === id)?.number : undefined);

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
          {i.credited_by && (
            <Badge color="gray" variant="light">
              {numberOf(i.credited_by) ? `Reversed by ${numberOf(i.credited_by)}` : 'Reversed'}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'kind',
      header: 'Kind',
      render: (i) =>
        i.kind === 'credit_note' ? (
          <div>
            <Text size="sm">Credit note</Text>
            {numberOf(i.credit_of) && (
              <Text size="xs" c="dimmed">
                Reverses {numberOf(i.credit_of)}
              </Text>
            )}
          </div>
        ) : (
          'Invoice'
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
    ...(mayCredit
      ? [
          {
            key: 'actions',
            header: <span className="kc-sr-only">Actions</span>,
            align: 'right' as const,
            render: (i: Invoice) =>
              i.kind === 'invoice' &&
              i.credited_by === null && (
                <Button size="compact-sm" variant="subtle" color="orange" aria-label={`Credit note for ${i.number}`} onClick={() => setCrediting(i)}>
                  Credit note
                </Button>
              ),
          },
        ]
      : []),
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
      <CreditNoteModal invoice={crediting} onClose={() => setCrediting(null)} />
    </div>
  );
}

const creditNoteSchema = z.object({
  reason: z.string().trim().min(1, 'A reason is required').max(500, 'At most 500 characters'),
});

/** Reverses an invoice: a credit note with the same lines negated, for a reason. */
function CreditNoteModal({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  const credit = useCreditInvoice();
  const form = useForm<{ reason: string }>({ initialValues: { reason: '' }, validate: zodValidate(creditNoteSchema) });

  useResetOnOpen(
    invoice !== null,
    () => {
      form.setValues({ reason: '' });
      form.clearErrors();
    },
    invoice,
  );

  const onSubmit = form.onSubmit(async (v) => {
    if (!invoice) return;
    try {
      const note = await credit.mutateAsync({ invoiceId: invoice.id, reason: v.reason.trim() });
      notifySuccess(`Credit note ${note.number} was issued.`, 'Invoice reversed');
      onClose();
    } catch (e) {
      if (applyServerErrors(form, e)) return;
      notifyError(e, 'Could not issue the credit note');
      // 409: already reversed (the list refreshes) or not an invoice; nothing to retry here.
      if (isApiError(e) && e.status === 409) onClose();
    }
  });

  return (
    <Modal opened={invoice !== null} onClose={onClose} title={invoice ? `Credit note for ${invoice.number}` : ''}>
      {invoice && (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              Reverses {invoice.number} of {formatMoney(invoice.gross.amount_minor, invoice.gross.currency)} with the same lines
              negated. A new invoice can then be issued.
            </Text>
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              placeholder="e.g. billed to the company instead"
              data-autofocus
              {...form.getInputProps('reason')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color="orange" loading={credit.isPending}>
                Issue credit note
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
