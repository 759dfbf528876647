import { isIP } from 'node:net';

/**
 * TRUST_PROXY → Express's `trust proxy` setting. Unset or `false`: the client address is the TCP
 * peer (the dev stack, where nothing sits in front). Otherwise a comma-separated list of the
 * ingress's addresses or CIDRs (or Express's names `loopback`, `linklocal`, `uniquelocal`):
 * X-Forwarded-For is believed only from those hops, so `req.ip` is the real client's address.
 * `true` (believe anyone) is refused: any client could then choose its own address.
 */
export function trustProxySetting(raw: string | undefined): false | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 4 ? 32 : 128;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || extra !== undefined) {
      throw new Error(
        `TRUST_PROXY must be false or a comma-separated list of the ingress's addresses or CIDRs (or loopback, linklocal, uniquelocal), got "${entry}"`,
      );
    }
  }
  return entries;
}
