import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address";

// The last X-Forwarded-For entry is the socket's peer: the server in front of Next appends it.
describe("the client address used for sign-in throttling", () => {
  it("trusts nobody by default: a client rotating X-Forwarded-For is still its socket address", () => {
    const trustNobody = parseTrustedProxies(undefined);
    for (const forged of ["1.1.1.1", "9.9.9.9, 8.8.8.8", "victim.example"]) {
      expect(clientAddress(`${forged}, 203.0.113.7`, trustNobody)).toBe("203.0.113.7");
    }
    expect(clientAddress("::ffff:203.0.113.7", trustNobody)).toBe("203.0.113.7");
    expect(clientAddress(undefined, trustNobody)).toBe("unknown");
  });

  it("with a number of hops, takes the entry that many proxies before the peer", () => {
    const oneHop = parseTrustedProxies("1");
    // client -> our load balancer (10.0.0.5) -> us: the balancer appended the client's address.
    expect(clientAddress("198.51.100.20, 10.0.0.5", oneHop)).toBe("198.51.100.20");
    expect(clientAddress("6.6.6.6, 198.51.100.20, 10.0.0.5", oneHop)).toBe("198.51.100.20");
    expect(clientAddress("10.0.0.5", parseTrustedProxies("3"))).toBe("10.0.0.5");
  });

  it("with CIDRs, skips trusted proxies from the right and stops at the first address not among them", () => {
    const ours = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32");
    expect(clientAddress("6.6.6.6, 198.51.100.20, 10.1.2.3, 10.0.0.5", ours)).toBe("198.51.100.20");
    expect(clientAddress("198.51.100.20, 2001:db8::1", ours)).toBe("198.51.100.20");
    // A peer that is not our proxy: whatever it claims is ignored.
    expect(clientAddress("10.9.9.9, 203.0.113.7", ours)).toBe("203.0.113.7");
  });

  it("refuses a TRUSTED_PROXIES it cannot read", () => {
    for (const bad of ["many", "10.0.0.0/33", "17", "10.0.0.1, nope"]) expect(() => parseTrustedProxies(bad)).toThrow();
  });
});
