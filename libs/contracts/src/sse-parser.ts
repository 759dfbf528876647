/** One server-sent event as the stream carried it. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Splits the live stream (GET /api/events, text/event-stream) into messages, for the console, the
 * tests and the benchmark alike (the WHATWG format: `field: value` lines, a blank line ends a
 * message, `:` starts a comment). Feed it chunks as they arrive; it returns whole messages.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseMessage[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const out: SseMessage[] = [];
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0 || id !== null) out.push({ id, event, data: data.join('\n') });
    }
    return out;
  }
}
