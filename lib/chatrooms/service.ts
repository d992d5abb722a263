import { randomBytes } from "node:crypto";
import { and, desc, eq, ne, or, sql, type SQL } from "drizzle-orm";
import { auditInsert, recordAudit, type AuditEntry, type Changes } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/principals/actor";
import { configColumns, getOrgConfig } from "@/lib/orgs/service";
import type { Services } from "@/lib/services";
import type { Db } from "@/lib/db/client";
import { perDatabase } from "@/lib/db/per-database";
import {
  chatrooms,
  conflictLog,
  contacts,
  contactWabaMappings,
  orgs,
  pendingAssignments,
  wabaPhones,
  wabas,
} from "@/lib/db/schema";
import { pgConstraintName, pgErrorCode } from "@/lib/db/sql";
import { ApiError, notFound, type ErrorName } from "@/lib/errors";
import type { DeactivationReason, UserDeactivationReason } from "@/lib/constants";
import { applyAssignment, checkAssignmentTargets, isAssignable, noAssignableUser, type AssignmentRequest } from "./assignment";
import { chatroomActiveAt } from "./conditions";
import { decideDeactivation, decideReassign, type RoomDecision } from "./decisions";
import { deriveDisplayName } from "./display-name";
import { writeOutLapses } from "./lapses";
import { lockPhoneNumber } from "./locks";
import { chatroomTimesColumns, loadChatroom, loadChatrooms, toChatroomObject, toConflict, type ChatroomRecord } from "./records";
import { chatroomState, DAY_MS } from "./state";

export type ChatroomObject = ReturnType<typeof toChatroomObject>;

/** The 409s that R25 records in the conflict log. */
const LOGGED_CONFLICTS: ReadonlySet<ErrorName> = new Set([
  "CHATROOM_EXISTS_FOR_PHONE",
  "NO_WABA_PHONE_AVAILABLE",
  "LEAD_HAS_ACTIVE_CHATROOM",
  "ACTIVE_CHATROOM_EXISTS",
]);

const OPEN_CHATROOM_INDEXES = new Set(["chatrooms_open_per_phone_idx", "chatrooms_open_per_contact_idx"]);

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * Runs a create or an activation for one phone number (docs/rules.md, I1): the (org, number) lock first, then
 * the lapses of that number and contact written out, then the rules. A rule's error undoes the rules' writes
 * but keeps the bookkeeping (lapses, conflict log, I3): through a savepoint when the body may write before it
 * refuses (`savepoint`); a body that refuses only before its first write needs none, which saves two round
 * trips. A unique-index violation, possible only when a contact changed numbers concurrently, retries the
 * whole transaction so that the answer is the sequential path's.
 */
async function underPhoneLock<T>(
  services: Services,
  context: RequestContext,
  params: { phoneNumber: string; contactId: string; savepoint: boolean },
  body: (tx: Db, now: Date) => Promise<T>,
): Promise<T> {
  // Stryker disable next-line UpdateOperator: only concurrent number changes on PostgreSQL retry (concurrency.test.ts)
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome: Outcome<T> = await services.db.transaction(async (tx) => {
        await lockPhoneNumber(tx, context.orgId, params.phoneNumber);
        const now = services.clock.now();
        await writeOutLapses(tx, {
          orgId: context.orgId,
          scope: or(eq(chatrooms.phoneNumber, params.phoneNumber), eq(chatrooms.contactId, params.contactId)) as SQL,
          now,
          requestId: context.requestId,
        });
        try {
          const value = params.savepoint ? await tx.transaction((inner) => body(inner as unknown as Db, now)) : await body(tx, now);
          return { ok: true, value };
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (LOGGED_CONFLICTS.has(error.name)) await logConflict(tx, context, params, error, now);
          return { ok: false, error };
        }
      });
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    } catch (error) {
      if (retriesOpenChatroomViolation(error, attempt)) continue;
      throw error;
    }
  }
}

