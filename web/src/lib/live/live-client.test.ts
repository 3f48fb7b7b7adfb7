// The live client against a scripted server (a fake connect answering
// streams the test writes to) and hand-fired timers: ready and events, resume
// with the last id after a break, backoff that doubles and resets, 429,
// refusals that stop it, an end message for an expired token reconnecting at
// once (but not twice in a row), a silent connection dropped, stop().
import { afterEach, describe, expect, it } from 'vitest';
import { LiveClient, type LiveClientOptions, type LiveEvent, type LiveState, type ReadyInfo } from './live-client';

class FatalError extends Error {}
class ThrottledError extends Error {
  constructor(readonly retryAfterMs = 0) {
    super('too_many_streams');
  }
}

/** One connection the client opened: the test writes its body. */
interface Conn {
  lastEventId: string | null;
  signal: AbortSignal;
  send(text: string): void;
  close(): void;
}

function script() {
  const conns: Conn[] = [];
  const waiting: (() => void)[] = [];
  /** What the next connect answers instead of a stream (an error to throw, a Response). */
  const failures: (Error | Response)[] = [];
  const encoder = new TextEncoder();

  const connect = async (lastEventId: string | null, signal: AbortSignal): Promise<Response> => {
    const failure = failures.shift();
    if (failure instanceof Error) throw failure;
    if (failure) return failure;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let open = true;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
    });
    signal.addEventListener('abort', () => {
      if (open) controller.error(new DOMException('aborted', 'AbortError'));
      open = false;
    });
    const conn: Conn = {
      lastEventId,
      signal,
      send: (text) => controller.enqueue(encoder.encode(text)),
      close: () => {
        open = false;
        controller.close();
      },
    };
    conns.push(conn);
    for (const wake of waiting.splice(0)) wake();
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };

  /** The n-th connection (0-based), once the client has opened it. */
  const connection = (n: number) =>
    new Promise<Conn>((resolve) => {
      const check = () => (conns.length > n ? resolve(conns[n]) : void waiting.push(check));
      check();
    });

  return { connect, conns, failures, connection };
}

function timers() {
  let seq = 0;
  const pending = new Map<number, { fn: () => void; ms: number; kind: string }>();
  return {
    setTimer: (fn: () => void, ms: number) => {
      seq += 1;
      pending.set(seq, { fn, ms, kind: '' });
      return seq;
    },
    clearTimer: (h: unknown) => {
      pending.delete(h as number);
    },
    /** Delays of the timers waiting, except the idle watchdog's. */
    retries: (idleMs: number) => [...pending.values()].filter((t) => t.ms !== idleMs).map((t) => t.ms),
    /** Fires the (one) timer with this delay. */
    fire(ms: number) {
      const entry = [...pending.entries()].find(([, t]) => t.ms === ms);
      if (!entry) throw new Error(`no timer of ${ms} ms (waiting: ${[...pending.values()].map((t) => t.ms).join(', ')})`);
      pending.delete(entry[0]);
      entry[1].fn();
    },
  };
}

const IDLE = 45_000;
const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

