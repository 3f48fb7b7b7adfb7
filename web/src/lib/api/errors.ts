// Problem details (RFC 9457) as the server sends them, carried by ApiError so
// that pages can tell 401/403/404/409/422 apart and forms can show the
// server's field errors next to their inputs.

export type FieldErrors = Record<string, string>;

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldErrors;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldErrors;
  readonly requestId: string | null;
  /** The answer's Retry-After in seconds (429, 503), when it gave one. */
  readonly retryAfterSeconds: number | null;
  /** The whole problem as answered, extension members included (e.g. a 409's `balance`). */
  readonly problem: Readonly<Record<string, unknown>>;

  constructor(status: number, problem: ProblemDetails, requestId: string | null = null, retryAfterSeconds: number | null = null) {
    const title = problem.title ?? (status === 0 ? 'Network error' : `HTTP ${status}`);
    const detail = problem.detail ?? '';
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? (status === 0 ? 'network_error' : 'http_error');
    this.title = title;
    this.detail = detail;
    this.errors = problem.errors && typeof problem.errors === 'object' ? problem.errors : {};
    this.requestId = requestId;
    this.retryAfterSeconds = retryAfterSeconds;
    this.problem = { ...problem };
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.errors).length > 0;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export function errorStatus(e: unknown): number | null {
  return isApiError(e) ? e.status : null;
}

// A short human sentence for a notification.
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 0) return 'The server cannot be reached. Check your connection and try again.';
    if (e.status === 422 && e.hasFieldErrors) {
      const first = Object.entries(e.errors)[0];
      return `${e.detail || 'Some fields are invalid.'} ${first[0]}: ${first[1]}`;
    }
    return e.detail || e.title;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

export async function problemFromResponse(res: Response): Promise<ApiError> {
  let problem: ProblemDetails = {};
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') problem = parsed as ProblemDetails;
    } catch {
      problem = { detail: text.slice(0, 200) };
    }
  }
  if (!problem.title) problem.title = res.statusText || `HTTP ${res.status}`;
  const retryAfter = res.headers.get('Retry-After');
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : null;
  return new ApiError(res.status, problem, res.headers.get('X-Request-Id'), seconds);
}
