/** A `fetch`-shaped door to the API of this very process: the same router and handlers, no socket. */
export type InProcessFetch = (request: Request) => Promise<Response>;

const key = Symbol.for("switchboard.inProcessApi");
type Holder = { [key]?: InProcessFetch };

/**
 * Set by the production server (scripts/start.mjs), which holds the API's router in a bundle of its own;
 * kept on globalThis so that Next's bundle of the dashboard finds it.
 */
export function setInProcessApi(fetchApi: InProcessFetch): void {
  (globalThis as Holder)[key] = fetchApi;
}

/** The in-process API when this process serves one (`npm start`); unset under `next dev`. */
export function inProcessApi(): InProcessFetch | undefined {
  return (globalThis as Holder)[key];
}
