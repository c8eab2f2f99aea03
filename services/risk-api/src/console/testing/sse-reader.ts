import type { FeedItem } from '@sentinel/console';

/** One server-sent event as a browser's EventSource would deliver it (comments kept apart). */
export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

/**
 * Reads an SSE body frame by frame, for tests: `next()` resolves with the next event (or comment
 * as event `:`), null at the end. Reads only when asked, so a test can leave it unread.
 */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const frames: SseEvent[] = [];
  const parse = (frame: string): SseEvent | null => {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) {
        return { id: null, event: ':', data: line.slice(1).trim() };
      }
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'id') {
        id = value;
      } else if (field === 'event') {
        event = value;
      } else if (field === 'data') {
        data.push(value);
      } else if (field === 'retry') {
        return { id: null, event: 'retry', data: value };
      }
    }
    return { id, event, data: data.join('\n') };
  };
  const next = async (): Promise<SseEvent | null> => {
    for (;;) {
      const frame = frames.shift();
      if (frame !== undefined) {
        return frame;
      }
      const { done, value } = await reader.read();
      if (done) {
        return null;
      }
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const parsed = parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (parsed !== null) {
          frames.push(parsed);
        }
        end = buffer.indexOf('\n\n');
      }
    }
  };
  return {
    next,
    /** The next event that is not a comment. */
    async nextEvent(): Promise<SseEvent | null> {
      for (;;) {
        const e = await next();
        if (e?.event !== ':' && e?.event !== 'retry') {
          return e;
        }
      }
    },
    /** The next feed item (default event), skipping comments and control events. */
    async nextItem(): Promise<{ id: string | null; item: FeedItem } | null> {
      for (;;) {
        const e = await next();
        if (e === null) {
          return null;
        }
        if (e.event === 'message') {
          return { id: e.id, item: JSON.parse(e.data) as FeedItem };
        }
      }
    },
    cancel: () => reader.cancel(),
  };
}
