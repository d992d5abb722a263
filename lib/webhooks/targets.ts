import dns from "node:dns";
import net from "node:net";
import { env } from "@/lib/env";

/** Whether webhooks may point at loopback and private networks (WEBHOOK_ALLOW_PRIVATE_TARGETS; tests). */
export interface TargetPolicy {
  allowPrivateTargets: boolean;
}

export function configuredTargetPolicy(): TargetPolicy {
  return { allowPrivateTargets: env().WEBHOOK_ALLOW_PRIVATE_TARGETS };
}

/**
 * Addresses a webhook must not reach unless allowed: loopback, private and link-local networks (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved, and IPv4 mapped into IPv6.
 */
const privateNetworks = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  privateNetworks.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  privateNetworks.addSubnet(network, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  return privateNetworks.check(address, family === 4 ? "ipv4" : "ipv6");
}

const PRIVATE_TARGET = "must not point at a loopback or private address";

/** Why a webhook URL is refused, or null. A name that does not resolve now is accepted: each send checks again. */
export async function targetProblem(raw: string, policy: TargetPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute http or https URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http or https URL";
  if (url.username !== "" || url.password !== "") return "must not carry a user name or password";
  if (policy.allowPrivateTargets) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (net.isIP(host)) return isPrivateAddress(host) ? PRIVATE_TARGET : null;
  if (host === "localhost" || host.endsWith(".localhost")) return PRIVATE_TARGET;
  try {
    const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    if (addresses.some((entry) => isPrivateAddress(entry.address))) return PRIVATE_TARGET;
  } catch {
    // Not resolvable now: deliveries fail and are retried, and every connection is checked.
  }
  return null;
}

class PrivateTargetError extends Error {
  constructor(host: string) {
    super(`${host} resolves to a loopback or private address, which webhooks may not reach`);
  }
}

/**
 * A `lookup` for http.request that refuses private addresses: the check happens on the address actually
 * connected to, so a name that changes what it resolves to (DNS rebinding) cannot slip through.
 */
export const publicOnlyLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as dns.LookupAddress[];
    if (list.length === 0 || list.some((entry) => isPrivateAddress(entry.address))) {
      return callback(Object.assign(new PrivateTargetError(hostname), { code: "EPRIVATETARGET" }), "", 0);
    }
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};
