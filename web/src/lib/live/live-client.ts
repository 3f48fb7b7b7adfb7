// One live connection to GET /api/hotel/events as server-sent events, read
// with fetch (the bearer token goes in a header). It resumes after every
// break with Last-Event-ID, so no event is missed across a reconnect; it
// backs off (with jitter) while the server cannot be reached or refuses with
// 429; an `end` message for an expired token or changed access reconnects
// at once (the connect function refreshes the token on the way); a silent
// connection (no keep-alive for `idleTimeoutMs`) is dropped and reopened.
import { SseParser, type SseMessage } from './sse-parser';

export interface LiveEvent {
  id: number;
  type: string;
  resource_type: string;
  resource_id: string | null;
  occurred_at: string;
  data: Record<string, unknown>;
}

/** connecting: the first attempt; reconnecting: after a break; offline: failing for a while, or refused for good. */
export type LiveState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * Why the server ended a stream. token_expired and access_changed (the
 * token ran out; the user, membership, hotel or impersonation is no longer
 * valid, or the permissions changed) reconnect at once, with a renewed token
 * or to read under the new permissions, and the reconnect's refusal ends the
 * session where it is over; unavailable (the server could not reach its
 * database) and shutdown back off.
 */
export type EndReason = 'token_expired' | 'access_changed' | 'unavailable' | 'shutdown' | (string & {});

export interface ReadyInfo {
  lastId: number;
  /** True when the stream went on from an event this client had already seen (nothing was missed). */
  resumed: boolean;
}

export interface LiveClientOptions {
  /**
   * Opens the stream: answers the streaming Response (or throws). `lastEventId`
   * is null on the first connection (the server starts at "now").
   */
  connect: (lastEventId: string | null, signal: AbortSignal) => Promise<Response>;
  /** A batch of events read together (one network chunk), in order. */
  onEvents: (events: LiveEvent[]) => void;
  onState?: (state: LiveState) => void;
  onReady?: (info: ReadyInfo) => void;
  /** The server ended the stream and said why (before the reconnect). */
  onEnd?: (reason: EndReason) => void | Promise<void>;
  /**
   * Whether an error from `connect` is final (no retry): answers true for a
   * refusal that asking again will not change (403, or a session that ended).
   */
  isFatal?: (error: unknown) => boolean;
  /**
   * Whether an error from `connect` asks to slow down (429): answers the least
   * delay in ms it asks for (its Retry-After), 0 for the default, null when it
   * does not.
   */
  throttledFor?: (error: unknown) => number | null;
  /** First backoff delay (ms); doubles per failed attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Least delay after a 429 that named none. */
  throttledDelayMs?: number;
  /** Drop a connection that has sent nothing for this long (the server sends a keep-alive every 15 s). */
  idleTimeoutMs?: number;
  /** Failed attempts in a row before the state says offline. */
  offlineAfter?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class NotAnEventStream extends Error {
  constructor(readonly status: number, readonly contentType: string) {
    super(`expected text/event-stream, got ${status} ${contentType || 'without a content type'}`);
    this.name = 'NotAnEventStream';
  }
}

export class LiveClient {
  private readonly opts: Required<Omit<LiveClientOptions, 'onState' | 'onReady' | 'onEnd' | 'isFatal' | 'throttledFor'>> &
    LiveClientOptions;
  private state: LiveState = 'connecting';
  private running = false;
  private controller: AbortController | null = null;
  private retryTimer: unknown = null;
  private idleTimer: unknown = null;
  /** The id to resume after: the last event seen, or the stream's position when it said ready. */
  private lastId: string | null = null;
  /** Failed attempts since the last ready. */
  private failures = 0;
  /** The last reconnect was immediate (an end for token/access): the next break backs off. */
  private immediateUsed = false;
  private serverRetryMs: number | null = null;