/** Whether underPhoneLock runs again: a violation of an open-chatroom unique index (I1, I2), at most three times. */
export function retriesOpenChatroomViolation(error: unknown, attempt: number): boolean {
  // Stryker disable next-line StringLiteral: no index is named by any fallback
  return attempt < 3 && pgErrorCode(error) === "23505" && OPEN_CHATROOM_INDEXES.has(pgConstraintName(error) ?? "");
}

async function logConflict(
  tx: Db,
  context: RequestContext,
  params: { phoneNumber: string; contactId: string },
  error: ApiError,
  now: Date,
): Promise<void> {
  const conflicts = (error.payload.conflicts ?? []) as { chatroom_id: string }[];
  await tx.insert(conflictLog).values({
    orgId: context.orgId,
    phoneNumber: params.phoneNumber,
    contactId: params.contactId,
    errorCode: error.name,
    chatroomIds: conflicts.map((conflict) => conflict.chatroom_id),
    principal: { ...context.actor },
    at: now,
  });
}

function conflict(name: ErrorName, rooms: ChatroomRecord[], now: Date, description?: string): ApiError {
  return new ApiError(name, { conflicts: rooms.map((room) => toConflict(room, now)) }, description);
}

async function assertContactExists(db: Db, orgId: string, contactId: string): Promise<void> {
  // Stryker disable ObjectLiteral: an existence check: any columns find the same row
  const [contact] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)));
  if (!contact) throw notFound("contact", contactId);
  // Stryker restore ObjectLiteral
}

function activeRoomsWhere(now: Date, condition: SQL | undefined): SQL {
  return and(condition, chatroomActiveAt(now)) as SQL;
}

export interface CreateChatroomInput {
  leadId: string;
  remoteWabaId?: string;
  remotePhoneId?: string;
  forceDeactivate: boolean;
  failIfExistsOnOtherPhone: boolean;
  displayName?: string;
  assignment?: AssignmentRequest;
}

interface OrgPhone {
  remotePhoneId: string;
  remoteWabaId: string;
  position: number;
  matrixHostName: string;
}

