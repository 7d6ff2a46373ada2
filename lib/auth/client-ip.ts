// Which address a request came from. X-Forwarded-For is written by whoever sends the request, so
// it is believed only as far as the operator says proxies of theirs sit in front of the app
// (TRUSTED_PROXY_HOPS or TRUSTED_PROXY_CIDRS; default none: the TCP peer is the client).
// No "server-only": integration tests drive it directly.
import { BlockList, isIP } from "node:net";

/** Set on every request by lib/auth/peer-address.ts to the TCP peer's address, overwriting any sent. */
export const PEER_HEADER = "x-chekt-peer-address";

export type TrustedProxies =
  | { kind: "none" }
  /** This many proxies of ours, each appending the address it received from, sit in front. */
  | { kind: "hops"; hops: number }
  /** Peers in these ranges are our proxies; the first address from the right outside them is the client. */
  | { kind: "cidrs"; list: BlockList; text: string };

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything that is not an IP address → null. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let ip = raw.trim();
  // "[2001:db8::1]:443" and "10.0.0.1:443" (some proxies add the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  if (ip.toLowerCase().startsWith("::ffff:") && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return isIP(ip) ? ip.toLowerCase() : null;
}

/** Parses the operator's setting; throws with the variable named when it makes no sense. */
export function parseTrustedProxies(env: {
  TRUSTED_PROXY_HOPS?: string;
  TRUSTED_PROXY_CIDRS?: string;
}): TrustedProxies {
  const hops = env.TRUSTED_PROXY_HOPS?.trim();
  const cidrs = env.TRUSTED_PROXY_CIDRS?.trim();
  if (hops && cidrs) throw new Error("Set TRUSTED_PROXY_HOPS or TRUSTED_PROXY_CIDRS, not both");
  if (hops) {
    const n = Number(hops);
    if (!Number.isInteger(n) || n < 0 || n > 10)
      throw new Error("TRUSTED_PROXY_HOPS must be a whole number from 0 to 10");
    return n === 0 ? { kind: "none" } : { kind: "hops", hops: n };
  }
  if (cidrs) {
    const list = new BlockList();
    for (const entry of cidrs
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [addr, bits] = entry.split("/");
      const ip = normalizeIp(addr);
      if (!ip) throw new Error(`TRUSTED_PROXY_CIDRS: "${entry}" is not an address or CIDR range`);
      const type = isIP(ip) === 4 ? "ipv4" : "ipv6";
      if (bits === undefined) list.addAddress(ip, type);
      else {
        const prefix = Number(bits);
        if (!Number.isInteger(prefix) || prefix < 0 || prefix > (type === "ipv4" ? 32 : 128))
          throw new Error(`TRUSTED_PROXY_CIDRS: "${entry}" has a bad prefix length`);
        list.addSubnet(ip, prefix, type);
      }
    }
    return { kind: "cidrs", list, text: cidrs };
  }
  return { kind: "none" };
}

function trusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the TCP peer unless it is a trusted proxy, then the X-Forwarded-For
 * entries from the right, as far as the trust goes. "unknown" when the peer was not recorded
 * (a request that did not come through our HTTP server).
 */
export function clientIp(headers: Headers, proxies: TrustedProxies): string {
  const peer = normalizeIp(headers.get(PEER_HEADER));
  if (!peer) return "unknown";
  if (proxies.kind === "none") return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // The chain as we received it: what the first proxy saw … what the last one saw, then the peer.
  const chain = [...forwarded, peer];
  if (proxies.kind === "hops") {
    const candidate = chain[Math.max(0, chain.length - 1 - proxies.hops)]!;
    return normalizeIp(candidate) ?? peer;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const ip = normalizeIp(chain[i]);
    // Garbage in the header: the last address we could trust sent it; stop there.
    if (!ip) return normalizeIp(chain[i + 1]) ?? peer;
    if (!trusted(proxies.list, ip)) return ip;
  }
  // Everything was one of our proxies: the leftmost is as far as we can see.
  return normalizeIp(chain[0]) ?? peer;
}
