// The Reports page of both panels: the catalogue as cards; the chosen
// report's parameter form (built from the catalogue's `parameters`), with a
// preview on screen and downloads as CSV, Excel or PDF; a job's progress when
// the server runs the report in the background; and the caller's recent
// exports. The panels differ only in their API paths and in the lists their
// uuid parameters can be chosen from (`lookups`).
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { ErrorState, ForbiddenPage } from '@/components/error-pages';
import { applyServerErrors } from '@/components/forms';
import { PageHeader } from '@/components/page-header';
import { StatusBadge, statusLabel } from '@/components/status-badge';
import { errorStatus } from '@/lib/api';
import { homeFor, useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import {
  FILE_FORMATS,
  PREVIEW_ROWS,
  cellText,
  defaultFormat,
  defaultParameters,
  formatLabel,
  isJobActive,
  isNumericColumn,
  localToday,
  parameterErrors,
  parameterLabel,
  previewSummary,
  requestParameters,
  type ReportDefinition,
  type ReportFormat,
  type ReportJob,
  type ReportParameter,
  type ReportPreview,
} from './report-params';
import { useDownloadJobFile, useReportCatalogue, useReportJob, useReportJobs, useRunReport, type Panel } from './reports-api';

const JOBS_LIMIT = 10;

/** Choices for a uuid parameter (e.g. property_id: the hotel's properties). */
export interface ParameterLookup {
  options: { value: string; label: string }[];
  loading?: boolean;
  /** Nothing to choose from: the role may not read the list, or the server refused it. */
  unavailable?: boolean;
  /** Shown as the empty choice of an optional parameter, e.g. "All properties". */
  placeholder?: string;
  /** Shown instead of the input when the list is unavailable and the parameter optional. */
  unavailableHint?: string;
}

interface FormValues {
  format: ReportFormat;
  background: boolean;
  parameters: Record<string, string>;
}

export function ReportsWorkspace({
  panel,
  description,
  lookups = {},
}: {
  panel: Panel;
  description: string;
  lookups?: Record<string, ParameterLookup>;
}) {
  const { me, can } = useAuth();
  const canExport = can(`${panel}:reports:export`);
  const [search, setSearch] = useSearchParams();
  const catalogue = useReportCatalogue(panel);
  const reports = catalogue.data?.items ?? [];
  const selectedId = search.get('report');
  const selected = reports.find((r) => r.id === selectedId) ?? null;
  const names = new Map(reports.map((r) => [r.id, r.name]));

  const select = (id: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('report', id);
        return next;
      },
      { replace: true },
    );

  if (catalogue.isError && errorStatus(catalogue.error) === 403) return <ForbiddenPage home={me ? homeFor(me) : '/'} />;

  return (
    <>
      <PageHeader title="Reports" description={description} />
      <Stack gap="lg">
        <section aria-labelledby="reports-catalogue-title">
          <Title order={2} fz="h4" mb="sm" id="reports-catalogue-title">
            Catalogue
          </Title>
          {catalogue.isError ? (
            <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />
          ) : catalogue.isPending ? (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy="true">
              {[0, 1, 2].map((i) => (
                <Skeleton key={i} height={150} radius="md" />
              ))}
            </SimpleGrid>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} role="list" aria-label="Reports">
              {reports.map((r) => (
                <ReportCard key={r.id} report={r} selected={r.id === selected?.id} onSelect={() => select(r.id)} />
              ))}
            </SimpleGrid>
          )}
        </section>
        {selected && <ReportRunner key={selected.id} panel={panel} report={selected} lookups={lookups} canExport={canExport} />}
        <RecentJobs panel={panel} names={names} />
      </Stack>
    </>
  );
}

