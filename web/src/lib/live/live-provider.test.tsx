// The provider over a scripted API: one stream per session key, opened with
// the bearer token and Accept: text/event-stream; an end for an expired
// token refreshes the session before reconnecting with Last-Event-ID; a new
// key (another hotel) closes the old stream and opens a new one; unmounting
// (sign-out) closes it; no key, no connection. The indicator names the state.
import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveStatusIndicator } from '@/components/live-status';
import { requestRaw, session, setSessionHandlers } from '@/lib/api';
import { theme } from '@/lib/theme';
import { jsonResponse, mockApi, type ApiCall } from '@/test/render';
import type { LiveEvent } from './live-client';
import { liveThrottleMs, LiveEventsProvider } from './live-provider';

interface Stream {
  call: ApiCall;
  signal: AbortSignal;
  send(text: string): void;
}

/** GET /api/hotel/events answers a stream the test writes to. */
function eventsRoute(streams: Stream[]) {
  const encoder = new TextEncoder();
  return (call: ApiCall) => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    const signal = (fetchInits.at(-1) as RequestInit).signal as AbortSignal;
    signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    streams.push({ call, signal, send: (text) => controller.enqueue(encoder.encode(text)) });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
}

// The fetch inits, to reach each call's AbortSignal.
let fetchInits: RequestInit[] = [];
function captureInits() {
  const mocked = globalThis.fetch as (input: string, init: RequestInit) => Promise<Response>;
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    fetchInits.push(init);
    return mocked(input, init);
  });
}

const event = (id: number): LiveEvent => ({
  id,
  type: 'room.status_changed',
  resource_type: 'room',
  resource_id: 'room-1',
  occurred_at: '2026-12-04T10:00:00Z',
  data: { action: 'room.status_changed' },
});

function renderProvider(sessionKey: string | null, onEvents: (e: LiveEvent[]) => void) {
  const ui = (key: string | null) => (
    <MantineProvider theme={theme}>
      <LiveEventsProvider sessionKey={key} onEvents={onEvents}>
        <LiveStatusIndicator />
      </LiveEventsProvider>
    </MantineProvider>
  );
  const view = render(ui(sessionKey));
  return { ...view, rerenderWith: (key: string | null) => view.rerender(ui(key)) };
}

beforeEach(() => {
  fetchInits = [];
  session.clear();
  setSessionHandlers({});
});
afterEach(() => {
  vi.unstubAllGlobals();
  session.clear();
});

describe('LiveEventsProvider', () => {
  it('streams with the token, says connected, and refreshes the token before resuming after end token_expired', async () => {
    const streams: Stream[] = [];
    let refreshes = 0;
    const calls = mockApi({
      'GET /api/hotel/events': eventsRoute(streams),
      'POST /api/auth/refresh': () => {
        refreshes += 1;
        return jsonResponse(200, { access_token: `access-${refreshes + 1}`, expires_in: 900 });
      },
    });
    captureInits();
    session.setAccessToken('access-1');
    const batches: number[][] = [];
    renderProvider('user-1:hotel-1:', (events) => batches.push(events.map((e) => e.id)));

    await waitFor(() => expect(streams).toHaveLength(1));
    expect(streams[0].call.headers.Accept).toBe('text/event-stream');
    expect(streams[0].call.headers.Authorization).toBe('Bearer access-1');
    expect(streams[0].call.headers['Last-Event-ID']).toBeUndefined();
    expect(screen.getByRole('status', { name: 'Live updates: connecting' })).toBeInTheDocument();

    streams[0].send('event: ready\ndata: {"last_id": 10}\n\n');
    await screen.findByRole('status', { name: 'Live updates: connected' });
    expect(screen.getByTestId('live-status')).toHaveAttribute('data-state', 'connected');

    streams[0].send(`id: 11\nevent: room.status_changed\ndata: ${JSON.stringify(event(11))}\n\n`);
    await waitFor(() => expect(batches).toEqual([[11]]));

    streams[0].send('event: end\ndata: {"reason": "token_expired"}\n\n');
    await waitFor(() => expect(streams).toHaveLength(2));
    expect(streams[0].signal.aborted).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/hotel/events',
      'POST /api/auth/refresh',
      'GET /api/hotel/events',
    ]);
    expect(streams[1].call.headers.Authorization).toBe('Bearer access-2');
    expect(streams[1].call.headers['Last-Event-ID']).toBe('11');
  });

  it('opens a new stream for another session key, closes it on unmount, and opens none without a key', async () => {
    const streams: Stream[] = [];
    mockApi({ 'GET /api/hotel/events': eventsRoute(streams) });
    captureInits();
    session.setAccessToken('access-1');
    const view = renderProvider('user-1:hotel-1:', () => undefined);
    await waitFor(() => expect(streams).toHaveLength(1));
    streams[0].send('event: ready\ndata: {"last_id": 5}\n\n');
    await screen.findByRole('status', { name: 'Live updates: connected' });

    // Another hotel: the old stream closes, the new one starts from now.
    view.rerenderWith('user-1:hotel-2:');
    await waitFor(() => expect(streams).toHaveLength(2));
    expect(streams[0].signal.aborted).toBe(true);
    expect(streams[1].call.headers['Last-Event-ID']).toBeUndefined();

    view.rerenderWith(null);
    await waitFor(() => expect(streams[1].signal.aborted).toBe(true));
    expect(screen.queryByTestId('live-status')).toBeNull();

    view.rerenderWith('user-1:hotel-2:');
    await waitFor(() => expect(streams).toHaveLength(3));
    view.unmount();
    expect(streams[2].signal.aborted).toBe(true);
    expect(streams).toHaveLength(3);
  });

  it('says offline when the server refuses the stream (403)', async () => {
    const calls = mockApi({
      'GET /api/hotel/events': () => jsonResponse(403, { title: 'Forbidden', status: 403, code: 'forbidden' }),
    });
    session.setAccessToken('access-1');
    renderProvider('user-1:hotel-1:', () => undefined);
    await screen.findByRole('status', { name: 'Live updates: offline' });
    expect(calls).toHaveLength(1);
  });

  it('reads 429 too_many_streams with its Retry-After as a wait, other refusals not', async () => {
    const answer = (status: number, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify({ title: 'x', status, code: 'too_many_streams' }), {
        status,
        headers: { 'Content-Type': 'application/problem+json', ...headers },
      });
    const calls: Response[] = [answer(429, { 'Retry-After': '7' }), answer(429), answer(403)];
    vi.stubGlobal('fetch', async () => calls.shift() as Response);
    session.setAccessToken('access-1');
    const errors = [];
    for (let i = 0; i < 3; i++) errors.push(await requestRaw('GET', '/api/hotel/events').catch((e: unknown) => e));
    expect(errors.map(liveThrottleMs)).toEqual([7_000, 0, null]);
  });
});
