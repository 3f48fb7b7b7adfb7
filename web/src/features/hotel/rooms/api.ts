// Rooms: /api/hotel/rooms (the grid loads every room through
// common/lookups' useAllRooms) and the housekeeping status.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type Schemas } from '@/lib/api';
import { invalidateHotel } from '../common/keys';

type RoomStatus = Schemas['RoomStatus'];

export function useChangeRoomStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status, version }: { id: string; status: RoomStatus; version: number }) =>
      api.post('/api/hotel/rooms/{id}/status', { params: { id }, body: { status, version } }),
    // out_of_order changes what can be sold.
    onSuccess: () => invalidateHotel(qc, 'rooms', 'availability', 'dashboard'),
  });
}

export function useCreateRoom() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/rooms', 'post'>) => api.post('/api/hotel/rooms', { body }),
    onSuccess: () => invalidateHotel(qc, 'rooms', 'availability', 'dashboard'),
  });
}

export function useUpdateRoom() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyParams<'/api/hotel/rooms/{id}', 'patch'> }) =>
      api.patch('/api/hotel/rooms/{id}', { params: { id }, body }),
    onSuccess: () => invalidateHotel(qc, 'rooms', 'availability', 'dashboard'),
  });
}

export function useDeleteRoom() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/hotel/rooms/{id}', { params: { id } }),
    onSuccess: () => invalidateHotel(qc, 'rooms', 'availability', 'dashboard'),
  });
}
