import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Person } from "@/lib/dashboard/session/access";

/**
 * The API client against a server of the upstream contract that lacks our extensions: an unknown path is
 * a "missing extension", not an error; the token and X-On-Behalf-Of are sent on every call.
 */
const seen: { url: string; authorization?: string; onBehalfOf?: string }[] = [];
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push({ url: request.url ?? "", authorization: request.headers.authorization, onBehalfOf: request.headers["x-on-behalf-of"] as string });
    if (request.url?.startsWith("/v1/org/org_a/chatroom/contact/")) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ chatroom_id: "r1" }));
      return;
    }
    if (request.url?.startsWith("/v1/org/org_a/contacts/chatroom/r1/deactivate")) {
      response.writeHead(409, { "content-type": "application/json" });
      response.end(JSON.stringify({ error_code: 4090007, error_message: "CHATROOM_EXPIRED", error_description: "expired", payload: {} }));
      return;
    }
    response.writeHead(404, { "content-type": "text/html" });
    response.end("<h1>Not Found</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  vi.stubEnv("SWITCHBOARD_API_URL", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  vi.stubEnv("SWITCHBOARD_API_TOKEN", "upstream-token-0123456789");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server.close(resolve));
});

const person: Person = { accountId: "acc_1", email: "a@x", name: "A", kind: "org_admin", orgIds: ["org_a"] };

describe("dashboard API client against an upstream server", () => {
  it("reports an extension the server lacks as missing, and a domain error with its name", async () => {
    const { apiFor } = await import("./client");
    const api = apiFor(person);
    const messages = await api("listMessages", { params: { orgId: "org_a", chatroomId: "r1" } });
    expect(messages).toMatchObject({ ok: false, error: { status: 404, missing: true } });
    const deactivated = await api("deactivate", { params: { orgId: "org_a", chatroomId: "r1" }, body: { deactivation_reason: "SPAM" } });
    expect(deactivated).toMatchObject({ ok: false, error: { status: 409, name: "CHATROOM_EXPIRED", missing: false } });
    expect(seen.every((request) => request.authorization === "Bearer upstream-token-0123456789" && request.onBehalfOf === "acc_1")).toBe(true);
  });
});