const event = (id: number, type = 'room.status_changed', resource_type = 'room'): LiveEvent => ({
  id,
  type,
  resource_type,
  resource_id: `r-${id}`,
  occurred_at: '2026-12-04T10:00:00Z',
  data: { action: type },
});
const msg = (e: LiveEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
const ready = (lastId: number) => `event: ready\ndata: {"last_id": ${lastId}}\n\n`;
const end = (reason: string) => `event: end\ndata: {"reason": "${reason}"}\n\n`;

let client: LiveClient | null = null;
afterEach(() => client?.stop());

function setup(extra: Partial<LiveClientOptions> = {}) {
  const server = script();
  const t = timers();
  const batches: number[][] = [];
  const states: LiveState[] = [];
  const readies: ReadyInfo[] = [];
  const ends: string[] = [];
  client = new LiveClient({
    connect: server.connect,
    onEvents: (events) => batches.push(events.map((e) => e.id)),
    onState: (s) => states.push(s),
    onReady: (info) => readies.push(info),
    onEnd: (reason) => {
      ends.push(reason);
    },
    isFatal: (e) => e instanceof FatalError,
    throttledFor: (e) => (e instanceof ThrottledError ? e.retryAfterMs : null),
    random: () => 1, // no jitter: the delays are the backoff itself
    setTimer: t.setTimer,
    clearTimer: t.clearTimer,
    idleTimeoutMs: IDLE,
    ...extra,
  });
  return { server, t, batches, states, readies, ends, client };
}

describe('LiveClient', () => {
  it('connects from now, says connected on ready and hands over events in the batches they arrived in', async () => {
    const { server, batches, states, readies, client } = setup();
    client.start();
    const c = await server.connection(0);
    expect(c.lastEventId).toBeNull();
    expect(client.currentState).toBe('connecting');

    c.send(ready(7));
    await flush();
    expect(client.currentState).toBe('connected');
    expect(readies).toEqual([{ lastId: 7, resumed: false }]);
    expect(client.resumeId).toBe('7');

    c.send(msg(event(8)) + msg(event(9, 'incident.created', 'incident')));
    await flush();
    c.send(': keep-alive\n\n' + msg(event(10)).slice(0, 20));
    await flush();
    c.send(msg(event(10)).slice(20));
    await flush();
    expect(batches).toEqual([[8, 9], [10]]);
    expect(client.resumeId).toBe('10');
    expect(states).toEqual(['connected']);
  });

  it('after the server closes, backs off and resumes with Last-Event-ID of the last event seen', async () => {
    const { server, t, readies, client } = setup();
    client.start();
    const first = await server.connection(0);
    first.send(ready(3) + msg(event(4)) + msg(event(5)));
    await flush();
    first.close();
    await flush();
    expect(client.currentState).toBe('reconnecting');
    expect(t.retries(IDLE)).toEqual([1_000]);

    t.fire(1_000);
    const second = await server.connection(1);
    expect(second.lastEventId).toBe('5');
    second.send(ready(5));
    await flush();
    expect(client.currentState).toBe('connected');
    expect(readies[1]).toEqual({ lastId: 5, resumed: true });
  });

  it('resumes from the ready position when the break came before any event', async () => {
    const { server, t, client } = setup();
    client.start();
    const first = await server.connection(0);
    first.send(ready(42));
    await flush();
    first.close();
    await flush();
    t.fire(1_000);
    expect((await server.connection(1)).lastEventId).toBe('42');
  });

  it('doubles the delay per failed attempt up to the maximum, says offline after three, and starts over once connected', async () => {
    const { server, t, states, client } = setup({ maxDelayMs: 8_000 });
    for (let i = 0; i < 5; i++) server.failures.push(new TypeError('Failed to fetch'));
    client.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await flush();
      const [delay] = t.retries(IDLE);
      delays.push(delay);
      if (i === 1) expect(client.currentState).toBe('reconnecting');
      if (i === 2) expect(client.currentState).toBe('offline');
      t.fire(delay);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);

    const c = await server.connection(0);
    c.send(ready(1));
    await flush();
    expect(states).toEqual(['reconnecting', 'offline', 'connected']);
    c.close();
    await flush();
    expect(t.retries(IDLE)).toEqual([1_000]);
  });

  it('spreads the delays with jitter (half to all of the backoff)', async () => {
    const { server, t, client } = setup({ random: () => 0 });
    server.failures.push(new TypeError('Failed to fetch'));
    client.start();
    await flush();
    expect(t.retries(IDLE)).toEqual([500]);
  });

  it('honours the server retry: field as the least delay', async () => {
    const { server, t, client } = setup();
    client.start();
    const c = await server.connection(0);
    c.send('retry: 3000\n' + ready(1));
    await flush();
    c.close();
    await flush();
    expect(t.retries(IDLE)).toEqual([3_000]);
  });

  it('waits longer after 429 too_many_streams: its Retry-After, or the default least delay', async () => {
    const { server, t, client } = setup({ throttledDelayMs: 10_000 });
    server.failures.push(new ThrottledError(), new ThrottledError(20_000));
    client.start();
    await flush();
    expect(t.retries(IDLE)).toEqual([10_000]);
    t.fire(10_000);
    await flush();
    expect(t.retries(IDLE)).toEqual([20_000]);
    t.fire(20_000);
    expect((await server.connection(0)).lastEventId).toBeNull();
  });

  it('retries an answer that is no event stream (a JSON page)', async () => {
    const { server, t, client } = setup();
    server.failures.push(new Response('{"items":[],"next_after":0}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    client.start();
    await flush();
    expect(client.currentState).toBe('reconnecting');
    expect(t.retries(IDLE)).toEqual([1_000]);
  });

  it('stops for good on a refusal asking again will not change', async () => {
    const { server, t, states, client } = setup();
    server.failures.push(new FatalError('403'));
    client.start();
    await flush();
    expect(client.isRunning).toBe(false);
    expect(states).toEqual(['offline']);
    expect(t.retries(IDLE)).toEqual([]);
    expect(server.conns).toHaveLength(0);
  });

  it('reconnects at once after end token_expired, having awaited onEnd, and backs off if it happens again straight away', async () => {
    let releaseEnd!: () => void;
    const endGate = new Promise<void>((r) => (releaseEnd = r));
    const ends: string[] = [];
    const { server, t, client } = setup({
      onEnd: async (reason) => {
        ends.push(reason);
        if (ends.length === 1) await endGate;
      },
    });
    client.start();
    const first = await server.connection(0);
    first.send(ready(1) + msg(event(2)) + end('token_expired'));
    await flush();
    expect(ends).toEqual(['token_expired']);
    // The refresh (onEnd) is still running: no reconnect yet.
    expect(t.retries(IDLE)).toEqual([]);
    expect(first.signal.aborted).toBe(true);
    releaseEnd();
    await flush();
    expect(client.currentState).toBe('reconnecting');
    expect(t.retries(IDLE)).toEqual([0]);
    t.fire(0);

    // Ended again before anything came through: not at once this time.
    const second = await server.connection(1);
    expect(second.lastEventId).toBe('2');
    second.send(ready(2) + end('token_expired'));
    await flush();
    expect(t.retries(IDLE)).toEqual([1_000]);
    t.fire(1_000);

    // Once a connection carried data, the next token end is immediate again.
    const third = await server.connection(2);
    third.send(ready(2));
    await flush();
    third.send(': keep-alive\n\n');
    await flush();
    third.send(end('access_changed'));
    await flush();
    expect(ends).toEqual(['token_expired', 'token_expired', 'access_changed']);
    expect(t.retries(IDLE)).toEqual([0]);
  });

  it('backs off after end shutdown or unavailable', async () => {
    const { server, t, ends, client } = setup();
    client.start();
    const c = await server.connection(0);
    c.send(ready(1) + end('shutdown'));
    await flush();
    expect(ends).toEqual(['shutdown']);
    expect(t.retries(IDLE)).toEqual([1_000]);
    t.fire(1_000);
    const again = await server.connection(1);
    again.send(ready(1) + end('unavailable'));
    await flush();
    expect(ends).toEqual(['shutdown', 'unavailable']);
    expect(t.retries(IDLE)).toEqual([1_000]);
  });

  it('drops a connection that sent nothing for the idle timeout and resumes', async () => {
    const { server, t, client } = setup();
    client.start();
    const first = await server.connection(0);
    first.send(ready(6));
    await flush();
    t.fire(IDLE);
    await flush();
    expect(first.signal.aborted).toBe(true);
    expect(client.currentState).toBe('reconnecting');
    t.fire(1_000);
    expect((await server.connection(1)).lastEventId).toBe('6');
  });

  it('retryNow skips the wait; stop closes the stream and reconnects no more', async () => {
    const { server, t, batches, client } = setup();
    server.failures.push(new TypeError('Failed to fetch'));
    client.start();
    await flush();
    expect(t.retries(IDLE)).toEqual([1_000]);
    client.retryNow();
    const c = await server.connection(0);
    expect(t.retries(IDLE)).toEqual([]);
    c.send(ready(1));
    await flush();

    client.stop();
    await flush();
    expect(c.signal.aborted).toBe(true);
    expect(t.retries(IDLE)).toEqual([]);
    expect(server.conns).toHaveLength(1);
    expect(batches).toEqual([]);
  });

  it('ignores data that is not a domain event', async () => {
    const { server, batches, client } = setup();
    client.start();
    const c = await server.connection(0);
    c.send(ready(1) + 'id: 2\nevent: x\ndata: not json\n\n' + 'data: {"id":"3"}\n\n' + msg(event(4)));
    await flush();
    expect(batches).toEqual([[4]]);
    expect(client.resumeId).toBe('4');
  });
});