/** Create a chatroom (v3 and v2): R7-R14 with the assignment of R18-R21. */
export async function createChatroom(
  services: Services,
  context: RequestContext,
  input: CreateChatroomInput,
): Promise<ChatroomObject> {
  const { db } = services;
  const { orgId } = context;

  // Validation of every reference first (404s), before any state rule. The lead, the org's phones and its
  // config in one statement: one round trip instead of three.
  const [loaded] = await db
    .select({
      config: configColumns,
      contact: {
        id: contacts.id,
        crmId: contacts.crmId,
        phoneNumber: contacts.phoneNumber,
        firstName: contacts.firstName,
        lastName: contacts.lastName,
      },
      phones: sql<OrgPhone[]>`(
        select coalesce(json_agg(json_build_object(
          'remotePhoneId', ${wabaPhones.remotePhoneId}, 'remoteWabaId', ${wabaPhones.remoteWabaId},
          'position', ${wabaPhones.position}, 'matrixHostName', ${wabas.matrixHostName}
        ) order by ${wabaPhones.position}), '[]'::json)
        from ${wabaPhones} join ${wabas} on ${wabas.remoteWabaId} = ${wabaPhones.remoteWabaId}
        where ${wabaPhones.orgId} = ${orgs.id})`,
    })
    .from(orgs)
    .leftJoin(contacts, and(eq(contacts.orgId, orgs.id), eq(contacts.id, input.leadId)))
    .where(eq(orgs.id, orgId));
  // Stryker disable next-line ObjectLiteral: authorization refuses an unknown org first; this guards direct calls
  if (!loaded) throw new ApiError("ORG_ACCESS_DENIED", { org_id: orgId });
  const { contact, phones, config } = loaded;
  if (!contact) throw notFound("contact", input.leadId);
  if (input.remoteWabaId !== undefined) {
    // Stryker disable ObjectLiteral: an existence check: any columns find the same row
    const [waba] = await db
      .select({ id: wabas.remoteWabaId })
      .from(wabas)
      .where(and(eq(wabas.orgId, orgId), eq(wabas.remoteWabaId, input.remoteWabaId)));
    if (!waba) throw notFound("waba", input.remoteWabaId);
    // Stryker restore ObjectLiteral
  }
  if (input.remotePhoneId !== undefined) {
    const phone = phones.find((candidate) => candidate.remotePhoneId === input.remotePhoneId);
    if (!phone || (input.remoteWabaId !== undefined && phone.remoteWabaId !== input.remoteWabaId)) {
      throw notFound("waba_phone", input.remotePhoneId);
    }
  }
  if (input.assignment) await checkAssignmentTargets(db, orgId, input.assignment);

  // A forced create closes the lead's rooms, and an assignment writes, before a later rule may refuse.
  // Stryker disable next-line ConditionalExpression: round trips only, counted on PostgreSQL (round-trips.test.ts)
  const savepoint = input.forceDeactivate || input.assignment !== undefined;
  const lock = { phoneNumber: contact.phoneNumber, contactId: contact.id, savepoint };
  return underPhoneLock(services, context, lock, async (tx, now) => {
    const audit: AuditEntry[] = [];
    const [mapping] = await tx
      .select({ remotePhoneId: contactWabaMappings.remotePhoneId })
      .from(contactWabaMappings)
      .where(and(eq(contactWabaMappings.orgId, orgId), eq(contactWabaMappings.contactId, contact.id)));
    const mappedPhone = phones.find((phone) => phone.remotePhoneId === mapping?.remotePhoneId);

    // R7: the requested phone.
    const candidates = input.remoteWabaId ? phones.filter((phone) => phone.remoteWabaId === input.remoteWabaId) : phones;
    let requested: OrgPhone | undefined;
    if (input.remotePhoneId) requested = phones.find((phone) => phone.remotePhoneId === input.remotePhoneId);
    else if (input.remoteWabaId) requested = mappedPhone?.remoteWabaId === input.remoteWabaId ? mappedPhone : candidates[0];
    else requested = mappedPhone ?? phones[0];
    if (!requested) {
      throw new ApiError(
        "NO_WABA_PHONE",
        input.remoteWabaId ? { remote_waba_id: input.remoteWabaId } : {},
        input.remoteWabaId ? `WABA '${input.remoteWabaId}' has no phone.` : "The org has no WABA phone.",
      );
    }

    // The lead's active rooms and other contacts' active rooms for its number: one query, split here.
    const activeRooms = await loadChatrooms(tx, {
      orgId,
      where: activeRoomsWhere(now, or(eq(chatrooms.contactId, contact.id), eq(chatrooms.phoneNumber, contact.phoneNumber))),
    });
    const leadRooms = activeRooms.filter((room) => room.contactId === contact.id);
    const othersForNumber = activeRooms.filter((room) => room.contactId !== contact.id);
    if (input.forceDeactivate) {
      // R8: close the lead's active chatrooms and go on as if it had none.
      for (const room of leadRooms) audit.push(await deactivate(tx, room, "FORCE_NEW_CHATROOM", now));
    } else if (leadRooms.length > 0) {
      // R9: the lead's active chatroom is returned unless another phone is named explicitly.
      const existing = leadRooms[0]!;
      // Stryker disable ConditionalExpression,EqualityOperator,LogicalOperator,ArrowFunction: the contact's mapping
      // is its active room's phone (R12, R16), so the requested phone is another only when one is named.
      const existingPhone = phones.find((phone) => phone.remotePhoneId === existing.remotePhoneId);
      const namesPhone =
        input.remotePhoneId !== undefined ||
        (input.remoteWabaId !== undefined && existingPhone?.remoteWabaId !== input.remoteWabaId);
      // Stryker restore all
      if (namesPhone && requested.remotePhoneId !== existing.remotePhoneId) {
        throw conflict("LEAD_HAS_ACTIVE_CHATROOM", [existing], now);
      }
      if (input.assignment && existing.members.length === 0 && existing.pending === null) {
        // Stryker disable next-line BooleanLiteral: a room with no member: nothing to revoke
        const outcome = await applyAssignment(tx, { room: existing, assignment: input.assignment, strategy: config.group_strategy, now, replace: false });
        audit.push({ chatroomId: existing.id, action: "chatroom.assigned", changes: outcome.changes, details: outcome.details, at: now });
        await recordAudit(tx, context, audit);
      }
      // The chatroom object carries no members: an assignment leaves it as it was loaded.
      return toChatroomObject(existing, now, true);
    }

    let target = requested;
    if (input.failIfExistsOnOtherPhone) {
      // R10 strict: any other contact's active chatroom for this number, on any phone of the org.
      if (othersForNumber.length > 0) throw conflict("CHATROOM_EXISTS_FOR_PHONE", othersForNumber, now);
    } else {
      // R11 relaxed: the next free phone after the requested one, wrapping around.
      const busy = new Set(othersForNumber.map((room) => room.remotePhoneId));
      if (busy.has(requested.remotePhoneId)) {
        const start = candidates.findIndex((phone) => phone.remotePhoneId === requested.remotePhoneId);
        const ring = [...candidates.slice(start + 1), ...candidates.slice(0, Math.max(start, 0))];
        const free = ring.find((phone) => !busy.has(phone.remotePhoneId));
        if (!free) {
          throw conflict(
            "NO_WABA_PHONE_AVAILABLE",
            othersForNumber.filter((room) => candidates.some((phone) => phone.remotePhoneId === room.remotePhoneId)),
            now,
          );
        }
        target = free;
      }
    }

    // R13: name and Matrix-style room id.
    const derivedName = deriveDisplayName(contact);
    const givenName = input.displayName?.trim() ? input.displayName : undefined;
    const chatroomId = `cr_${randomBytes(12).toString("hex")}`;
    const room = {
      id: chatroomId,
      orgId,
      contactId: contact.id,
      remotePhoneId: target.remotePhoneId,
      phoneNumber: contact.phoneNumber,
      displayName: givenName ?? derivedName,
      displayNameDerived: givenName === undefined,
      externalRefId: `!${randomBytes(18).toString("base64url")}:${target.matrixHostName}`,
      historyVisibility: config.history_visibility,
      createdAt: now,
      lastActivityAt: now,
      expiryTs: new Date(now.getTime() + config.expiry_days * DAY_MS),
      inactivityDeadline: new Date(now.getTime() + config.inactivity_days * DAY_MS),
    };
    const insertRoom = tx.insert(chatrooms).values(room);
    // R12: the new chatroom's phone becomes the contact's mapping.
    const upsertMapping = tx
      .insert(contactWabaMappings)
      .values({ contactId: contact.id, orgId, remotePhoneId: target.remotePhoneId, updatedAt: now })
      .onConflictDoUpdate({ target: contactWabaMappings.contactId, set: { remotePhoneId: target.remotePhoneId, updatedAt: now } });

    const changes: Changes = {
      status: { before: null, after: "active" },
      contact_id: { before: null, after: contact.id },
      remote_phone_id: { before: null, after: target.remotePhoneId },
      phone_number: { before: null, after: contact.phoneNumber },
      display_name: { before: null, after: room.displayName },
      expiry_ts: { before: null, after: room.expiryTs.toISOString() },
      ...(mapping?.remotePhoneId !== target.remotePhoneId
        ? { contact_mapping: { before: mapping?.remotePhoneId ?? null, after: target.remotePhoneId } }
        : {}),
    };
    if (input.assignment) {
      await insertRoom;
      await upsertMapping;
      const created = (await loadChatroom(tx, { orgId, chatroomId }))!;
      // Stryker disable next-line BooleanLiteral: a new room has no member: nothing to revoke
      const outcome = await applyAssignment(tx, { room: created, assignment: input.assignment, strategy: config.group_strategy, now, replace: false });
      audit.push({ chatroomId, action: "chatroom.created", changes: { ...changes, ...outcome.changes }, details: outcome.details, at: now });
      await recordAudit(tx, context, audit);
    } else {
      // The room, the mapping and the audit events (with their events, by trigger) in one statement.
      audit.push({ chatroomId, action: "chatroom.created", changes, at: now });
      await tx.execute(sql`with new_room as (${insertRoom.getSQL()}), new_mapping as (${upsertMapping.getSQL()}) ${auditInsert(tx, context, audit).getSQL()}`);
    }
    return toChatroomObject({ ...room, deactivatedAt: null, deactivationReason: null, expiredAt: null }, now, false);
  });
}

