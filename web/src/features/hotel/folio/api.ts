// A reservation's folio (lines and totals), posting a charge (with an
// Idempotency-Key), correcting a charge, the check-out that may answer 409
// `balance_outstanding`, and the invoices with their PDFs (downloaded through
// requestRaw, so they carry the access token like the report files do).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { filenameFromDisposition } from '@/components/reports/report-params';
import { saveBlob } from '@/components/reports/reports-api';
import { api, fillPath, isApiError, request, requestRaw, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import type { ChargeType, Folio, FolioChange, Invoice, Money } from '../common/front-office';
import { hotelKeys, invalidateHotel } from '../common/keys';

export type Reservation = Schemas['Reservation'];

/** Everything a folio change moves: the folio, the reservation's money, the rack's balances, the dashboard. */
function useInvalidateFolio() {
  const qc = useQueryClient();
  return () => invalidateHotel(qc, 'folios', 'reservations', 'payments', 'roomRack', 'dashboard', 'invoices');
}

export function useFolio(reservationId: string) {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.folios, reservationId],
    queryFn: ({ signal }) =>
      request<Folio>('GET', fillPath('/api/hotel/reservations/{id}/folio', { id: reservationId }), { signal }),
    enabled: can('hotel:folios:read') && reservationId !== '',
  });
}

export interface PostChargeBody {
  charge_type: Exclude<ChargeType, 'room'>;
  description?: string;
  quantity?: number;
  unit_price_minor: number;
}

export function usePostCharge(reservationId: string) {
  const invalidate = useInvalidateFolio();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PostChargeBody; idempotencyKey: string }) =>
      request<FolioChange>('POST', fillPath('/api/hotel/reservations/{id}/folio/charges', { id: reservationId }), {
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: invalidate,
  });
}

export interface CorrectBody {
  reason: string;
  amount_minor?: number;
}

export function useCorrectLine(reservationId: string) {
  const invalidate = useInvalidateFolio();
  return useMutation({
    mutationFn: ({ lineId, body }: { lineId: string; body: CorrectBody }) =>
      request<FolioChange>(
        'POST',
        fillPath('/api/hotel/reservations/{id}/folio/lines/{line_id}/correct', { id: reservationId, line_id: lineId }),
        { body },
      ),
    onSuccess: invalidate,
  });
}

/** The open balance of a 409 `balance_outstanding`, or null for any other error. */
export function outstandingBalance(e: unknown): Money | null {
  if (!isApiError(e) || e.status !== 409 || e.code !== 'balance_outstanding') return null;
  const b = e.problem.balance;
  if (b && typeof b === 'object' && 'amount_minor' in b && 'currency' in b) {
    const m = b as { amount_minor: unknown; currency: unknown };
    if (typeof m.amount_minor === 'number' && typeof m.currency === 'string') return { amount_minor: m.amount_minor, currency: m.currency };
  }
  return { amount_minor: 0, currency: '' };
}

/**
 * Check-out: posts the pending room nights, then closes the stay; a balance
 * left open answers 409 `balance_outstanding` unless `reason` is given by a
 * user who may correct folios (the override, audited).
 */
export function useCheckOut(reservationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ version, reason }: { version?: number; reason?: string }) =>
      api.post('/api/hotel/reservations/{id}/check-out', { params: { id: reservationId }, body: { version, reason: reason || undefined } }),
    // A refusal has posted the room nights: the folio moved either way.
    onSettled: () =>
      invalidateHotel(qc, 'reservations', 'rooms', 'availability', 'dashboard', 'payments', 'guests', 'folios', 'roomRack'),
  });
}

/** The reservation as it is now (its version, before a retried action). */
export function fetchReservation(id: string) {
  return api.get('/api/hotel/reservations/{id}', { params: { id } });
}

/** The invoices of a stay; `notDeployed` when the route answers 404 (the section then shows nothing). */
export function useInvoices(reservationId: string) {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.invoices, 'reservation', reservationId],
    queryFn: ({ signal }) =>
      request<{ items: Invoice[] }>('GET', fillPath('/api/hotel/reservations/{id}/invoices', { id: reservationId }), { signal }),
    enabled: can('hotel:invoices:read') && reservationId !== '',
  });
}

export function useIssueInvoice(reservationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => request<Invoice>('POST', fillPath('/api/hotel/reservations/{id}/invoice', { id: reservationId })),
    onSuccess: () => invalidateHotel(qc, 'invoices', 'folios'),
  });
}

/** GETs a PDF with the token and offers it as a download; answers the file name. */
export async function downloadPdf(path: string, fallback: string): Promise<string> {
  const res = await requestRaw('GET', path, { headers: { Accept: 'application/pdf, application/problem+json' } });
  const fileName = filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallback;
  saveBlob(await res.blob(), fileName);
  return fileName;
}

export const invoicePdfPath = (invoiceId: string) => `/api/hotel/invoices/${encodeURIComponent(invoiceId)}.pdf`;
export const registrationCardPath = (reservationId: string) =>
  `${fillPath('/api/hotel/reservations/{id}', { id: reservationId })}/registration-card.pdf`;

export function useDownloadPdf() {
  return useMutation({
    mutationFn: ({ path, fileName }: { path: string; fileName: string }) => downloadPdf(path, fileName),
  });
}
