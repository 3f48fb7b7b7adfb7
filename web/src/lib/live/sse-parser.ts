// A server-sent events parser (the WHATWG "event stream" interpretation) for
// a body read with fetch: EventSource cannot send an Authorization header.
// Text goes in as it arrives, in chunks cut anywhere (inside a line, between
// the CR and the LF of a CRLF); whole messages come out.

export interface SseMessage {
  /** The `event:` field; `message` when the message named none. */
  event: string;
  /** The `data:` lines joined by "\n". */
  data: string;
  /** The last event id as of this message (an `id:` field sticks until the next one). */
  lastEventId: string;
}

export interface SseParserOptions {
  /** Called for each `retry:` field with a valid number of milliseconds. */
  onRetry?: (ms: number) => void;
  /** Called for each comment line (`: keep-alive`), without the colon. */
  onComment?: (text: string) => void;
}

export class SseParser {
  private buffer = '';
  private started = false;
  /** The previous chunk ended with CR: a LF at the start of the next one belongs to it. */
  private pendingCr = false;
  private data: string[] = [];
  private event = '';
  private lastId = '';

  constructor(private readonly options: SseParserOptions = {}) {}

  /** The last event id seen (an `id:` line), whether or not its message was dispatched. */
  get lastEventId(): string {
    return this.lastId;
  }

  /** Feeds decoded text; answers the messages it completed. */
  push(chunk: string): SseMessage[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;

    const out: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      const line = this.buffer.slice(start, i);
      if (c === 0x0d) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 0x0a) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const message = this.line(line);
      if (message) out.push(message);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** Forgets a message in progress (the connection broke); keeps the last event id. */
  reset() {
    this.buffer = '';
    this.pendingCr = false;
    this.started = false;
    this.data = [];
    this.event = '';
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.options.onComment?.(line.slice(1).replace(/^ /, ''));
      return null;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.options.onRetry?.(Number(value));
        break;
      default:
        // Unknown fields are ignored.
        break;
    }
    return null;
  }

  private dispatch(): SseMessage | null {
    const data = this.data;
    const event = this.event;
    this.data = [];
    this.event = '';
    if (data.length === 0) return null;
    return { event: event || 'message', data: data.join('\n'), lastEventId: this.lastId };
  }
}
