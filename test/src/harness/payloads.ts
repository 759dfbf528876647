/**
 * Every payload of a history (the protobuf objects the client returns), outside search attributes,
 * headers and patch markers: the SDK's core writes a `patched()` marker itself, its one payload the
 * patch id (a constant of the workflow code), without the data converter.
 */
export function payloadsOf(node: unknown, key = '', out: { metadata: Record<string, Uint8Array>; data?: Uint8Array | null }[] = []) {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return out;
  if (key === 'searchAttributes' || key === 'header') return out;
  if (key === 'markerRecordedEventAttributes' && (node as { markerName?: string }).markerName === 'core_patch') return out;
  if (Array.isArray(node)) {
    for (const n of node) payloadsOf(n, '', out);
    return out;
  }
  const record = node as Record<string, unknown>;
  const metadata = record['metadata'] as Record<string, unknown> | undefined;
  if (metadata && typeof metadata === 'object' && metadata['encoding'] instanceof Uint8Array) {
    out.push(record as { metadata: Record<string, Uint8Array>; data?: Uint8Array | null });
    return out;
  }
  for (const [k, v] of Object.entries(record)) payloadsOf(v, k, out);
  return out;
}

/** A payload as the remote codec protocol carries it (base64 metadata values and data). */
export interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

export function jsonPayload(p: { metadata: Record<string, Uint8Array>; data?: Uint8Array | null }): JsonPayload {
  const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');
  return { metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, b64(v)])), data: b64(p.data) };
}
