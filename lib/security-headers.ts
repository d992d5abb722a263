/**
 * What every answer of the server carries: the API's through lib/api/node-listener.ts, Next's through
 * next.config.ts, which keeps its own copy (it is read at run time, without lib/; a test keeps them equal).
 */
export const SECURITY_HEADERS = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
} as const;
