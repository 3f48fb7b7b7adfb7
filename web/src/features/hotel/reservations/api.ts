// Reservations: list, detail, booking (with an Idempotency-Key), status
// actions, room assignment, availability, payments and refunds.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type QueryParams, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { hotelKeys, invalidateHotel } from '../common/keys';
import type { ReservationAction } from './status-machine';

export type Reservation = Schemas['Reservation'];
export type ReservationDetail = Schemas['ReservationDetail'];
export type Payment = Schemas['Payment'];
export type ReservationListParams = NonNullable<QueryParams<'/api/hotel/reservations', 'get'>>;
export type AvailabilityParams = QueryParams<'/api/hotel/availability', 'get'>;

export function useReservations(params: ReservationListParams) {
  return useQuery({
    queryKey: [...hotelKeys.reservations, 'list', params],
    queryFn: ({ signal }) => api.get('/api/hotel/reservations', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReservation(id: string) {
  return useQuery({
    queryKey: [...hotelKeys.reservations, 'detail', id],
    queryFn: ({ signal }) => api.get('/api/hotel/reservations/{id}', { params: { id }, signal }),
  });
}

export function useAvailability(params: AvailabilityParams | null) {
  return useQuery({
    queryKey: [...hotelKeys.availability, params],
    queryFn: ({ signal }) => api.get('/api/hotel/availability', { query: params!, signal }),
    enabled: params !== null,
  });
}

/** A reservation changes its room, the dashboard, the availability, the payments' balance, its folio and the room rack. */
function useInvalidateStay() {
  const qc = useQueryClient();
  return () => invalidateHotel(qc, 'reservations', 'rooms', 'availability', 'dashboard', 'payments', 'guests', 'folios', 'roomRack');
}

export function useCreateReservation() {
  const invalidate = useInvalidateStay();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BodyParams<'/api/hotel/reservations', 'post'>; idempotencyKey: string }) =>
      api.post('/api/hotel/reservations', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: invalidate,
  });
}

export function useUpdateReservation(id: string) {
  const invalidate = useInvalidateStay();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/reservations/{id}', 'patch'>) =>
      api.patch('/api/hotel/reservations/{id}', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export interface ActionInput {
  action: ReservationAction;
  version: number;
  reason?: string;
  roomId?: string;
}

export function useReservationAction(id: string) {
  const invalidate = useInvalidateStay();
  return useMutation({
    mutationFn: ({ action, version, reason, roomId }: ActionInput) => {
      const params = { id };
      const body = { version, reason: reason || undefined };
      switch (action) {
        case 'confirm':
          return api.post('/api/hotel/reservations/{id}/confirm', { params, body });
        case 'check_in':
          return api.post('/api/hotel/reservations/{id}/check-in', { params, body: { ...body, room_id: roomId || undefined } });
        case 'check_out':
          return api.post('/api/hotel/reservations/{id}/check-out', { params, body });
        case 'cancel':
          return api.post('/api/hotel/reservations/{id}/cancel', { params, body });
        case 'no_show':
          return api.post('/api/hotel/reservations/{id}/no-show', { params, body });
      }
    },
    onSuccess: invalidate,
  });
}

export function useAssignRoom(id: string) {
  const invalidate = useInvalidateStay();
  return useMutation({
    mutationFn: ({ roomId, version }: { roomId: string; version: number }) =>
      api.post('/api/hotel/reservations/{id}/assign-room', { params: { id }, body: { room_id: roomId, version } }),
    onSuccess: invalidate,
  });
}

export function useReservationPayments(id: string) {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.payments, 'reservation', id],
    queryFn: ({ signal }) => api.get('/api/hotel/reservations/{id}/payments', { params: { id }, signal }),
    enabled: can('hotel:payments:read'),
  });
}

export function useTakePayment(id: string) {
  const invalidate = useInvalidateStay();
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
    }: {
      body: BodyParams<'/api/hotel/reservations/{id}/payments', 'post'>;
      idempotencyKey: string;
    }) => api.post('/api/hotel/reservations/{id}/payments', { params: { id }, body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: invalidate,
  });
}

export function useRefund() {
  const invalidate = useInvalidateStay();
  return useMutation({
    mutationFn: ({ paymentId, body }: { paymentId: string; body: BodyParams<'/api/hotel/payments/{id}/refund', 'post'> }) =>
      api.post('/api/hotel/payments/{id}/refund', { params: { id: paymentId }, body }),
    onSuccess: invalidate,
  });
}