function ReportCard({ report, selected, onSelect }: { report: ReportDefinition; selected: boolean; onSelect: () => void }) {
  const formats = FILE_FORMATS.filter((f) => report.formats.includes(f.value));
  return (
    <Paper
      p="md"
      radius="md"
      role="listitem"
      aria-label={report.name}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: 'var(--mantine-spacing-xs)',
        outline: selected ? '2px solid var(--mantine-primary-color-filled)' : undefined,
      }}
    >
      <Title order={3} fz="h5">
        {report.name}
      </Title>
      <Text size="sm" c="dimmed" style={{ flexGrow: 1 }}>
        {report.description}
      </Text>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={4} aria-label="Formats">
          {formats.map((f) => (
            <Badge key={f.value} variant="light" color="gray" size="sm">
              {f.label}
            </Badge>
          ))}
        </Group>
        <Button size="xs" variant={selected ? 'filled' : 'light'} aria-pressed={selected} aria-label={`Choose ${report.name}`} onClick={onSelect}>
          {selected ? 'Chosen' : 'Choose'}
        </Button>
      </Group>
    </Paper>
  );
}

function ReportRunner({
  panel,
  report,
  lookups,
  canExport,
}: {
  panel: Panel;
  report: ReportDefinition;
  lookups: Record<string, ParameterLookup>;
  canExport: boolean;
}) {
  const run = useRunReport(panel);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [pending, setPending] = useState<'preview' | 'download' | null>(null);
  const ref = useRef<HTMLElement>(null);
  const form = useForm<FormValues>({
    initialValues: { format: defaultFormat(report), background: false, parameters: defaultParameters(report, localToday()) },
    validate: (v) => parameterErrors(report, v.parameters),
  });
  const formats = FILE_FORMATS.filter((f) => report.formats.includes(f.value));
  const format = form.getValues().format;

  useEffect(() => {
    ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);

  const submit = (action: 'preview' | 'download') => async () => {
    if (form.validate().hasErrors) return;
    const v = form.getValues();
    setPending(action);
    try {
      const out = await run.mutateAsync({
        reportId: report.id,
        format: action === 'preview' ? 'json' : v.format,
        parameters: requestParameters(report, v.parameters),
        background: action === 'download' && v.background,
      });
      if (out.kind === 'preview') {
        setPreview(out.preview);
      } else if (out.kind === 'file') {
        notifySuccess(`${out.fileName} was downloaded.`, 'Report downloaded');
      } else {
        setJobId(out.job.id);
        notifySuccess('The report is being prepared; it can be downloaded when it is ready.', 'Running in the background');
      }
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not run the report');
    } finally {
      setPending(null);
    }
  };

  return (
    <section ref={ref} aria-labelledby="report-runner-title" style={{ scrollMarginTop: 80 }}>
      <Paper p="md" radius="md">
        <Title order={2} fz="h4" id="report-runner-title">
          {report.name}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {report.description}
        </Text>
        {!canExport ? (
          <Alert color="gray" title="Running reports needs another permission">
            Your role can see the catalogue and your past exports, but not run reports ({`${panel}:reports:export`}).
          </Alert>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit('download')();
            }}
          >
            <Stack gap="md">
              {report.parameters.length > 0 && (
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                  {report.parameters.map((p) => (
                    <ParameterInput key={p.name} parameter={p} lookup={lookups[p.name]} form={form} />
                  ))}
                </SimpleGrid>
              )}
              <Group align="flex-end" gap="lg" wrap="wrap">
                {formats.length > 0 && (
                  <div>
                    <Text size="sm" fw={500} mb={4} id="report-format-label">
                      Format
                    </Text>
                    <SegmentedControl
                      aria-labelledby="report-format-label"
                      data={formats.map((f) => ({ value: f.value, label: f.label }))}
                      {...form.getInputProps('format')}
                    />
                  </div>
                )}
                <Checkbox
                  label="Run in background"
                  description="Download it from Recent exports when ready"
                  {...form.getInputProps('background', { type: 'checkbox' })}
                />
              </Group>
              <Group justify="flex-end" gap="sm">
                {report.formats.includes('json') && (
                  <Button variant="light" loading={pending === 'preview'} disabled={pending !== null} onClick={() => void submit('preview')()}>
                    Preview
                  </Button>
                )}
                {formats.length > 0 && (
                  <Button type="submit" loading={pending === 'download'} disabled={pending !== null}>
                    Download {formatLabel(format)}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
      {jobId && <JobProgress panel={panel} jobId={jobId} reportName={report.name} />}
      {preview && <PreviewTable preview={preview} title={report.name} />}
    </section>
  );
}

function ParameterInput({
  parameter: p,
  lookup,
  form,
}: {
  parameter: ReportParameter;
  lookup?: ParameterLookup;
  form: UseFormReturnType<FormValues>;
}) {
  const key = `parameters.${p.name}`;
  const common = {
    label: parameterLabel(p.name),
    description: p.description,
    required: p.required,
  };
  const setValue = (v: string | null) => form.setFieldValue(key, v ?? '');

  if (p.type === 'enum') {
    return (
      <Select
        {...common}
        data={(p.values ?? []).map((v) => ({ value: v, label: statusLabel(v) }))}
        clearable={!p.required}
        allowDeselect={!p.required}
        placeholder={p.required ? undefined : 'Any'}
        {...form.getInputProps(key)}
        onChange={setValue}
      />
    );
  }
  if (p.type === 'uuid' && lookup) {
    if (!lookup.unavailable) {
      return (
        <Select
          {...common}
          data={lookup.options}
          searchable
          clearable={!p.required}
          placeholder={lookup.loading ? 'Loading…' : p.required ? undefined : lookup.placeholder}
          disabled={lookup.loading}
          {...form.getInputProps(key)}
          onChange={setValue}
        />
      );
    }
    if (!p.required) {
      return (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {common.label}
          </Text>
          <Text size="sm" c="dimmed">
            {lookup.unavailableHint ?? lookup.placeholder ?? 'All'}
          </Text>
        </Stack>
      );
    }
  }
  return (
    <TextInput
      {...common}
      type={p.type === 'date' ? 'date' : 'text'}
      placeholder={p.type === 'uuid' ? 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' : undefined}
      spellCheck={p.type === 'text' ? undefined : false}
      {...form.getInputProps(key)}
    />
  );
}

function JobProgress({ panel, jobId, reportName }: { panel: Panel; jobId: string; reportName: string }) {
  const job = useReportJob(panel, jobId);
  const download = useDownloadJobFile(panel);
  const j = job.data;
  return (
    <Paper p="md" radius="md" mt="md" aria-label="Background export" role="region">
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="h5">
          {reportName} in the background
        </Title>
        {j && <StatusBadge status={j.status} />}
      </Group>
      {job.isError ? (
        <ErrorState error={job.error} onRetry={() => void job.refetch()} />
      ) : !j ? (
        <Skeleton height={16} />
      ) : (
        <Stack gap="xs">
          <Progress
            value={j.progress}
            animated={isJobActive(j.status)}
            color={j.status === 'failed' ? 'red' : j.status === 'done' ? 'teal' : undefined}
            aria-label={`Progress of ${reportName}`}
          />
          <Text size="sm" c="dimmed">
            {j.progress}% · {j.rows.toLocaleString('en')} {j.rows === 1 ? 'row' : 'rows'}
          </Text>
          {j.status === 'failed' && (
            <Alert color="red" title="The export failed" role="alert">
              {j.error || 'The server gave no reason.'}
            </Alert>
          )}
          {j.status === 'done' && (
            <Group>
              <Button
                loading={download.isPending}
                onClick={() =>
                  download.mutate(j, {
                    onSuccess: (name) => notifySuccess(`${name} was downloaded.`, 'Report downloaded'),
                    onError: (e) => notifyError(e, 'Could not download the report'),
                  })
                }
              >
                Download {j.file_name}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function PreviewTable({ preview, title }: { preview: ReportPreview; title: string }) {
  const rows = preview.rows.slice(0, PREVIEW_ROWS);
  const align = (type: string) => (isNumericColumn(type) ? 'right' : 'left');
  // Numbers, money and dates read badly when they wrap; text may.
  const cellStyle = (type: string) =>
    ({ textAlign: align(type), whiteSpace: type === 'text' ? undefined : 'nowrap' }) as const;
  return (
    <Paper p={0} radius="md" mt="md">
      <Group justify="space-between" p="md" pb="xs">
        <Title order={3} fz="h5">
          Preview
        </Title>
        <Text size="sm" c="dimmed">
          {previewSummary(preview)}
        </Text>
      </Group>
      {preview.rows.length === 0 && preview.totals.length === 0 ? (
        <Text c="dimmed" ta="center" p="xl">
          Nothing to report for these parameters.
        </Text>
      ) : (
        <ScrollArea type="auto">
          <Table aria-label={`${title} preview`} striped verticalSpacing="xs" miw={600}>
            <Table.Thead>
              <Table.Tr>
                {preview.columns.map((c) => (
                  <Table.Th key={c.name} style={{ textAlign: align(c.type), whiteSpace: 'nowrap' }}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={i}>
                  {preview.columns.map((c, k) => (
                    <Table.Td key={c.name} style={cellStyle(c.type)}>
                      {cellText(row[k] ?? null, c.type)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            {preview.totals.length > 0 && (
              <Table.Tfoot>
                {preview.totals.map((row, i) => (
                  <Table.Tr key={i} style={{ fontWeight: 700 }}>
                    {preview.columns.map((c, k) => (
                      <Table.Td key={c.name} style={cellStyle(c.type)}>
                        {cellText(row[k] ?? null, c.type)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tfoot>
            )}
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}

function RecentJobs({ panel, names }: { panel: Panel; names: Map<string, string> }) {
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);
  const jobs = useReportJobs(panel, page, JOBS_LIMIT);
  const download = useDownloadJobFile(panel);
  const now = Date.now();
  const expired = (j: ReportJob) => j.expires_at !== null && Date.parse(j.expires_at) <= now;

  const columns: Column<ReportJob>[] = [
    { key: 'report', header: 'Report', render: (j) => names.get(j.report_id) ?? j.report_id },
    { key: 'format', header: 'Format', render: (j) => formatLabel(j.format), visibleFrom: 'sm' },
    { key: 'status', header: 'Status', render: (j) => <StatusBadge status={expired(j) ? 'expired' : j.status} /> },
    {
      key: 'progress',
      header: 'Progress',
      width: 140,
      render: (j) => (
        <Group gap={6} wrap="nowrap">
          <Progress value={j.progress} w={70} size="sm" color={j.status === 'failed' ? 'red' : undefined} aria-label={`Progress ${j.progress}%`} />
          <Text size="xs" c="dimmed">
            {j.progress}%
          </Text>
        </Group>
      ),
      visibleFrom: 'md',
    },
    { key: 'rows', header: 'Rows', align: 'right', render: (j) => j.rows.toLocaleString('en') },
    { key: 'created', header: 'Created', render: (j) => formatDateTime(j.created_at), visibleFrom: 'sm' },
    {
      key: 'file',
      header: 'File',
      render: (j) =>
        j.status === 'done' && !expired(j) ? (
          <Button
            size="xs"
            variant="light"
            aria-label={`Download ${j.file_name}`}
            loading={download.isPending && download.variables?.id === j.id}
            onClick={() =>
              download.mutate(j, {
                onSuccess: (name) => notifySuccess(`${name} was downloaded.`, 'Report downloaded'),
                onError: (e) => notifyError(e, 'Could not download the report'),
              })
            }
          >
            Download
          </Button>
        ) : j.status === 'failed' ? (
          <Text size="xs" c="red" lineClamp={2} title={j.error ?? undefined}>
            {j.error || 'Failed'}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            {expired(j) ? 'Expired' : '—'}
          </Text>
        ),
    },
  ];

  return (
    <section aria-labelledby="reports-jobs-title">
      <Title order={2} fz="h4" mb="sm" id="reports-jobs-title">
        Recent exports
      </Title>
      <DataTable
        label="Recent exports"
        columns={columns}
        rows={jobs.data?.items}
        rowKey={(j) => j.id}
        loading={jobs.isFetching}
        error={jobs.error}
        onRetry={() => void jobs.refetch()}
        emptyTitle="No exports yet"
        emptyHint="Reports run in the background are listed here; their files are kept for 7 days."
        page={page}
        limit={JOBS_LIMIT}
        total={jobs.data?.total}
        onPageChange={(p) =>
          setSearch(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (p > 1) next.set('page', String(p));
              else next.delete('page');
              return next;
            },
            { replace: true },
          )
        }
      />
    </section>
  );
}
