import net from 'node:net';

export type AddressScope = 'loopback' | 'unspecified' | 'remote';

/** Addresses only this machine can reach: 127.0.0.0/8 and ::1 (IPv4-mapped forms match the IPv4 rule). */
const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Every spelling of "all interfaces": `0.0.0.0`, `::`, `::0`, `0:0:0:0:0:0:0:0`, `::ffff:0.0.0.0`… */
const UNSPECIFIED = new net.BlockList();
UNSPECIFIED.addAddress('0.0.0.0', 'ipv4');
UNSPECIFIED.addAddress('::', 'ipv6');

/** `[::1]` → `::1`: people copy IPv6 addresses out of URLs, brackets included. */
export function unbracket(text: string): string {
  return /^\[[^\]]*\]$/.test(text) ? text.slice(1, -1) : text;
}

/**
 * Who can reach a server bound to `address`, or undefined for something that is not an IP
 * address (or `localhost`). The parsing is net's, so no spelling of an address slips past.
 */
export function addressScope(address: string): AddressScope | undefined {
  if (address.toLowerCase() === 'localhost') return 'loopback';
  const family = net.isIP(address);
  if (family === 0) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  // A zone (`fe80::1%eth0`) names an interface; the address before it decides the scope.
  const bare = address.split('%')[0];
  if (LOOPBACK.check(bare, type)) return 'loopback';
  if (UNSPECIFIED.check(bare, type)) return 'unspecified';
  return 'remote';
}

/** What the shell prints to stderr before listening beyond this machine (`--allow-remote`); nothing for loopback. */
export function remoteWarning(address: string): string | undefined {
  const scope = addressScope(address);
  if (scope === undefined || scope === 'loopback') return undefined;
  const reach = scope === 'unspecified' ? `every network interface of this machine ("${address}")` : `${address}, which other machines can reach`;
  return (
    `Warning: listening on ${reach} because of --allow-remote. Anyone on that network can reach the ` +
    'sign-in page and try the access token, and plain HTTP can be read on the way. Prefer 127.0.0.1 ' +
    'with an SSH tunnel, or a reverse proxy with TLS in front.'
  );
}
