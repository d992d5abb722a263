import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { SECURITY_HEADERS } from "@/lib/security-headers";
import { startRouteServer, type TestServer } from "@/lib/testing/http";
import { findApiRouteFiles } from "./route-files";
import { createRouter, type RouteEntry } from "./router";

const handler = (name: string) => Object.assign(async () => new Response(name), { routeName: name });
const entry = (routePath: string, methods: string[] = ["GET"]): RouteEntry => ({
  path: routePath,
  module: Object.fromEntries(methods.map((method) => [method, handler(`${method} ${routePath}`)])),
});
const nameOf = (found: ReturnType<ReturnType<typeof createRouter>>) =>
  found && !(found instanceof ApiError) ? (found.handler as unknown as { routeName: string }).routeName : found;

describe("the API router", () => {
  const router = createRouter([
    entry("v1/[...path]"),
    entry("v1/org/[orgId]/chatrooms/[chatroomId]"),
    entry("v1/org/[orgId]/chatrooms", ["GET", "POST"]),
    entry("v1/org/[orgId]/chatrooms/stats"),
    entry("healthz"),
  ]);

  it("prefers static segments to dynamic ones, and dynamic ones to a catch-all, as Next does", () => {
    expect(nameOf(router("GET", "/v1/org/o1/chatrooms/stats"))).toBe("GET v1/org/[orgId]/chatrooms/stats");
    expect(nameOf(router("GET", "/v1/org/o1/chatrooms/cr_1"))).toBe("GET v1/org/[orgId]/chatrooms/[chatroomId]");
    expect(nameOf(router("GET", "/v1/elsewhere/deep"))).toBe("GET v1/[...path]");
  });

  it("hands the handler decoded params, and a catch-all its segments", () => {
    const found = router("GET", "/v1/org/org%20a/chatrooms/cr%2F1");
    expect(found && !(found instanceof ApiError) && found.params).toEqual({ orgId: "org a", chatroomId: "cr/1" });
    const rest = router("GET", "/v1/a/b");
    expect(rest && !(rest instanceof ApiError) && rest.params).toEqual({ path: ["a", "b"] });
  });

  it("answers HEAD with GET, and leaves a method no route exports (OPTIONS) and unknown paths to Next", () => {
    expect(nameOf(router("HEAD", "/healthz"))).toBe("GET healthz");
    expect(nameOf(router("POST", "/v1/org/o1/chatrooms"))).toBe("POST v1/org/[orgId]/chatrooms");
    expect(router("OPTIONS", "/healthz")).toBeUndefined();
    expect(router("GET", "/orgs/o1/chatrooms")).toBeUndefined();
    expect(router("GET", "/")).toBeUndefined();
  });

  it("refuses a path with a malformed percent-escape, as proxy.ts does in front of Next", () => {
    const found = router("GET", "/v1/org/%ZZ/chatrooms");
    expect(found).toBeInstanceOf(ApiError);
    expect((found as ApiError).name).toBe("VALIDATION_FAILED");
  });

  it("routes the app's own files: every API path to its route, the dashboard and NextAuth to Next", () => {
    const files = findApiRouteFiles(path.resolve("app"));
    const paths = files.map((file) => file.path);
    expect(paths).toContain("v1/org/[orgId]/chatroom/contact/[contactId]");
    expect(paths).toContain("__test__/clock");
    expect(
      paths.some(
        (routePath) => routePath.startsWith("api/") || routePath.includes("(") || routePath.startsWith("data/"),
      ),
    ).toBe(false);
    const appRouter = createRouter(files.map((file) => entry(file.path, ["GET", "POST", "PUT"])));
    expect(nameOf(appRouter("GET", "/v1/org/o1/chatroom/contact/c1"))).toBe(
      "GET v1/org/[orgId]/chatroom/contact/[contactId]",
    );
    expect(nameOf(appRouter("PUT", "/v1/org/o1/nothing-here"))).toBe("PUT v1/[...path]");
    expect(nameOf(appRouter("GET", "/__test__/clock"))).toBe("GET __test__/clock");
    expect(appRouter("GET", "/api/auth/session")).toBeUndefined();
    expect(appRouter("GET", "/data/orgs/o1/contacts")).toBeUndefined();
    expect(appRouter("GET", "/orgs")).toBeUndefined();
  });
});

describe("the front server's answers", () => {
  it("carry the security headers that next.config.ts gives Next's", async () => {
    const { default: nextConfig } = await import("@/next.config");
    const [rule] = await nextConfig.headers!();
    expect(Object.fromEntries(rule!.headers.map((header) => [header.key, header.value]))).toEqual(SECURITY_HEADERS);
  });
});

describe("the front server's Node adapter, over HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startRouteServer();
  });
  afterAll(() => server.close());

  it("answers an API path from its route: the error format, a length, the security headers", async () => {
    const answer = await fetch(`${server.url}/v1/no/such/endpoint`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("x-frame-options")).toBe("DENY");
    const text = await answer.text();
    expect(answer.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toMatchObject({ error_message: "NOT_FOUND", payload: { kind: "route" } });
  });

  it("answers HEAD with GET's status and headers and no body, and a malformed escape with a 400", async () => {
    const head = await fetch(`${server.url}/openapi.json`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toMatch(/json/);
    expect(await head.text()).toBe("");
    const malformed = await fetch(`${server.url}/v1/org/%ZZ/chatrooms`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error_message: "VALIDATION_FAILED" });
  });
});
