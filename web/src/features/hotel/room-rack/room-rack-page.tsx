// /hotel/room-rack: one property's rooms as rows (grouped by room type, with
// their housekeeping status; out-of-order and out-of-service rooms greyed),
// the days of a window as columns (7, 14 or 30 from the business date, with
// previous/next), and the stays as bars coloured by status, the unassigned
// ones in lanes under their type. A bar opens its reservation; dragging a
// pending or confirmed stay onto another room of its type assigns that room
// (HTML5 drag and drop). One GET answers everything; rows are plain elements
// (no per-cell components) and memoized, so 200 rooms × 30 days stay quick.
import './room-rack.css';
import { Alert, Button, Group, Paper, ScrollArea, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useMemo, useRef, useState, type CSSProperties, type DragEvent } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '@/components/error-pages';
import { useListPage } from '@/components/list-page';
import { PageHeader } from '@/components/page-header';
import { statusColor, statusLabel } from '@/components/status-badge';
import { api } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { addDays, isIsoDate } from '../common/dates';
import { useBusinessDate, useRoomRack, type RackRoom, type RackStay } from '../common/front-office';
import { invalidateHotel } from '../common/keys';
import { usePropertyChoices } from '../common/lookups';
import { PropertyPicker, chosenProperty } from '../common/property-picker';
import { DAY_CHOICES, buildRack, dayColumns, dayOffset, dayWidth, parseDays, type Bar, type DayColumn } from './layout';

const BAR_STATUSES = ['pending', 'confirmed', 'checked_in', 'checked_out'] as const;
/** The room column's width: --kc-rack-label-w in room-rack.css. */
const LABEL_WIDTH = 150;

/** A stay whose room may still change (the status machine's pending and confirmed). */
const movable = (s: RackStay) => s.status === 'pending' || s.status === 'confirmed';

function useAssignFromRack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ stay, room }: { stay: RackStay; room: RackRoom }) =>
      api.post('/api/hotel/reservations/{id}/assign-room', { params: { id: stay.reservation_id }, body: { room_id: room.id, version: stay.version } }),
    // Refused or not, the rack is read again.
    onSettled: () => invalidateHotel(qc, 'roomRack', 'reservations', 'rooms', 'availability'),
  });
}

