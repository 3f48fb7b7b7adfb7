import { describe, expect, it } from 'vitest';
import {
  cellText,
  defaultFormat,
  defaultParameters,
  filenameFromDisposition,
  firstOfMonth,
  localToday,
  parameterErrors,
  parameterLabel,
  previewSummary,
  requestParameters,
  type ReportDefinition,
} from './report-params';

const range: Pick<ReportDefinition, 'parameters'> = {
  parameters: [
    { name: 'from', type: 'date', required: true, description: 'First day' },
    { name: 'to', type: 'date', required: true, description: 'Last day' },
    { name: 'property_id', type: 'uuid', required: false, description: 'One property' },
  ],
};

const audit: Pick<ReportDefinition, 'parameters'> = {
  parameters: [
    { name: 'date', type: 'date', required: true, description: 'The day' },
    { name: 'action', type: 'text', required: false, description: 'An action' },
    { name: 'kind', type: 'enum', required: true, description: 'Kind', values: ['payment', 'refund'] },
    { name: 'method', type: 'enum', required: false, description: 'Method', values: ['cash', 'card'] },
  ],
};

describe('report parameters: defaults', () => {
  it('starts a range at the first of this month and ends it today', () => {
    expect(defaultParameters(range, '2026-12-17')).toEqual({ from: '2026-12-01', to: '2026-12-17', property_id: '' });
  });

  it('starts a day at today, a required choice at its first value, the rest empty', () => {
    expect(defaultParameters(audit, '2026-03-09')).toEqual({ date: '2026-03-09', action: '', kind: 'payment', method: '' });
  });

  it('reads today in the browser and the month start from a date', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(firstOfMonth('2026-02-28')).toBe('2026-02-01');
  });

  it('picks the first file format the report offers', () => {
    expect(defaultFormat({ formats: ['json', 'csv', 'xlsx', 'pdf'] })).toBe('csv');
    expect(defaultFormat({ formats: ['json', 'pdf'] })).toBe('pdf');
    expect(defaultFormat({ formats: ['json'] })).toBe('json');
  });
});

describe('report parameters: validation', () => {
  it('accepts the defaults', () => {
    expect(parameterErrors(range, defaultParameters(range, '2026-12-17'))).toEqual({});
    expect(parameterErrors(audit, defaultParameters(audit, '2026-12-17'))).toEqual({});
  });

  it('names each wrong field as the server does', () => {
    expect(parameterErrors(range, { from: '', to: '2026-02-30', property_id: 'not-a-uuid' })).toEqual({
      'parameters.from': 'Choose a date',
      'parameters.to': 'Enter a date as YYYY-MM-DD',
      'parameters.property_id': 'Enter an id (UUID)',
    });
    expect(parameterErrors(audit, { date: '2026-12-01', kind: '', method: 'cheque' })).toEqual({
      'parameters.kind': 'Required',
      'parameters.method': 'Choose one of the values',
    });
  });

  it('wants the end on or after the start, at most 366 days later', () => {
    const p = (from: string, to: string) => parameterErrors(range, { from, to, property_id: '' });
    expect(p('2026-12-02', '2026-12-01')['parameters.to']).toBe('On or after the start date');
    expect(p('2026-12-01', '2026-12-01')).toEqual({});
    // 2028 is a leap year: 2028-01-01 + 366 days = 2029-01-01.
    expect(p('2028-01-01', '2029-01-01')).toEqual({});
    expect(p('2028-01-01', '2029-01-02')['parameters.to']).toBe('At most 366 days after the start date');
  });

  it('sends the report\'s own parameters, trimmed, without empty optional ones', () => {
    expect(
      requestParameters(range, { from: ' 2026-12-01 ', to: '2026-12-31', property_id: '', stray: 'x' }),
    ).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    const id = '01a20000-0000-7000-8000-0000000000b1';
    expect(requestParameters(range, { from: '2026-12-01', to: '2026-12-31', property_id: id }).property_id).toBe(id);
  });

  it('labels inputs from parameter names', () => {
    expect(parameterLabel('from')).toBe('From');
    expect(parameterLabel('property_id')).toBe('Property');
    expect(parameterLabel('resource_type')).toBe('Resource type');
    expect(parameterLabel('room_type_id')).toBe('Room type ID');
  });
});

describe('Content-Disposition file names', () => {
  it('reads quoted and bare names', () => {
    expect(filenameFromDisposition('attachment; filename="occupancy-2026-12-01-2026-12-31.csv"')).toBe(
      'occupancy-2026-12-01-2026-12-31.csv',
    );
    expect(filenameFromDisposition('attachment; filename=arrivals-2026-12-01.pdf')).toBe('arrivals-2026-12-01.pdf');
    expect(filenameFromDisposition('attachment;filename = "a b.xlsx" ; size=10')).toBe('a b.xlsx');
  });

  it('prefers the UTF-8 filename* and undoes quoting', () => {
    expect(filenameFromDisposition(`attachment; filename="x.csv"; filename*=UTF-8''h%C3%B4tel%20report.csv`)).toBe(
      'hôtel report.csv',
    );
    expect(filenameFromDisposition('attachment; filename="say \\"hi\\".csv"')).toBe('say "hi".csv');
    // A broken extended value falls back to the plain one.
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="plain.csv"`)).toBe('plain.csv');
  });

  it('never answers a path', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition('attachment; filename="C:\\\\temp\\\\r.csv"')).toBe('r.csv');
    expect(filenameFromDisposition('attachment; filename=".."')).toBeNull();
  });

  it('answers null without a name', () => {
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition('inline; name="x"')).toBeNull();
  });
});

describe('preview cells', () => {
  it('shows empty cells blank, percent points with %, integers grouped', () => {
    expect(cellText(null, 'money')).toBe('');
    expect(cellText('82.5', 'percent')).toBe('82.5%');
    expect(cellText(12500, 'integer')).toBe('12,500');
    expect(cellText('125.00', 'money')).toBe('125.00');
    expect(cellText('2026-12-01', 'date')).toBe('2026-12-01');
  });
});

describe('preview summary', () => {
  const rows = (n: number) => Array.from({ length: n }, () => [null]);
  it('counts what is shown, and says when the server cut the report', () => {
    expect(previewSummary({ rows: rows(1), truncated: false })).toBe('1 row');
    expect(previewSummary({ rows: rows(100), truncated: false })).toBe('100 rows');
    expect(previewSummary({ rows: rows(2500), truncated: false })).toBe('The first 100 of 2,500 rows');
    expect(previewSummary({ rows: rows(5000), truncated: true })).toBe(
      'The first 100 rows of more than 5,000; the file has all of them and the totals',
    );
  });
});
