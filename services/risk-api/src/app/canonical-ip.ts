import { isIPv6 } from 'node:net';

/**
 * One spelling per address, so pseudonyms and history match however the caller wrote it:
 * IPv6 in the compressed lowercase form of RFC 5952 (`2001:DB8:0:0::1` → `2001:db8::1`).
 * IPv4 is left as validated (dotted decimal has one form once leading zeros are refused).
 */
export function canonicalIp(ip: string): string {
  if (!isIPv6(ip)) {
    return ip;
  }
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}
