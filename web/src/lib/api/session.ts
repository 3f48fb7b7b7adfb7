// Where the tokens live. The platform/hotel access token is kept in memory
// only; the refresh token is the HttpOnly cookie the server sets on
// /api/auth, so a reload signs in again through POST /api/auth/refresh.
//
// An impersonation token has no refresh token (the session lasts at most an
// hour), so it is kept in sessionStorage: a reload of the tab stays inside
// the hotel, and closing the tab forgets it.

export interface ImpersonationState {
  accessToken: string;
  sessionId: string;
  expiresAt: string; // RFC 3339
  tenantId: string;
  tenantName: string;
}

const IMPERSONATION_KEY = 'keycard.impersonation';

let accessToken: string | null = null;
let impersonation: ImpersonationState | null = readImpersonation();
const listeners = new Set<() => void>();

function readImpersonation(): ImpersonationState | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(IMPERSONATION_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as ImpersonationState;
    if (!parsed.accessToken || Date.parse(parsed.expiresAt) <= Date.now()) {
      globalThis.sessionStorage?.removeItem(IMPERSONATION_KEY);
      return null;
    }
    return parsed;
  } catch {
    return null;
  }
}

function emit() {
  for (const l of listeners) l();
}

export const session = {
  /** The token sent with API calls: the impersonation token while impersonating. */
  activeToken(): string | null {
    return impersonation?.accessToken ?? accessToken;
  },
  accessToken(): string | null {
    return accessToken;
  },
  setAccessToken(token: string | null) {
    accessToken = token;
    emit();
  },
  impersonation(): ImpersonationState | null {
    return impersonation;
  },
  setImpersonation(state: ImpersonationState | null) {
    impersonation = state;
    try {
      if (state) sessionStorage.setItem(IMPERSONATION_KEY, JSON.stringify(state));
      else sessionStorage.removeItem(IMPERSONATION_KEY);
    } catch {
      // storage unavailable (private mode): memory only
    }
    emit();
  },
  clear() {
    accessToken = null;
    this.setImpersonation(null);
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Re-reads storage (tests). */
  reload() {
    impersonation = readImpersonation();
  },
};
