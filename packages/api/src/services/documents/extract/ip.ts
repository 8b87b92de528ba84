/** Classifies IP addresses so URL fetches never reach the server's own network (SSRF). */
import ipaddr from 'ipaddr.js';

import { DocumentRejected } from './errors.js';

export type AddressClass = 'public' | 'private' | 'invalid';

/**
 * 'public' only for ordinary global unicast addresses. Everything special (loopback, RFC 1918,
 * link-local incl. cloud metadata at 169.254.169.254, CGNAT, unique-local, multicast, reserved,
 * NAT64/6to4/Teredo, which can tunnel to private IPv4) counts as private: an allow-list is safer
 * than listing what to refuse.
 */
export function classifyAddress(address: string): AddressClass {
  // URL hostnames keep IPv6 brackets; zone ids (fe80::1%eth0) are link-local anyway.
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return 'invalid';
  let ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
    // IPv4-compatible (::a.b.c.d) and other ::/16 forms are "unicast" to ipaddr.js but may reach
    // IPv4 loopback through tunnels; no public service uses them.
    else if (v6.parts[0] === 0) return 'private';
  }
  return ip.range() === 'unicast' ? 'public' : 'private';
}

/** True when `host` is an IP literal (IPv4 in any form URL parsing leaves, or bracketed IPv6). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}

export const PRIVATE_ADDRESS_MESSAGE =
  'That address points to a private network, which Margin does not fetch.';

/** Throws DocumentRejected unless `address` is a public IP address. */
export function assertPublicAddress(address: string): void {
  const kind = classifyAddress(address);
  if (kind === 'invalid') {
    throw new DocumentRejected('That web address could not be resolved to a valid server.');
  }
  if (kind === 'private') throw new DocumentRejected(PRIVATE_ADDRESS_MESSAGE);
}
