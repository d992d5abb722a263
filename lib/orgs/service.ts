import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit, type Changes } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/principals/actor";
import { chatroomOpen } from "@/lib/chatrooms/conditions";
import { writeOutLapses } from "@/lib/chatrooms/lapses";
import type { Services } from "@/lib/services";
import type { Db } from "@/lib/db/client";
import { chatrooms, groupMembers, groups, orgs, users, wabaPhones, wabas } from "@/lib/db/schema";
import { timestampParam } from "@/lib/db/sql";
import { ApiError } from "@/lib/errors";
import type { OrgConfig } from "./schemas";

/** The org's config as columns, for a query that reads it beside other things (createChatroom). */
export const configColumns = {
  inactivity_days: orgs.inactivityDays,
  expiry_days: orgs.expiryDays,
  history_visibility: orgs.historyVisibility,
  group_strategy: orgs.groupStrategy,
};

export async function getOrgConfig(db: Db, params: { orgId: string }): Promise<OrgConfig> {
  const [config] = await db.select(configColumns).from(orgs).where(eq(orgs.id, params.orgId));
  if (!config) throw new ApiError("ORG_ACCESS_DENIED", { org_id: params.orgId });
  return config;
}

/**
 * R5: in one transaction, chatrooms that lapsed under the old values are written out as of their old
 * deadlines; then every chatroom not yet expired gets each deadline as the later of the formula with the
 * new value and the moment of the change.
 */
export async function updateOrgConfig(services: Services, context: RequestContext, patch: Partial<OrgConfig>): Promise<OrgConfig> {
  return services.db.transaction(async (tx) => {
    // NO KEY UPDATE: it serializes config changes without blocking the key-share locks of foreign keys to the
    // org (a sweeper's audit insert), which would deadlock with the lapses written out below.
    await tx.execute(sql`select 1 from ${orgs} where ${orgs.id} = ${context.orgId} for no key update`);
    const before = await getOrgConfig(tx, context);
    const after: OrgConfig = { ...before, ...patch };
    const changes: Changes = {};
    for (const key of Object.keys(configColumns) as (keyof OrgConfig)[]) {
      if (before[key] !== after[key]) changes[key] = { before: before[key], after: after[key] };
    }
    if (Object.keys(changes).length === 0) return before;

    const now = services.clock.now();
    const at = timestampParam(now);
    let rescheduled = 0;
    if (changes.inactivity_days || changes.expiry_days) {
      await writeOutLapses(tx, { orgId: context.orgId, scope: sql`true`, now, requestId: context.requestId });
      const updated = await tx
        .update(chatrooms)
        .set({
          expiryTs: sql`greatest(${chatrooms.createdAt} + make_interval(days => ${after.expiry_days}), ${at})`,
          inactivityDeadline: sql`case when ${chatroomOpen}
            then greatest(${chatrooms.lastActivityAt} + make_interval(days => ${after.inactivity_days}), ${at})
            else ${chatrooms.inactivityDeadline} end`,
        })
        .where(and(eq(chatrooms.orgId, context.orgId), sql`${chatrooms.expiredAt} is null`))
        .returning({ id: chatrooms.id });
      rescheduled = updated.length;
    }
    await tx
      .update(orgs)
      .set({
        inactivityDays: after.inactivity_days,
        expiryDays: after.expiry_days,
        historyVisibility: after.history_visibility,
        groupStrategy: after.group_strategy,
      })
      .where(eq(orgs.id, context.orgId));
    // One event for the org: the deadlines of the rooms follow from it (their count is in the details).
    await recordAudit(tx, context, [
      { chatroomId: null, action: "org.config_updated", changes, details: { chatrooms_rescheduled: rescheduled }, at: now },
    ]);
    return after;
  });
}

/** The org's WABAs with their phones in position order. */
export async function listWabas(db: Db, params: { orgId: string }) {
  const [wabaRows, phoneRows] = await Promise.all([
    db.select().from(wabas).where(eq(wabas.orgId, params.orgId)).orderBy(asc(wabas.remoteWabaId)),
    db.select().from(wabaPhones).where(eq(wabaPhones.orgId, params.orgId)).orderBy(asc(wabaPhones.position)),
  ]);
  return wabaRows.map((waba) => ({
    remote_waba_id: waba.remoteWabaId,
    name: waba.name,
    matrix_host_name: waba.matrixHostName,
    phones: phoneRows
      .filter((phone) => phone.remoteWabaId === waba.remoteWabaId)
      .map((phone) => ({ remote_phone_id: phone.remotePhoneId, display_phone_number: phone.displayPhoneNumber, position: phone.position })),
  }));
}

export async function listUsers(db: Db, params: { orgId: string }) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.orgId, params.orgId))
    .orderBy(asc(users.name), asc(users.id));
}

export async function listGroups(db: Db, params: { orgId: string }) {
  const [groupRows, memberRows] = await Promise.all([
    db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.orgId, params.orgId)).orderBy(asc(groups.name)),
    db
      .select({ groupId: groupMembers.groupId, userId: groupMembers.userId })
      .from(groupMembers)
      .where(eq(groupMembers.orgId, params.orgId))
      .orderBy(asc(groupMembers.userId)),
  ]);
  return groupRows.map((group) => ({
    ...group,
    members: memberRows.filter((member) => member.groupId === group.id).map((member) => member.userId),
  }));
}
