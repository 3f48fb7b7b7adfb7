// A property's night audit: "Run night audit" closes the business date
// (posts the room nights, marks no-shows, advances the date) and shows its
// summary; departures still in house (409 `departures_pending`) are listed,
// with a forced close that needs a reason. Below, the audits run so far.
import { Alert, Button, Group, List, Modal, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useResetOnOpen } from '@/components/forms';
import { StatusBadge } from '@/components/status-badge';
import { api, isApiError, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime, formatMoney, formatPercent } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import type { FrontOfficeProperty, NightAuditSummary, PendingDeparture } from '../common/front-office';
import { hotelKeys, invalidateHotel } from '../common/keys';
import { staffName, useStaff } from '../common/lookups';

const LIMIT = 10;

export function useNightAudits(propertyId: string, page: number) {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.nightAudits, propertyId, page],
    queryFn: ({ signal }) =>
      api.get('/api/hotel/properties/{id}/night-audits', { params: { id: propertyId }, query: { page, limit: LIMIT }, signal }),
    enabled: can('hotel:night_audit:read'),
    placeholderData: keepPreviousData,
  });
}

export type RunAuditBody = Schemas['NightAuditRun'];

export function useRunNightAudit(propertyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RunAuditBody) =>
      api.post('/api/hotel/properties/{id}/night-audit', { params: { id: propertyId }, body }),
    // A refusal may have changed nothing, a close changes almost everything of the day.
    onSuccess: () =>
      invalidateHotel(qc, 'properties', 'nightAudits', 'reservations', 'folios', 'roomRack', 'dashboard', 'rooms', 'availability', 'payments'),
  });
}

/** The departures of a 409 `departures_pending`, or null for any other error. */
export function pendingDepartures(e: unknown): PendingDeparture[] | null {
  if (!isApiError(e) || e.status !== 409 || e.code !== 'departures_pending') return null;
  const list = e.problem.reservations;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (r): r is PendingDeparture => !!r && typeof r === 'object' && typeof (r as PendingDeparture).id === 'string',
  );
}

/** Business date, last closed date and the audit time, for the property's details table. */
export function businessRows(p: FrontOfficeProperty): [string, string][] {
  const rows: [string, string][] = [];
  if (p.business_date) rows.push(['Business date', formatDate(p.business_date)]);
  if (p.business_date !== undefined || p.last_audit_date !== undefined)
    rows.push(['Last night audit', p.last_audit_date ? formatDate(p.last_audit_date) : 'Never']);
  if (p.night_audit_time) rows.push(['Night audit at', p.night_audit_time]);
  if (p.vat_rate_bp !== undefined) rows.push(['VAT rate', `${(p.vat_rate_bp / 100).toLocaleString('en', { maximumFractionDigits: 2 })} %`]);
  return rows;
}

export function NightAuditSection({ property }: { property: FrontOfficeProperty }) {
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const audits = useNightAudits(property.id, page);
  const staff = useStaff();
  const [running, setRunning] = useState(false);

  if (!can('hotel:night_audit:read') && !can('hotel:night_audit:run')) return null;

  const columns: Column<NightAuditSummary>[] = [
    { key: 'date', header: 'Date closed', render: (a) => formatDate(a.business_date_closed) },
    { key: 'posted', header: 'Room nights', align: 'right', render: (a) => a.room_charges_posted },
    { key: 'amount', header: 'Posted', align: 'right', render: (a) => formatMoney(a.amount_posted.amount_minor, a.amount_posted.currency) },
    { key: 'occupancy', header: 'Occupancy', align: 'right', render: (a) => formatPercent(a.occupancy) },
    { key: 'adr', header: 'ADR', align: 'right', render: (a) => formatMoney(a.adr.amount_minor, a.adr.currency), visibleFrom: 'md' },
    { key: 'noshows', header: 'No-shows', align: 'right', render: (a) => a.no_shows, visibleFrom: 'md' },
    {
      key: 'by',
      header: 'Run by',
      render: (a) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{a.run_by === null ? 'Scheduler' : (staffName(staff.data, a.run_by) ?? 'Staff')}</Text>
          {a.forced && <StatusBadge status="forced" color="orange" />}
        </Group>
      ),
    },
    { key: 'when', header: 'At', render: (a) => formatDateTime(a.created_at), visibleFrom: 'lg' },
  ];

  return (
    <div>
      <Group justify="space-between" mb="sm" mt="lg">
        <Title order={2} fz="h4">
          Night audit
        </Title>
        {can('hotel:night_audit:run') && <Button onClick={() => setRunning(true)}>Run night audit</Button>}
      </Group>
      {can('hotel:night_audit:read') && (
        <DataTable
          label="Night audits"
          columns={columns}
          rows={audits.data?.items}
          rowKey={(a) => a.id}
          loading={audits.isFetching}
          error={audits.error}
          onRetry={() => void audits.refetch()}
          emptyTitle="No night audit yet"
          page={page}
          limit={LIMIT}
          total={audits.data?.total}
          onPageChange={setPage}
        />
      )}
      <RunAuditModal opened={running} onClose={() => setRunning(false)} property={property} />
    </div>
  );
}