export function RoomRackPage() {
  const { can } = useAuth();
  const list = useListPage({ property_id: '', from: '', days: '14' });
  const properties = usePropertyChoices();
  const propertyId = chosenProperty(properties.options, list.params.property_id);
  const business = useBusinessDate(propertyId);
  const days = parseDays(list.params.days);
  const from = isIsoDate(list.params.from) ? list.params.from : business.date;
  const rack = useRoomRack(from ? { property_id: propertyId, from, to: addDays(from, days) } : null);
  const { mutate: assignRoom, isPending: assigning } = useAssignFromRack();
  const mayMove = can('hotel:reservations:update');

  const groups = useMemo(() => (rack.data && from ? buildRack(rack.data, from, days) : []), [rack.data, from, days]);
  const columns = useMemo(() => (from ? dayColumns(from, days) : []), [from, days]);
  const businessDate = rack.data?.business_date ?? business.date;

  // The stay being dragged (dataTransfer cannot be read during dragover) and the row under it.
  const dragged = useRef<RackStay | null>(null);
  const [target, setTarget] = useState<string | null>(null);

  const onDragStart = useCallback((stay: RackStay, e: DragEvent) => {
    dragged.current = stay;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', stay.confirmation_number);
  }, []);
  const onDragEnd = useCallback(() => {
    dragged.current = null;
    setTarget(null);
  }, []);
  const accepts = useCallback((room: RackRoom) => {
    const stay = dragged.current;
    return !!stay && stay.room_type_id === room.room_type_id && stay.room_id !== room.id && room.status !== 'out_of_order';
  }, []);
  const onDragOver = useCallback(
    (room: RackRoom, e: DragEvent) => {
      if (!accepts(room)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setTarget((t) => (t === room.id ? t : room.id));
    },
    [accepts],
  );
  const onDragLeave = useCallback((room: RackRoom) => setTarget((t) => (t === room.id ? null : t)), []);
  const onDrop = useCallback(
    (room: RackRoom, e: DragEvent) => {
      e.preventDefault();
      const stay = dragged.current;
      const ok = accepts(room);
      dragged.current = null;
      setTarget(null);
      if (!stay || !ok) return;
      assignRoom(
        { stay, room },
        {
          onSuccess: () => notifySuccess(`Room ${room.room_number} is held for ${stay.confirmation_number}.`, 'Room assigned'),
          onError: (err) => notifyError(err, `Could not move ${stay.confirmation_number}`),
        },
      );
    },
    [accepts, assignRoom],
  );

  const handlers = useMemo(
    () => ({ onDragStart, onDragEnd, onDragOver, onDragLeave, onDrop }),
    [onDragStart, onDragEnd, onDragOver, onDragLeave, onDrop],
  );

  const move = (n: number) => from && list.setParams({ from: addDays(from, n) });
  const todayIndex = businessDate && from ? dayOffset(from, businessDate) : -1;
  // Days at least their minimum width, wider when the page has room (the label column is 150px).
  const { ref: frame, width: frameWidth } = useElementSize();
  const dayW = Math.max(dayWidth(days), Math.floor((frameWidth - LABEL_WIDTH - 2) / days));
  const style = { '--kc-rack-days': days, '--kc-rack-day-w': `${dayW}px` } as CSSProperties;

  let body;
  if (!propertyId && !properties.loading) {
    body = <Alert color="gray">There is no property to show yet.</Alert>;
  } else if (rack.isError) {
    body = <ErrorState error={rack.error} onRetry={() => void rack.refetch()} />;
  } else if (!rack.data) {
    body = (
      <Stack p="md" gap="sm" aria-busy="true" aria-label="Loading the room rack">
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} height={28} />
        ))}
      </Stack>
    );
  } else if (rack.data.rooms.length === 0 && rack.data.stays.length === 0) {
    body = <Alert color="gray">This property has no rooms yet.</Alert>;
  } else {
    body = (
      <ScrollArea type="auto">
        <div className="kc-rack" style={style} role="table" aria-label="Room rack" aria-busy={rack.isFetching || assigning}>
          <DayHeader columns={columns} businessDate={businessDate} />
          <div style={{ position: 'relative' }}>
            {todayIndex >= 0 && todayIndex < days && (
              <div
                className="kc-rack-today"
                aria-hidden
                style={{ left: `calc(var(--kc-rack-label-w) + ${todayIndex} * var(--kc-rack-day-w))` }}
              />
            )}
            {groups.map((g) => (
              <div key={g.type.id} role="rowgroup" aria-label={g.type.name}>
                <div className="kc-rack-row kc-rack-type" role="row">
                  <div className="kc-rack-label" role="rowheader">
                    {g.type.name}
                    {g.type.code && (
                      <Text span size="xs" c="dimmed">
                        {g.type.code}
                      </Text>
                    )}
                  </div>
                  <div className="kc-rack-track" role="cell" />
                </div>
                {g.rooms.map((row) => (
                  <RoomRow
                    key={row.room.id}
                    room={row.room}
                    bars={row.bars}
                    dropTarget={target === row.room.id}
                    mayMove={mayMove}
                    handlers={handlers}
                  />
                ))}
                {g.lanes.map((bars, i) => (
                  <LaneRow key={`lane-${i}`} label={i === 0 ? 'Unassigned' : ''} bars={bars} mayMove={mayMove} handlers={handlers} />
                ))}
              </div>
            ))}
          </div>
        </div>
      </ScrollArea>
    );
  }

  return (
    <>
      <PageHeader
        title="Room rack"
        description={
          from
            ? `${formatDate(from)} – ${formatDate(addDays(from, days - 1))}${businessDate ? ` · business date ${formatDate(businessDate)}` : ''}`
            : 'Loading the business date…'
        }
        actions={<PropertyPicker value={propertyId} onChange={(id) => list.setParams({ property_id: id })} />}
      />
      <Paper p="md" radius="md" mb="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs">
            <Button variant="default" onClick={() => move(-days)} disabled={!from} aria-label={`Previous ${days} days`}>
              ← Previous
            </Button>
            <Button
              variant="default"
              onClick={() => list.setParams({ from: '' })}
              disabled={!list.params.from}
            >
              Business date
            </Button>
            <Button variant="default" onClick={() => move(days)} disabled={!from} aria-label={`Next ${days} days`}>
              Next →
            </Button>
          </Group>
          <SegmentedControl
            aria-label="Days shown"
            value={String(days)}
            onChange={(v) => list.setParams({ days: v })}
            data={DAY_CHOICES.map((d) => ({ value: String(d), label: `${d} days` }))}
          />
          <Group gap="md" aria-label="Legend">
            {BAR_STATUSES.map((s) => (
              <Group key={s} gap={6}>
                <span className="kc-rack-legend-swatch" data-rack-status={s} aria-hidden />
                <Text size="xs">{statusLabel(s)}</Text>
              </Group>
            ))}
          </Group>
        </Group>
      </Paper>
      <Paper p={0} radius="md" ref={frame}>
        {body}
      </Paper>
    </>
  );
}

