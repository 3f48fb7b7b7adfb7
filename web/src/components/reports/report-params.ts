// The pure half of the Reports page: a report's parameter form (defaults,
// validation, the body it sends), the file name of a download, and how a
// preview cell reads. Both panels share it; the catalogue (GET …/reports)
// says which parameters a report takes, so nothing here names a report.
import type { Schemas } from '@/lib/api';

export type ReportDefinition = Schemas['ReportDefinition'];
export type ReportParameter = Schemas['ReportParameter'];
export type ReportFormat = Schemas['ReportFormat'];
export type ReportPreview = Schemas['ReportPreview'];
export type ReportColumn = Schemas['ReportColumn'];
export type ReportCell = Schemas['ReportCell'];
export type ReportJob = Schemas['ReportJob'];
export type ReportJobStatus = Schemas['ReportJobStatus'];

/** The file formats a person picks from, in the order offered; `json` is the preview. */
export const FILE_FORMATS: readonly { value: Exclude<ReportFormat, 'json'>; label: string }[] = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel' },
  { value: 'pdf', label: 'PDF' },
];

export function formatLabel(format: string): string {
  return FILE_FORMATS.find((f) => f.value === format)?.label ?? format.toUpperCase();
}

/** The server's range limit: `to` at most 366 days after `from`. */
export const MAX_RANGE_DAYS = 366;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Today's calendar date where the browser is, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The first day of the month of a YYYY-MM-DD date. */
export function firstOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not: Date would roll it over). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The values a report's form starts with: a range covers this month so far
 * (from = the 1st, to = today), any other date is today, a required choice
 * is its first value, everything else is empty (optional: left out).
 */
export function defaultParameters(report: Pick<ReportDefinition, 'parameters'>, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of report.parameters) {
    if (p.type === 'date') out[p.name] = p.name === 'from' ? firstOfMonth(today) : today;
    else if (p.type === 'enum' && p.required && p.values?.length) out[p.name] = p.values[0];
    else out[p.name] = '';
  }
  return out;
}

/** The format a report's form starts with: the first file format it offers. */
export function defaultFormat(report: Pick<ReportDefinition, 'formats'>): ReportFormat {
  return FILE_FORMATS.find((f) => report.formats.includes(f.value))?.value ?? report.formats[0] ?? 'csv';
}

/**
 * What is wrong with the values, keyed as the form names its fields and as
 * the server names them in a 422 (`parameters.from`), so that both land on
 * the same inputs.
 */
export function parameterErrors(
  report: Pick<ReportDefinition, 'parameters'>,
  values: Record<string, string>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of report.parameters) {
    const v = (values[p.name] ?? '').trim();
    const key = `parameters.${p.name}`;
    if (v === '') {
      if (p.required) errors[key] = p.type === 'date' ? 'Choose a date' : 'Required';
      continue;
    }
    if (p.type === 'date' && !isIsoDate(v)) errors[key] = 'Enter a date as YYYY-MM-DD';
    else if (p.type === 'uuid' && !UUID.test(v)) errors[key] = 'Enter an id (UUID)';
    else if (p.type === 'enum' && p.values && !p.values.includes(v)) errors[key] = 'Choose one of the values';
  }
  const names = new Set(report.parameters.map((p) => p.name));
  const from = (values.from ?? '').trim();
  const to = (values.to ?? '').trim();
  if (names.has('from') && names.has('to') && isIsoDate(from) && isIsoDate(to) && !errors['parameters.to']) {
    const days = daysBetween(from, to);
    if (days < 0) errors['parameters.to'] = 'On or after the start date';
    else if (days > MAX_RANGE_DAYS) errors['parameters.to'] = `At most ${MAX_RANGE_DAYS} days after the start date`;
  }
  return errors;
}

/** The `parameters` of the request: the report's own, trimmed, empty optional ones left out. */
export function requestParameters(
  report: Pick<ReportDefinition, 'parameters'>,
  values: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of report.parameters) {
    const v = (values[p.name] ?? '').trim();
    if (v !== '') out[p.name] = v;
  }
  return out;
}

/**
 * The file name of a `Content-Disposition` header (RFC 6266): `filename*`
 * (RFC 5987, UTF-8) wins over `filename`; quotes and escapes are undone and
 * any path is dropped, so a name can never point outside the download
 * folder. Null when the header names none.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const params = new Map<string, string>();
  // name=value pairs after the disposition type; values are tokens or quoted strings.
  const re = /;\s*([A-Za-z0-9!#$&+.^_`|~-]+\*?)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const m of header.matchAll(re)) {
    const name = m[1].toLowerCase();
    let value = m[2].trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (!params.has(name)) params.set(name, value);
  }
  let name: string | null = null;
  const extended = params.get('filename*');
  if (extended) {
    const m = /^([A-Za-z0-9_-]+)'[^']*'(.*)$/.exec(extended);
    if (m && /^utf-8$/i.test(m[1])) {
      try {
        name = decodeURIComponent(m[2]);
      } catch {
        name = null;
      }
    }
  }
  name ??= params.get('filename') ?? null;
  if (name === null) return null;
  const base = name.split(/[/\\]/).pop()?.trim() ?? '';
  return base === '' || base === '.' || base === '..' ? null : base;
}

const NUMERIC = new Set(['integer', 'decimal', 'money', 'percent']);

export function isNumericColumn(type: string): boolean {
  return NUMERIC.has(type);
}

/** A preview cell as text: empty cells blank, percent points with `%`, the rest as the server wrote it. */
export function cellText(cell: ReportCell, type: string): string {
  if (cell === null || cell === undefined || cell === '') return '';
  if (type === 'percent') return `${cell}%`;
  if (type === 'integer' && typeof cell === 'number') return cell.toLocaleString('en');
  return String(cell);
}

/** The rows of a preview shown on screen; the file has them all. */
export const PREVIEW_ROWS = 100;

/** How much of the report the preview shows: the server cuts it at its sync row limit, the page at PREVIEW_ROWS. */
export function previewSummary(preview: Pick<ReportPreview, 'rows' | 'truncated'>): string {
  const n = preview.rows.length;
  const count = n.toLocaleString('en');
  if (preview.truncated) {
    return `The first ${Math.min(n, PREVIEW_ROWS)} rows of more than ${count}; the file has all of them and the totals`;
  }
  if (n > PREVIEW_ROWS) return `The first ${PREVIEW_ROWS} of ${count} rows`;
  return `${count} ${n === 1 ? 'row' : 'rows'}`;
}

export function isJobActive(status: ReportJobStatus): boolean {
  return status === 'queued' || status === 'running';
}

const LABELS: Record<string, string> = {
  from: 'From',
  to: 'To',
  date: 'Date',
  property_id: 'Property',
  tenant_id: 'Tenant ID',
  user_id: 'User ID',
  resource_id: 'Resource ID',
};

/** The label of a parameter's input: `from` → "From", `resource_type` → "Resource type". */
export function parameterLabel(name: string): string {
  if (LABELS[name]) return LABELS[name];
  const words = name.replace(/_id$/, ' ID').replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