  constructor(options: LiveClientOptions) {
    this.opts = {
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
      throttledDelayMs: 10_000,
      idleTimeoutMs: 45_000,
      offlineAfter: 3,
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  get currentState(): LiveState {
    return this.state;
  }

  /** The id the next connection resumes after (null before the first ready). */
  get resumeId(): string | null {
    return this.lastId;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.setState(this.lastId === null ? 'connecting' : 'reconnecting');
    void this.run();
  }

  /** Closes the connection and stops reconnecting (sign-out, another hotel). */
  stop() {
    this.running = false;
    this.clearRetry();
    this.clearIdle();
    this.controller?.abort();
    this.controller = null;
  }

  /** Reconnects now if the client is waiting to retry (the browser is back online). */
  retryNow() {
    if (!this.running || this.retryTimer === null) return;
    this.clearRetry();
    void this.run();
  }

  private setState(state: LiveState) {
    if (this.state === state) return;
    this.state = state;
    this.opts.onState?.(state);
  }

  private clearRetry() {
    if (this.retryTimer !== null) this.opts.clearTimer(this.retryTimer);
    this.retryTimer = null;
  }

  private clearIdle() {
    if (this.idleTimer !== null) this.opts.clearTimer(this.idleTimer);
    this.idleTimer = null;
  }

  private armIdle(controller: AbortController) {
    this.clearIdle();
    this.idleTimer = this.opts.setTimer(() => {
      this.idleTimer = null;
      controller.abort(new DOMException('no data from the event stream', 'TimeoutError'));
    }, this.opts.idleTimeoutMs);
  }

  private backoff(): number {
    const exp = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** Math.max(0, this.failures - 1));
    const floor = Math.max(exp, this.serverRetryMs ?? 0);
    // Jitter: between half and all of the delay, so many tabs do not come back at once.
    return Math.round(floor * (0.5 + 0.5 * this.opts.random()));
  }

  private schedule(delayMs: number) {
    if (!this.running) return;
    this.clearRetry();
    this.retryTimer = this.opts.setTimer(() => {
      this.retryTimer = null;
      void this.run();
    }, delayMs);
  }

  private async run() {
    if (!this.running) return;
    const controller = new AbortController();
    this.controller = controller;
    let endReason: EndReason | null = null;
    let gotReady = false;
    let gotAfterReady = false;
    let error: unknown = null;

    try {
      const res = await this.opts.connect(this.lastId, controller.signal);
      const type = res.headers.get('Content-Type') ?? '';
      if (!res.ok || !type.includes('text/event-stream') || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        throw new NotAnEventStream(res.status, type);
      }
      this.armIdle(controller);
      const parser = new SseParser({
        onRetry: (ms) => {
          this.serverRetryMs = ms;
        },
      });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done || !this.running || controller.signal.aborted) break;
          this.armIdle(controller);
          // Anything read after the ready message: this connection carried data.
          if (gotReady) gotAfterReady = true;
          const batch: LiveEvent[] = [];
          for (const message of parser.push(decoder.decode(value, { stream: true }))) {
            const handled = this.handle(message, batch);
            if (handled === 'ready') gotReady = true;
            else if (handled !== null && handled !== 'event') endReason = handled.end;
          }
          if (batch.length > 0) this.opts.onEvents(batch);
          if (endReason !== null) break;
        }
      } finally {
        reader.cancel().catch(() => undefined);
      }
    } catch (e) {
      error = e;
    } finally {
      this.clearIdle();
      if (this.controller === controller) this.controller = null;
      controller.abort();
    }

    if (!this.running) return;
    if (gotReady) {
      this.failures = 0;
      if (gotAfterReady) this.immediateUsed = false;
    }

    if (error !== null && this.opts.isFatal?.(error)) {
      this.running = false;
      this.setState('offline');
      return;
    }

    if (endReason !== null) {
      await this.opts.onEnd?.(endReason);
      if (!this.running) return;
    }

    const immediate = (endReason === 'token_expired' || endReason === 'access_changed') && !this.immediateUsed;
    if (immediate) {
      this.immediateUsed = true;
      this.setState('reconnecting');
      this.schedule(0);
      return;
    }
    this.failures += 1;
    const throttled = error !== null ? (this.opts.throttledFor?.(error) ?? null) : null;
    const least = throttled === null ? 0 : throttled > 0 ? throttled : this.opts.throttledDelayMs;
    const delay = Math.max(this.backoff(), least);
    this.setState(this.failures >= this.opts.offlineAfter ? 'offline' : 'reconnecting');
    this.schedule(delay);
  }

  /** One message: answers what it was (an event goes into `batch`). */
  private handle(message: SseMessage, batch: LiveEvent[]): 'ready' | 'event' | { end: EndReason } | null {
    const payload = parseJson(message.data);
    if (message.event === 'ready') {
      const lastId = payload && typeof payload.last_id === 'number' ? String(payload.last_id) : null;
      const resumed = this.lastId !== null;
      if (lastId !== null && (this.lastId === null || Number(lastId) > Number(this.lastId))) this.lastId = lastId;
      this.setState('connected');
      this.opts.onReady?.({ lastId: Number(this.lastId ?? 0), resumed });
      return 'ready';
    }
    if (message.event === 'end') {
      const reason = payload && typeof payload.reason === 'string' ? payload.reason : 'shutdown';
      return { end: reason };
    }
    if (message.lastEventId !== '') this.lastId = message.lastEventId;
    // A server that sends no ready message is connected once it sends an event.
    this.setState('connected');
    if (isLiveEvent(payload)) {
      batch.push(payload);
      return 'event';
    }
    return null;
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isLiveEvent(value: Record<string, unknown> | null): value is Record<string, unknown> & LiveEvent {
  return (
    value !== null &&
    typeof value.id === 'number' &&
    typeof value.type === 'string' &&
    typeof value.resource_type === 'string' &&
    (typeof value.resource_id === 'string' || value.resource_id === null)
  );
}
