// The baselines of `npm run bench:api` (scripts/bench-api.mts), in plain Node so nothing of the app's stack
// runs: `ping` answers a JSON constant; `pg` does what get-by-contact must at least do, on a pg pool of the
// app's size: the bearer key's lookup, then the contact's newest room joined to its WABA.
// Usage: node scripts/bench-bare-server.mjs ping|pg PORT [DATABASE_URL]
import { createHash } from "node:crypto";
import http from "node:http";
import pg from "pg";

const [mode, port, url] = process.argv.slice(2);
const pool = mode === "pg" ? new pg.Pool({ connectionString: url, max: 10 }) : undefined;

const KEY = `select k.id, k.revoked_at, k.expires_at, u.org_id, u.role, u.active
  from api_keys k left join users u on u.id = k.user_id where k.token_hash = $1`;
const ROOM = `select c.id, c.external_ref_id, c.created_at, c.last_activity_at, c.expiry_ts, c.inactivity_deadline,
    c.deactivated_at, c.expired_at, w.remote_waba_id, w.matrix_host_name, w.name
  from chatrooms c join waba_phones wp on wp.remote_phone_id = c.remote_phone_id
  join wabas w on w.remote_waba_id = wp.remote_waba_id
  where c.org_id = $1 and c.contact_id = $2
  order by (c.deactivated_at is null and c.expired_at is null and c.expiry_ts > now() and c.inactivity_deadline > now()) desc,
    c.created_at desc, c.id desc limit 1`;

const send = (response, status, body) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
};

const server = http.createServer(async (request, response) => {
  if (!pool) return send(response, 200, { status: "ok" });
  try {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    const [key] = (await pool.query(KEY, [createHash("sha256").update(token).digest("hex")])).rows;
    const [, , , orgId, , , contactId] = (request.url ?? "").split("/");
    if (!key || key.revoked_at || key.org_id !== orgId) return send(response, 401, { error_code: "UNAUTHORIZED" });
    const [room] = (await pool.query(ROOM, [orgId, contactId])).rows;
    if (!room) return send(response, 404, { error_code: "NOT_FOUND" });
    send(response, 200, {
      chatroom_id: room.id,
      external_ref_id: room.external_ref_id,
      expiry_ts: room.expiry_ts.toISOString(),
      inactivity_deadline: room.inactivity_deadline.toISOString(),
      waba: { remote_waba_id: room.remote_waba_id, matrix_host_name: room.matrix_host_name, name: room.name },
    });
  } catch (error) {
    send(response, 500, { error_code: "INTERNAL", error_message: String(error) });
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => pool?.end().then(() => process.exit(0)) ?? process.exit(0)));
