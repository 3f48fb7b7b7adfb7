// A reservation's folio (lines and totals), posting a charge (with an
// Idempotency-Key), correcting a charge, the check-out that may answer 409
// `balance_outstanding`, and the invoices (issued, reversed by a credit note)
// with their PDFs (downloaded through requestRaw, so they carry the access
// token like the report files do).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { filenameFromDisposition } from '@/components/reports/report-params';
import { saveBlob } from '@/components/reports/reports-api';
import { api, fillPath, isApiError, requestRaw, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import type { Money } from '../common/front-office';
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
      api.get('/api/hotel/reservations/{id}/folio', { params: { id: reservationId }, signal }),
    enabled: can('hotel:folios:read') && reservationId !== '',
  });
}

export type PostChargeBody = Schemas['FolioChargeCreate'];

export function usePostCharge(reservationId: string) {
  const invalidate = useInvalidateFolio();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PostChargeBody; idempotencyKey: string }) =>
      api.post('/api/hotel/reservations/{id}/folio/charges', {
        params: { id: reservationId },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: invalidate,
  });
}

export type CorrectBody = Schemas['FolioCorrection'];

export function useCorrectLine(reservationId: string) {
  const invalidate = useInvalidateFolio();
  return useMutation({
    mutationFn: ({ lineId, body }: { lineId: string; body: CorrectBody }) =>
      api.post('/api/hotel/reservations/{id}/folio/lines/{line_id}/correct', { params: { id: reservationId, line_id: lineId }, body }),
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
      api.get('/api/hotel/reservations/{id}/invoices', { params: { id: reservationId }, signal }),
    enabled: can('hotel:invoices:read') && reservationId !== '',
  });
}

export function useIssueInvoice(reservationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/hotel/reservations/{id}/invoice', { params: { id: reservationId } }),
    onSuccess: () => invalidateHotel(qc, 'invoices', 'folios'),
  });
}

/** Reverses an invoice with a credit note; 409 `already_credited` or `not_creditable` (a credit note). */
export function useCreditInvoice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, reason }: { invoiceId: string; reason: string }) =>
      api.post('/api/hotel/invoices/{id}/credit-note', { params: { id: invoiceId }, body: { reason } }),
    onSettled: () => invalidateHotel(qc, 'invoices'),
  });
}

/** GETs a PDF with the token and offers it as a download; answers the file name. */
export async function downloadPdf(path: string, fallback: string): Promise<string> {
  const res = await requestRaw('GET', path, { headers: { Accept: 'application/pdf, application/problem+json' } });
  const fileName = filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallback;
  saveBlob(await res.blob(), fileName);
  return fileName;
}

export const invoicePdfPath = (invoiceId: string) => fillPath('/api/hotel/invoices/{id}.pdf', { id: invoiceId });
export const registrationCardPath = (reservationId: string) =>
  fillPath('/api/hotel/reservations/{id}/registration-card.pdf', { id: reservationId });

export function useDownloadPdf() {
  return useMutation({
    mutationFn: ({ path, fileName }: { path: string; fileName: string }) => downloadPdf(path, fileName),
  });
}