/** Closes an active chatroom with a reason and returns its audit entry (R8, R15, R16). */
async function deactivate(tx: Db, room: ChatroomRecord, reason: DeactivationReason, now: Date): Promise<AuditEntry> {
  await tx
    .update(chatrooms)
    .set({ deactivatedAt: now, deactivationReason: reason })
    .where(and(eq(chatrooms.orgId, room.orgId), eq(chatrooms.id, room.id)));
  const changes: Changes = {
    status: { before: "active", after: "deactivated" },
    deactivation_reason: { before: null, after: reason },
  };
  if (room.pending) {
    await tx.delete(pendingAssignments).where(eq(pendingAssignments.chatroomId, room.id));
    changes.pending_assignment = {
      before: { assign_mode: room.pending.assignMode, user_id: room.pending.userId, group_id: room.pending.groupId },
      after: null,
    };
  }
  return { chatroomId: room.id, action: "chatroom.deactivated", changes, at: now };
}

async function lockChatroom(tx: Db, orgId: string, chatroomId: string): Promise<ChatroomRecord> {
  // Stryker disable ObjectLiteral: a row lock: any columns lock the same row
  const [locked] = await tx
    .select({ id: chatrooms.id })
    .from(chatrooms)
    .where(and(eq(chatrooms.orgId, orgId), eq(chatrooms.id, chatroomId)))
    .for("update");
  if (!locked) throw notFound("chatroom", chatroomId);
  // Stryker restore ObjectLiteral
  return (await loadChatroom(tx, { orgId, chatroomId }))!;
}

