// A server-sent events client for the tests: fetch with a bearer token (as
// the web app does; EventSource cannot send one), a parser of the stream,
// and waits for messages (states, never time).
import assert from 'node:assert/strict';

// Messages of an SSE text: {id, event, data, comment} each; `rest` is the
// unfinished tail. Lines end in LF, CRLF or CR; a blank line ends a message.
export function parseSse(text) {
  const messages = [];
  const blocks = text.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop();
  for (const block of blocks) {
    const m = { id: undefined, event: 'message', data: [], comments: [] };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) m.comments.push(line.slice(1).trim());
      else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') m.id = value;
        else if (field === 'event') m.event = value;
        else if (field === 'data') m.data.push(value);
        else if (field === 'retry') m.retry = Number(value);
      }
    }
    m.data = m.data.join('\n');
    messages.push(m);
  }
  return { messages, rest };
}

// Opens GET /api/hotel/events as a stream. Returns {status, headers, json
// (a refusal's problem), messages, next(pred, what, ms), events(), close()}.
export async function openStream(server, token, { lastEventId, after, base } = {}) {
  const ctl = new AbortController();
  const headers = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const url = `${base ?? server.baseUrl}/api/hotel/events${after !== undefined ? `?after=${after}` : ''}`;
  const res = await fetch(url, { headers, signal: ctl.signal });
  const s = { status: res.status, headers: res.headers, messages: [], ended: false };
  if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
    s.json = await res.json().catch(() => undefined);
    s.close = () => {};
    return s;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let waiters = [];
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const { messages, rest } = parseSse(pending + decoder.decode(value, { stream: true }));
        pending = rest;
        s.messages.push(...messages);
        for (const w of waiters) w();
      }
    } catch {
      /* aborted */
    }
    s.ended = true;
    for (const w of waiters) w();
  })();
  // The first message after `from` (an index into messages) that `pred` accepts.
  s.next = async (pred, what, ms = 20_000, from = 0) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = s.messages.findIndex((m, k) => k >= from && pred(m));
      if (i >= 0) return { ...s.messages[i], index: i };
      assert.ok(!s.ended, `the stream ended before ${what}: ${JSON.stringify(s.messages.map((m) => m.event))}`);
      const left = deadline - Date.now();
      assert.ok(left > 0, `timed out waiting for ${what}; got ${JSON.stringify(s.messages.map((m) => m.event))}`);
      await new Promise((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
      waiters = [];
    }
  };
  // The domain events received (data parsed), in order.
  s.events = () => s.messages.filter((m) => m.id !== undefined).map((m) => ({ ...JSON.parse(m.data), sseId: m.id }));
  s.close = async () => {
    ctl.abort();
    await pump;
  };
  return s;
}
