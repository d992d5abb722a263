import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";

/** Paths that answer JSON or assets, not pages: no Content-Security-Policy of a page for them. */
const NOT_PAGES = /^\/(?:api|v1|v2|v3|data|webhooks|__test__|healthz|readyz|openapi\.json|_next|favicon\.ico|icon|apple-touch-icon|site\.webmanifest)(?:[/.-]|$)/;

/** A segment with a malformed percent-escape (`%ZZ`, `%E0%A4%A`) cannot be routed; Next would answer a plain 500. */
function hasMalformedEscape(pathname: string): boolean {
  return pathname.split("/").some((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Runs before routing on every request: refuses a path Next cannot decode (400 in the error format), and
 * gives pages a Content-Security-Policy with a fresh nonce (Next applies it to its own scripts): no
 * 'unsafe-eval' outside development, no framing, nothing loaded from other origins. Prefetches get it too:
 * a prefetched page may be the one shown.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (hasMalformedEscape(pathname)) {
    const error = new ApiError("VALIDATION_FAILED", { issues: [{ path: "path", message: "has a malformed percent-escape" }] }, "The path has a malformed percent-escape.");
    return NextResponse.json(error.toBody(), { status: error.status });
  }
  if (NOT_PAGES.test(pathname)) return NextResponse.next();
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
  // Everything but Next's static assets, which need neither check.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