/** A single-room change's answer and what it decided: a bulk job records the decision per room. */
export interface SingleRoomOutcome {
  chatroom: ChatroomObject;
  decision: RoomDecision;
}

/** R15: deactivate with a reason. A deactivated chatroom is a success that changes nothing. */
export async function deactivateChatroomOutcome(
  services: Services,
  context: RequestContext,
  input: { chatroomId: string; reason: UserDeactivationReason },
): Promise<SingleRoomOutcome> {
  return services.db.transaction(async (tx) => {
    const room = await lockChatroom(tx, context.orgId, input.chatroomId);
    const now = services.clock.now();
    const decision = decideDeactivation(room, now);
    if (decision.kind === "skip" && decision.reason === "expired") {
      throw new ApiError("CHATROOM_EXPIRED", { chatroom_id: room.id, expiry_ts: room.expiryTs.toISOString() });
    }
    if (decision.kind === "skip") return { chatroom: toChatroomObject(room, now, true), decision };
    await recordAudit(tx, context, [await deactivate(tx, room, input.reason, now)]);
    return { chatroom: toChatroomObject({ ...room, deactivatedAt: now, deactivationReason: input.reason }, now, true), decision };
  });
}

export async function deactivateChatroom(
  services: Services,
  context: RequestContext,
  input: { chatroomId: string; reason: UserDeactivationReason },
): Promise<ChatroomObject> {
  return (await deactivateChatroomOutcome(services, context, input)).chatroom;
}

