// The SSE parser against the event-stream format: messages cut anywhere
// across chunks, multi-line data, comments, CR / LF / CRLF line ends (a CRLF
// split between chunks), ids that stick, fields without a space or a value.
import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from './sse-parser';

function feed(parser: SseParser, chunks: string[]): SseMessage[] {
  return chunks.flatMap((c) => parser.push(c));
}

const STREAM =
  'retry: 3000\nevent: ready\ndata: {"last_id": 7}\n\n' +
  ': keep-alive\n\n' +
  'id: 8\nevent: room.status_changed\ndata: {"id":8,"type":"room.status_changed"}\n\n' +
  'id: 9\nevent: incident.created\ndata: {"id":9}\n\n';

const EXPECTED: SseMessage[] = [
  { event: 'ready', data: '{"last_id": 7}', lastEventId: '' },
  { event: 'room.status_changed', data: '{"id":8,"type":"room.status_changed"}', lastEventId: '8' },
  { event: 'incident.created', data: '{"id":9}', lastEventId: '9' },
];

describe('SseParser', () => {
  it('parses a whole stream in one chunk', () => {
    const retries: number[] = [];
    const comments: string[] = [];
    const parser = new SseParser({ onRetry: (ms) => retries.push(ms), onComment: (c) => comments.push(c) });
    expect(parser.push(STREAM)).toEqual(EXPECTED);
    expect(retries).toEqual([3000]);
    expect(comments).toEqual(['keep-alive']);
    expect(parser.lastEventId).toBe('9');
  });

  it('gives the same messages whatever the chunks are cut at', () => {
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < STREAM.length; i += size) chunks.push(STREAM.slice(i, i + size));
      expect(feed(new SseParser(), chunks)).toEqual(EXPECTED);
    }
    // Cut at every position in two.
    for (let at = 0; at <= STREAM.length; at++) {
      expect(feed(new SseParser(), [STREAM.slice(0, at), STREAM.slice(at)])).toEqual(EXPECTED);
    }
  });

  it('emits nothing until the blank line ends the message', () => {
    const parser = new SseParser();
    expect(parser.push('id: 1\nevent: x\ndata: a\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'x', data: 'a', lastEventId: '1' }]);
  });

  it('joins multi-line data with newlines', () => {
    const parser = new SseParser();
    expect(parser.push('data: first\ndata:second\ndata:  third\ndata\n\n')).toEqual([
      { event: 'message', data: 'first\nsecond\n third\n', lastEventId: '' },
    ]);
  });

  it('reads CRLF, CR and LF line ends, a CRLF cut between chunks too', () => {
    const crlf = 'id: 5\r\nevent: a\r\ndata: x\r\n\r\n';
    expect(new SseParser().push(crlf)).toEqual([{ event: 'a', data: 'x', lastEventId: '5' }]);
    expect(new SseParser().push('event: b\rdata: y\r\r')).toEqual([{ event: 'b', data: 'y', lastEventId: '' }]);

    // The CR ends a chunk and its LF opens the next: one line end, not two
    // (a blank line between would end the message early and lose its event name).
    const parser = new SseParser();
    expect(parser.push('event: c\r')).toEqual([]);
    expect(parser.push('\ndata: z\r')).toEqual([]);
    // LF ends the CRLF; the next CR is the blank line, and the LF after it belongs to it.
    expect(parser.push('\n\r')).toEqual([{ event: 'c', data: 'z', lastEventId: '' }]);
    expect(parser.push('\nevent: d\r\ndata: w\r\n\r\n')).toEqual([{ event: 'd', data: 'w', lastEventId: '' }]);
  });

  it('skips comments, unknown fields, a bad retry and a message without data; an id sticks to later messages', () => {
    const retries: number[] = [];
    const parser = new SseParser({ onRetry: (ms) => retries.push(ms) });
    const out = parser.push(
      ':comment without space\n: another\nfoo: bar\nretry: soon\nretry: 15\n\n' +
        'id: 3\nevent: only-id\n\n' +
        'event: later\ndata: d\n\n' +
        'id\ndata: cleared\n\n',
    );
    expect(out).toEqual([
      { event: 'later', data: 'd', lastEventId: '3' },
      { event: 'message', data: 'cleared', lastEventId: '' },
    ]);
    expect(retries).toEqual([15]);
  });

  it('drops a byte-order mark at the start of the stream only', () => {
    const parser = new SseParser();
    expect(parser.push('\ufeffdata: a\n\n')).toEqual([{ event: 'message', data: 'a', lastEventId: '' }]);
    expect(parser.push('data: \ufeffb\n\n')).toEqual([{ event: 'message', data: '\ufeffb', lastEventId: '' }]);
  });

  it('keeps data after the first colon, colons included', () => {
    expect(new SseParser().push('data: {"a":"b:c"}\n\n')).toEqual([{ event: 'message', data: '{"a":"b:c"}', lastEventId: '' }]);
  });

  it('reset forgets a half message and keeps the last id', () => {
    const parser = new SseParser();
    parser.push('id: 4\ndata: whole\n\nevent: half\ndata: lost');
    parser.reset();
    expect(parser.push('data: next\n\n')).toEqual([{ event: 'message', data: 'next', lastEventId: '4' }]);
  });
});
