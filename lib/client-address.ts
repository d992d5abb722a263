import net from "node:net";

/**
 * Whom a request came from, for throttling. The server in front of Next (scripts/start.mjs) appends the
 * socket's address to X-Forwarded-For, so its last entry is always the peer. Nothing before it is to be
 * believed unless TRUSTED_PROXIES says so: a number of proxy hops in front of us, or the addresses (CIDRs)
 * of our proxies.
 */
export type TrustedProxies = { hops: number } | { networks: net.BlockList };

/** TRUSTED_PROXIES: unset or `0` (trust nobody: the socket's peer), `2` (two hops), or `10.0.0.0/8,::1`. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = (value ?? "").trim();
  if (text === "") return { hops: 0 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 16) throw new Error("must be a number of hops from 0 to 16, or a list of addresses and CIDRs");
    return { hops };
  }
  const networks = new net.BlockList();
  for (const part of text.split(",").map((entry) => entry.trim())) {
    const [address, bits] = part.split("/");
    const family = net.isIPv4(address ?? "") ? "ipv4" : net.isIPv6(address ?? "") ? "ipv6" : undefined;
    const prefix = bits === undefined ? (family === "ipv4" ? 32 : 128) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === "ipv4" ? 32 : 128)) {
      throw new Error(`'${part}' is not an address or a CIDR`);
    }
    networks.addSubnet(address!, prefix, family);
  }
  return { networks };
}

function normalize(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  return trimmed.startsWith("::ffff:") && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

function isTrusted(address: string, networks: net.BlockList): boolean {
  const family = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : undefined;
  return family !== undefined && networks.check(address, family);
}

export function clientAddress(forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const value = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = value.split(",").map(normalize).filter(Boolean);
  if (entries.length === 0) return "unknown";
  let index = entries.length - 1;
  if ("hops" in trusted) index = Math.max(0, index - trusted.hops);
  else while (index > 0 && isTrusted(entries[index]!, trusted.networks)) index -= 1;
  return entries[index]!.slice(0, 64);
}
