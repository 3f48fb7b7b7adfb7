// Reports of either panel: /api/{panel}/reports (the catalogue), running one
// (a preview, a file, or a job), the caller's jobs and their files. Files come
// through requestRaw, so they carry the access token (and survive one
// refresh) like every other call; a link to the file would not.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fillPath, requestRaw } from '@/lib/api';
import {
  filenameFromDisposition,
  isJobActive,
  type ReportFormat,
  type ReportJob,
  type ReportPreview,
} from './report-params';

export type Panel = 'hotel' | 'admin';

const PATHS = {
  hotel: {
    list: '/api/hotel/reports',
    run: '/api/hotel/reports/{report_id}',
    jobs: '/api/hotel/reports/jobs',
    job: '/api/hotel/reports/jobs/{job_id}',
    file: '/api/hotel/reports/jobs/{job_id}/file',
  },
  admin: {
    list: '/api/admin/reports',
    run: '/api/admin/reports/{report_id}',
    jobs: '/api/admin/reports/jobs',
    job: '/api/admin/reports/jobs/{job_id}',
    file: '/api/admin/reports/jobs/{job_id}/file',
  },
} as const;

/** Query keys start with [panel, 'reports'], like the other keys of each panel. */
export const reportKeys = {
  all: (panel: Panel) => [panel, 'reports'] as const,
  catalogue: (panel: Panel) => [panel, 'reports', 'catalogue'] as const,
  jobs: (panel: Panel) => [panel, 'reports', 'jobs'] as const,
  job: (panel: Panel, id: string) => [panel, 'reports', 'jobs', 'detail', id] as const,
};

const FILE_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/pdf',
  'application/json',
].join(', ');

export interface RunRequest {
  reportId: string;
  format: ReportFormat;
  parameters: Record<string, string>;
  /** Always run as a job (`?async=true`). */
  background?: boolean;
}

/** What running a report answered: the preview, a downloaded file, or a job to follow. */
export type RunOutcome =
  | { kind: 'preview'; preview: ReportPreview }
  | { kind: 'file'; fileName: string }
  | { kind: 'job'; job: ReportJob };

export function useReportCatalogue(panel: Panel) {
  return useQuery({
    queryKey: reportKeys.catalogue(panel),
    queryFn: ({ signal }) => api.get(PATHS[panel].list, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useReportJobs(panel: Panel, page: number, limit: number) {
  return useQuery({
    queryKey: [...reportKeys.jobs(panel), 'list', { page, limit }],
    queryFn: ({ signal }) => api.get(PATHS[panel].jobs, { query: { page, limit }, signal }),
    placeholderData: keepPreviousData,
    // While a job of the page runs, its row follows it.
    refetchInterval: (q) => (q.state.data?.items.some((j) => isJobActive(j.status)) ? 2000 : false),
  });
}

/** One job, polled every second until it is done or failed. */
export function useReportJob(panel: Panel, id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: reportKeys.job(panel, id ?? ''),
    queryFn: async ({ signal }) => {
      const job = await api.get(PATHS[panel].job, { params: { job_id: id! }, signal });
      // The list shows the same job: refresh it once the job has finished.
      if (!isJobActive(job.status)) void qc.invalidateQueries({ queryKey: [...reportKeys.jobs(panel), 'list'] });
      return job;
    },
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !isJobActive(q.state.data.status) ? false : 1000),
  });
}

/** Offers a Blob to the browser as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has handed the URL to the download by the next tick; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function saveResponse(res: Response, fallback: string): Promise<string> {
  const fileName = filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallback;
  saveBlob(await res.blob(), fileName);
  return fileName;
}

/** POST …/reports/{id}: a preview (format json), a file saved to the browser, or a job (202). */
export async function runReport(panel: Panel, req: RunRequest): Promise<RunOutcome> {
  const path = fillPath(PATHS[panel].run, { report_id: req.reportId });
  const res = await requestRaw('POST', path, {
    body: { format: req.format, parameters: req.parameters },
    query: req.background ? { async: true } : undefined,
    headers: { Accept: req.format === 'json' ? 'application/json' : `${FILE_TYPES}, application/problem+json` },
  });
  if (res.status === 202) return { kind: 'job', job: (await res.json()) as ReportJob };
  if (req.format === 'json') return { kind: 'preview', preview: (await res.json()) as ReportPreview };
  return { kind: 'file', fileName: await saveResponse(res, `${req.reportId}.${req.format}`) };
}

export function useRunReport(panel: Panel) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RunRequest) => runReport(panel, req),
    onSuccess: (out) => {
      if (out.kind === 'job') void qc.invalidateQueries({ queryKey: [...reportKeys.jobs(panel), 'list'] });
    },
  });
}

/** GET …/jobs/{id}/file, saved to the browser under the server's file name. */
export function useDownloadJobFile(panel: Panel) {
  return useMutation({
    mutationFn: async (job: Pick<ReportJob, 'id' | 'file_name'>) => {
      const res = await requestRaw('GET', fillPath(PATHS[panel].file, { job_id: job.id }), {
        headers: { Accept: `${FILE_TYPES}, application/problem+json` },
      });
      return saveResponse(res, job.file_name);
    },
  });
}
