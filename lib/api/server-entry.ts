import { setInProcessApi } from "@/lib/in-process-api";
import { apiRequestListener, routerFetch } from "./node-listener";
import { createRouter, type RouteEntry } from "./router";

export { startServerOnce } from "@/lib/server-start";

/**
 * What the API bundle (`.next/api-server.mjs`, written by scripts/build-api.mts with the route files'
 * imports) gives scripts/start.mjs: the listener for API paths, and the same router in-process for the
 * dashboard's API client.
 */
export function createApiServer(entries: RouteEntry[]) {
  const router = createRouter(entries);
  setInProcessApi(routerFetch(router));
  return apiRequestListener(router);
}
