import { ApiError } from "@/lib/errors";
import type { RouteHandler } from "./handler";

/** One `app/**\/route.ts` of the API: its URL as Next's file-system router reads it, and its handlers. */
export interface RouteEntry {
  /** Segments as directory names, decoded: `v1/org/[orgId]/chatroom/contact/[contactId]`. */
  path: string;
  module: Record<string, unknown>;
}

interface Route {
  segments: string[];
  module: Record<string, unknown>;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string | string[]>;
}

export type Router = (method: string, pathname: string) => RouteMatch | ApiError | undefined;

const rank = (segment: string) => (segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0);

/** Compares routes as Next does: static segments before dynamic ones before catch-alls. */
function bySpecificity(a: Route, b: Route): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const sa = a.segments[i];
    const sb = b.segments[i];
    if (sa === undefined) return -1;
    if (sb === undefined) return 1;
    const diff = rank(sa) - rank(sb);
    if (diff !== 0) return diff;
  }
  return 0;
}

function match(route: Route, parts: string[]): Record<string, string | string[]> | undefined {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    if (segment.startsWith("[...")) {
      if (i >= parts.length) return undefined;
      params[segment.slice(4, -1)] = parts.slice(i);
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.startsWith("[")) params[segment.slice(1, -1)] = part;
    else if (segment !== part) return undefined;
  }
  return parts.length === route.segments.length ? params : undefined;
}

/**
 * Routes a request to the API's route handlers as Next's file-system router would: the same files, the
 * same precedence, the same decoded params, HEAD answered by GET. `undefined` when no API route serves
 * the method on the path (the page routes, OPTIONS), which then goes to Next.
 */
export function createRouter(entries: RouteEntry[]): Router {
  const routes = entries
    .map((entry) => ({ segments: entry.path.split("/").filter(Boolean), module: entry.module }))
    .sort(bySpecificity);
  return (method, pathname) => {
    let parts: string[];
    try {
      parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      // What proxy.ts answers in front of Next: a path it cannot decode cannot be routed.
      return new ApiError(
        "VALIDATION_FAILED",
        { issues: [{ path: "path", message: "has a malformed percent-escape" }] },
        "The path has a malformed percent-escape.",
      );
    }
    for (const route of routes) {
      const params = match(route, parts);
      if (!params) continue;
      const handler = route.module[method] ?? (method === "HEAD" ? route.module.GET : undefined);
      return typeof handler === "function" ? { handler: handler as RouteHandler, params } : undefined;
    }
    return undefined;
  };
}
