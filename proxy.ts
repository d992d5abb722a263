import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * A Content-Security-Policy with a fresh nonce per page (Next applies it to its own scripts): no
 * 'unsafe-eval' outside development, no framing, nothing loaded from other origins.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const development = env().NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // Where a signed-out visitor was going, so that sign-in can return there (read by requirePerson).
  headers.set("x-return-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: the API, next-auth, data requests and static files answer JSON or assets.
      source: "/((?!api/|v1/|v2/|v3/|data/|webhooks/|__test__/|healthz|readyz|openapi|_next/static|_next/image|favicon.ico|icon|apple-touch-icon|site.webmanifest).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