/** R16: activate, optionally forcing the chatrooms in the way closed. */
export async function activateChatroom(
  services: Services,
  context: RequestContext,
  input: { chatroomId: string; forceDeactivate: boolean },
): Promise<ChatroomObject> {
  const { orgId } = context;
  const [target] = await services.db
    .select({ phoneNumber: chatrooms.phoneNumber, contactId: chatrooms.contactId })
    .from(chatrooms)
    .where(and(eq(chatrooms.orgId, orgId), eq(chatrooms.id, input.chatroomId)));
  if (!target) throw notFound("chatroom", input.chatroomId);
  const config = await getOrgConfig(services.db, { orgId });

  // Every refusal comes before the first write (the forced closes come after the last check): no savepoint.
  // Stryker disable next-line BooleanLiteral: round trips only, counted on PostgreSQL (round-trips.test.ts)
  return underPhoneLock(services, context, { ...target, savepoint: false }, async (tx, now) => {
    const room = await lockChatroom(tx, orgId, input.chatroomId);
    const state = chatroomState(room, now);
    if (state.isExpired) throw new ApiError("CHATROOM_EXPIRED", { chatroom_id: room.id, expiry_ts: room.expiryTs.toISOString() });
    if (!state.isDeactivated) return toChatroomObject(room, now, true);

    const others = await loadChatrooms(tx, {
      orgId,
      where: activeRoomsWhere(
        now,
        and(
          ne(chatrooms.id, room.id),
          or(eq(chatrooms.phoneNumber, room.phoneNumber), eq(chatrooms.contactId, room.contactId)),
        ),
      ),
    });
    const audit: AuditEntry[] = [];
    if (others.length > 0) {
      if (!input.forceDeactivate) throw conflict("ACTIVE_CHATROOM_EXISTS", others, now);
      // Forced: the contact's own room, and the number's room on the same phone, are closed (I1, I2). The
      // others are the contact's or the number's, so another contact's room is the number's.
      const inTheWay = others.filter((other) => other.contactId === room.contactId || other.remotePhoneId === room.remotePhoneId);
      for (const other of inTheWay) audit.push(await deactivate(tx, other, "FORCE_ACTIVATION", now));
    }

    const reopened = {
      deactivatedAt: null,
      deactivationReason: null,
      lastActivityAt: now,
      inactivityDeadline: new Date(now.getTime() + config.inactivity_days * DAY_MS),
    };
    await tx
      .update(chatrooms)
      .set(reopened)
      .where(and(eq(chatrooms.orgId, orgId), eq(chatrooms.id, room.id)));
    const [mapping] = await tx
      .select({ remotePhoneId: contactWabaMappings.remotePhoneId })
      .from(contactWabaMappings)
      .where(eq(contactWabaMappings.contactId, room.contactId));
    await tx
      .insert(contactWabaMappings)
      .values({ contactId: room.contactId, orgId, remotePhoneId: room.remotePhoneId, updatedAt: now })
      .onConflictDoUpdate({ target: contactWabaMappings.contactId, set: { remotePhoneId: room.remotePhoneId, updatedAt: now } });
    audit.push({
      chatroomId: room.id,
      action: "chatroom.activated",
      changes: {
        status: { before: "deactivated", after: "active" },
        deactivation_reason: { before: state.deactivationReason, after: null },
        last_activity_at: { before: room.lastActivityAt.toISOString(), after: now.toISOString() },
        ...(mapping?.remotePhoneId !== room.remotePhoneId
          ? { contact_mapping: { before: mapping?.remotePhoneId ?? null, after: room.remotePhoneId } }
          : {}),
      },
      details: input.forceDeactivate ? { force_deactivate: true, deactivated: audit.map((entry) => entry.chatroomId) } : undefined,
      at: now,
    });
    await recordAudit(tx, context, audit);
    return toChatroomObject({ ...room, ...reopened }, now, true);
  });
}