const DayHeader = memo(function DayHeader({ columns, businessDate }: { columns: DayColumn[]; businessDate: string | null }) {
  return (
    <div className="kc-rack-row kc-rack-head" role="row">
      <div className="kc-rack-label" role="columnheader">
        Room
      </div>
      <div className="kc-rack-track">
        {columns.map((c) => (
          <div
            key={c.date}
            className="kc-rack-day"
            role="columnheader"
            aria-label={formatDate(c.date)}
            data-weekend={c.weekend || undefined}
            data-today={c.date === businessDate || undefined}
          >
            <span>{c.weekday}</span>
            <span>{c.day}</span>
          </div>
        ))}
      </div>
    </div>
  );
});

interface DragHandlers {
  onDragStart: (stay: RackStay, e: DragEvent) => void;
  onDragEnd: () => void;
  onDragOver: (room: RackRoom, e: DragEvent) => void;
  onDragLeave: (room: RackRoom) => void;
  onDrop: (room: RackRoom, e: DragEvent) => void;
}

const closed = (room: RackRoom) => room.status === 'out_of_order' || room.status === 'out_of_service';

const RoomRow = memo(function RoomRow({
  room,
  bars,
  dropTarget,
  mayMove,
  handlers,
}: {
  room: RackRoom;
  bars: Bar[];
  dropTarget: boolean;
  mayMove: boolean;
  handlers: DragHandlers;
}) {
  const hk = statusLabel(room.status);
  return (
    <div
      className="kc-rack-row"
      role="row"
      aria-label={`Room ${room.room_number}, ${hk}`}
      data-room-id={room.id}
      data-closed={closed(room) || undefined}
      data-drop-target={dropTarget || undefined}
      onDragOver={(e) => handlers.onDragOver(room, e)}
      onDragLeave={() => handlers.onDragLeave(room)}
      onDrop={(e) => handlers.onDrop(room, e)}
    >
      <div className="kc-rack-label" role="rowheader" title={`Room ${room.room_number}: ${hk}${room.occupied ? ', occupied' : ''}`}>
        <span className="kc-rack-hk" style={{ background: `var(--mantine-color-${statusColor(room.status)}-filled)` }} aria-hidden />
        <Text span fw={600} size="sm">
          {room.room_number}
        </Text>
        <Text span size="xs" c="dimmed">
          {hk}
        </Text>
      </div>
      <div className="kc-rack-track" role="cell">
        {bars.map((b) => (
          <StayBar key={b.stay.reservation_id} bar={b} mayMove={mayMove} handlers={handlers} />
        ))}
      </div>
    </div>
  );
});

const LaneRow = memo(function LaneRow({
  label,
  bars,
  mayMove,
  handlers,
}: {
  label: string;
  bars: Bar[];
  mayMove: boolean;
  handlers: DragHandlers;
}) {
  return (
    <div className="kc-rack-row kc-rack-lane" role="row" aria-label="Unassigned stays">
      <div className="kc-rack-label" role="rowheader">
        {label}
      </div>
      <div className="kc-rack-track" role="cell">
        {bars.map((b) => (
          <StayBar key={b.stay.reservation_id} bar={b} mayMove={mayMove} handlers={handlers} />
        ))}
      </div>
    </div>
  );
});

function StayBar({ bar, mayMove, handlers }: { bar: Bar; mayMove: boolean; handlers: DragHandlers }) {
  const s = bar.stay;
  const draggable = mayMove && movable(s);
  const detail = `${s.guest_name} · ${s.confirmation_number} · ${formatDate(s.check_in_date)} → ${formatDate(s.check_out_date)} · ${statusLabel(s.status)} · balance ${formatMoney(s.balance.amount_minor, s.balance.currency)}`;
  return (
    <Link
      to={`/hotel/reservations/${s.reservation_id}`}
      className="kc-rack-bar"
      data-rack-status={s.status}
      data-clip-start={bar.clippedStart || undefined}
      data-clip-end={bar.clippedEnd || undefined}
      draggable={draggable}
      onDragStart={draggable ? (e) => handlers.onDragStart(s, e) : (e) => e.preventDefault()}
      onDragEnd={handlers.onDragEnd}
      title={detail}
      aria-label={`${s.guest_name}, ${s.confirmation_number}, ${statusLabel(s.status)}`}
      style={{
        left: `calc(${bar.start} * var(--kc-rack-day-w) + 2px)`,
        width: `calc(${bar.span} * var(--kc-rack-day-w) - 4px)`,
      }}
    >
      {s.guest_name}
    </Link>
  );
}
