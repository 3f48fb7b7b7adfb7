// Guests: /api/hotel/guests (search, create, edit, delete), their export and
// erasure, and their stays (reservations of the guest).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { hotelKeys, invalidateHotel } from '../common/keys';

export { useCreateGuest, useGuest, useGuests, type GuestListParams } from '../common/guest-queries';

export function useGuestStays(guestId: string, page: number, limit: number) {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.reservations, 'list', { guest_id: guestId, page, limit }],
    queryFn: ({ signal }) =>
      api.get('/api/hotel/reservations', {
        query: { guest_id: guestId, page, limit, sort: '-check_in_date' },
        signal,
      }),
    enabled: can('hotel:reservations:read'),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateGuest(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/guests/{id}', 'patch'>) =>
      api.patch('/api/hotel/guests/{id}', { params: { id }, body }),
    // Reservations show the guest's name.
    onSuccess: () => invalidateHotel(qc, 'guests', 'reservations'),
  });
}

export function useDeleteGuest(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/hotel/guests/{id}', { params: { id } }),
    onSuccess: () => invalidateHotel(qc, 'guests'),
  });
}

export function useEraseGuest(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post('/api/hotel/guests/{id}/erase', { params: { id }, body: { version } }),
    onSuccess: () => invalidateHotel(qc, 'guests', 'reservations', 'incidents'),
  });
}

/** GET …/export, offered to the browser as a JSON file. */
export function useExportGuest(id: string) {
  return useMutation({
    mutationFn: async () => {
      const data = await api.get('/api/hotel/guests/{id}/export', { params: { id } });
      const name = `${data.guest.first_name}-${data.guest.last_name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      downloadJson(data, `guest-${name}-${data.exported_at.slice(0, 10)}.json`);
      return data;
    },
  });
}

export function downloadJson(data: unknown, filename: string) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