/** R20: reassign to a user or a group, with or without handover (R21). */
export async function reassignChatroomOutcome(
  services: Services,
  context: RequestContext,
  input: { chatroomId: string; assignment: AssignmentRequest },
): Promise<SingleRoomOutcome> {
  const { orgId } = context;
  await checkAssignmentTargets(services.db, orgId, input.assignment);
  const config = await getOrgConfig(services.db, { orgId });
  return services.db.transaction(async (tx) => {
    const room = await lockChatroom(tx, orgId, input.chatroomId);
    const now = services.clock.now();
    const assignable = await isAssignable(tx, orgId, input.assignment);
    const decision = decideReassign(room, now, { assignment: input.assignment, assignable });
    if (decision.kind === "skip" && (decision.reason === "expired" || decision.reason === "deactivated")) {
      throw new ApiError("CHATROOM_NOT_ACTIVE", { chatroom_id: room.id, status: decision.reason });
    }
    if (decision.kind === "skip" && decision.reason === "no_assignable_user") throw noAssignableUser(input.assignment);
    if (decision.kind === "skip") return { chatroom: toChatroomObject(room, now, true), decision };
    const outcome = await applyAssignment(tx, { room, assignment: input.assignment, strategy: config.group_strategy, now, replace: true });
    const entry: AuditEntry = { chatroomId: room.id, action: "chatroom.reassigned", changes: outcome.changes, details: outcome.details, at: now };
    // A group's pick of the only current member changes nothing either (R20), though the pick is audited.
    const changed = Object.keys(entry.changes).length > 0;
    await recordAudit(tx, context, [entry]);
    // The chatroom object carries no members: a reassignment leaves it as it was loaded.
    return { chatroom: toChatroomObject(room, now, true), decision: changed ? decision : { kind: "skip", reason: "unchanged" } };
  });
}

export async function reassignChatroom(
  services: Services,
  context: RequestContext,
  input: { chatroomId: string; assignment: AssignmentRequest },
): Promise<ChatroomObject> {
  return (await reassignChatroomOutcome(services, context, input)).chatroom;
}

/**
 * R17's query: the contact's rooms, the active one first, then the newest, with its WABA. Every get by
 * contact runs it, so it is built once per database and, on PostgreSQL, parsed and planned once per
 * connection (a named prepared statement).
 */
// Stryker disable all: built once per database, so a mutant switched on after the first call never reaches the
// query (the R17 tests check what it answers); and the name only labels the prepared statement
const chatroomByContactQuery = perDatabase((db) =>
  db
    .select({
      id: chatrooms.id,
      externalRefId: chatrooms.externalRefId,
      ...chatroomTimesColumns,
      waba: { remote_waba_id: wabas.remoteWabaId, matrix_host_name: wabas.matrixHostName, name: wabas.name },
    })
    .from(chatrooms)
    .innerJoin(wabaPhones, eq(wabaPhones.remotePhoneId, chatrooms.remotePhoneId))
    .innerJoin(wabas, eq(wabas.remoteWabaId, wabaPhones.remoteWabaId))
    .where(and(eq(chatrooms.orgId, sql.placeholder("orgId")), eq(chatrooms.contactId, sql.placeholder("contactId"))))
    .orderBy(desc(chatroomActiveAt(sql.placeholder("now"))), desc(chatrooms.createdAt), desc(chatrooms.id))
    .limit(1)
    .prepare("chatroom_by_contact"),
);
// Stryker restore all

/** R17: the contact's active chatroom, else its most recently created one, with its WABA. */
export async function getChatroomByContact(services: Services, context: { orgId: string }, input: { contactId: string }) {
  const { db } = services;
  const now = services.clock.now();
  // One query in the common case; a second only to tell a missing contact from a contact without rooms.
  const [room] = await chatroomByContactQuery(db).execute({ orgId: context.orgId, contactId: input.contactId, now: now.toISOString() });
  if (!room) {
    await assertContactExists(db, context.orgId, input.contactId);
    throw notFound("chatroom");
  }
  return { ...toChatroomObject(room, now, true), waba: room.waba };
}