function RunAuditModal({ opened, onClose, property }: { opened: boolean; onClose: () => void; property: FrontOfficeProperty }) {
  const run = useRunNightAudit(property.id);
  const [summary, setSummary] = useState<NightAuditSummary | null>(null);
  const [pending, setPending] = useState<PendingDeparture[] | null>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const date = property.business_date;

  useResetOnOpen(opened, () => {
    setSummary(null);
    setPending(null);
    setReason('');
    setTouched(false);
  });

  const submit = async (force: boolean) => {
    if (force) {
      setTouched(true);
      if (reason.trim() === '') return;
    }
    try {
      const out = await run.mutateAsync({ business_date: date, ...(force ? { force: true, reason: reason.trim() } : {}) });
      setSummary(out);
      setPending(null);
      notifySuccess(`${formatDate(out.business_date_closed)} is closed.`, 'Night audit');
    } catch (e) {
      const departures = pendingDepartures(e);
      if (departures) setPending(departures);
      else notifyError(e, 'Could not run the night audit');
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={summary ? 'Night audit done' : `Close ${date ? formatDate(date) : 'the business date'}?`} size="lg">
      {summary ? (
        <Stack>
          <AuditSummary summary={summary} />
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">
            The audit posts one room night to every stay in house, marks confirmed arrivals that did not come as no-shows,
            cancels pending ones, locks the date and moves the business date to the next day.
          </Text>
          {pending && (
            <Alert color="orange" title="Departures not checked out" role="alert">
              <Stack gap="xs">
                <Text size="sm">These stays were due to leave and are still in house. Check them out first, or force the audit.</Text>
                <List size="sm">
                  {pending.map((d) => (
                    <List.Item key={d.id}>
                      <Link to={`/hotel/reservations/${d.id}`} onClick={onClose}>
                        {d.confirmation_number}
                      </Link>{' '}
                      — {d.guest_name}, departure {formatDate(d.check_out_date)}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            </Alert>
          )}
          {pending && (
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              placeholder="e.g. late departure agreed with the guest"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={touched && reason.trim() === '' ? 'A reason is required' : undefined}
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            {pending ? (
              <Button color="red" loading={run.isPending} onClick={() => void submit(true)}>
                Force night audit
              </Button>
            ) : (
              <Button loading={run.isPending} onClick={() => void submit(false)}>
                Run night audit
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

export function AuditSummary({ summary: s }: { summary: NightAuditSummary }) {
  const items: [string, string][] = [
    ['Date closed', formatDate(s.business_date_closed)],
    ['Room nights posted', String(s.room_charges_posted)],
    ['Amount posted', formatMoney(s.amount_posted.amount_minor, s.amount_posted.currency)],
    ['No-shows', String(s.no_shows)],
    ['Cancelled', String(s.cancelled)],
    ['Rooms sold', `${s.rooms_sold} of ${s.rooms_available}`],
    ['Occupancy', formatPercent(s.occupancy)],
    ['ADR', formatMoney(s.adr.amount_minor, s.adr.currency)],
    ['RevPAR', formatMoney(s.revpar.amount_minor, s.revpar.currency)],
  ];
  if (s.forced) items.push(['Forced', s.reason ?? 'Yes']);
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} role="list" aria-label="Night audit summary">
      {items.map(([label, value]) => (
        <div key={label} role="listitem" aria-label={label}>
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            {label}
          </Text>
          <Text fw={600}>{value}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
