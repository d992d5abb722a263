import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditEvents, chatrooms, pendingAssignments } from "@/lib/db/schema";
import { rowsOf, timestampParam } from "@/lib/db/sql";

const INACTIVITY_CHANGES = JSON.stringify({
  status: { before: "active", after: "deactivated" },
  deactivation_reason: { before: null, after: "INACTIVITY" },
});

/**
 * R4: closes the chatrooms matching `where` that are past a deadline at `now` (inactivity, then expiry),
 * each with a system audit event dated at its deadline, and cancels their pending assignments: one
 * statement, so that a batch of the sweeper costs one round trip. With `limit` (the sweeper) it takes at
 * most that many of each kind, oldest deadline first, skipping rows another transaction holds; without
 * it (a request) it waits for them. Returns the ids it closed.
 */
export async function closeLapsedChatrooms(
  tx: Db,
  params: { where?: SQL; now: Date; requestId: string; limit?: number },
): Promise<string[]> {
  const now = timestampParam(params.now);
  const scope = params.where ?? sql`true`;
  const lock = (deadline: SQL) =>
    params.limit === undefined ? sql`for update` : sql`order by ${deadline} limit ${params.limit} for update skip locked`;
  const lockedColumns = sql`${chatrooms.id}, ${chatrooms.orgId}, ${chatrooms.inactivityDeadline}, ${chatrooms.expiryTs}, ${chatrooms.deactivatedAt}`;

  // The locking CTEs return the row versions they locked, so the lapse kinds are computed from the
  // latest committed state, not from the statement's snapshot.
  const result = await tx.execute(sql`
    with inactive_due as (
      select ${lockedColumns} from ${chatrooms}
      where ${chatrooms.deactivatedAt} is null and ${chatrooms.expiredAt} is null
        and ${chatrooms.inactivityDeadline} <= ${now} and ${chatrooms.inactivityDeadline} < ${chatrooms.expiryTs}
        and ${scope}
      ${lock(sql`${chatrooms.inactivityDeadline}`)}
    ), expiry_due as (
      -- Only the rooms inactive_due does not cover, so that the two sets are disjoint.
      select ${lockedColumns} from ${chatrooms}
      where ${chatrooms.expiredAt} is null and ${chatrooms.expiryTs} <= ${now} and ${scope}
        and not (${chatrooms.deactivatedAt} is null and ${chatrooms.inactivityDeadline} < ${chatrooms.expiryTs})
      ${lock(sql`${chatrooms.expiryTs}`)}
    ), due as (
      select id, org_id, inactivity_deadline, expiry_ts,
        deactivated_at is null and inactivity_deadline <= ${now} and inactivity_deadline < expiry_ts as inactive,
        expiry_ts <= ${now} as expires,
        deactivated_at is not null as was_deactivated
      from (select * from inactive_due union all select * from expiry_due) as locked
    ), closed as (
      update ${chatrooms} set
        deactivated_at = case when due.inactive then due.inactivity_deadline else ${chatrooms.deactivatedAt} end,
        deactivation_reason = case when due.inactive then 'INACTIVITY' else ${chatrooms.deactivationReason} end,
        expired_at = case when due.expires then due.expiry_ts else ${chatrooms.expiredAt} end
      from due
      where ${chatrooms.id} = due.id
      returning due.id, due.org_id, due.inactive, due.expires, due.was_deactivated, due.inactivity_deadline, due.expiry_ts
    ), cancelled as (
      -- A deactivation cancels a pending assignment (R15); so does expiry.
      delete from ${pendingAssignments} using closed where ${pendingAssignments.chatroomId} = closed.id
    ), audited as (
      insert into ${auditEvents} (org_id, chatroom_id, action, actor_type, request_id, changes, at)
      select org_id, id, 'chatroom.deactivated', 'system', ${params.requestId}, ${INACTIVITY_CHANGES}::jsonb, inactivity_deadline
      from closed where inactive
      union all
      select org_id, id, 'chatroom.expired', 'system', ${params.requestId},
        jsonb_build_object('status', jsonb_build_object(
          'before', case when was_deactivated or inactive then 'deactivated' else 'active' end, 'after', 'expired')),
        expiry_ts
      from closed where expires
    )
    select id from closed`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

/**
 * R4: writes out the lapses of the org's chatrooms matching `scope` that are past a deadline at `now`,
 * each with a system audit event dated at its deadline. Returns the ids it closed.
 */
export async function writeOutLapses(
  tx: Db,
  params: { orgId: string; scope: SQL; now: Date; requestId: string },
): Promise<string[]> {
  return closeLapsedChatrooms(tx, {
    where: and(eq(chatrooms.orgId, params.orgId), params.scope),
    now: params.now,
    requestId: params.requestId,
  });
}
