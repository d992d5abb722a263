import { count } from "drizzle-orm";
import { systemActor, type RequestContext } from "@/lib/principals/actor";
import { FixedClock, type Clock } from "@/lib/clock";
import type { AssignmentRequest } from "@/lib/chatrooms/assignment";
import { USER_DEACTIVATION_REASONS } from "@/lib/constants";
import { activateChatroom, createChatroom, deactivateChatroom } from "@/lib/chatrooms/service";
import { DAY_MS } from "@/lib/chatrooms/state";
import type { Db } from "@/lib/db/client";
import { orgs } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { provision } from "@/lib/provision/load";
import type { Services } from "@/lib/services";
import demoData from "./demo-data.json";

export const demoSignIns = [
  { who: "org admin (Acme)", email: "ada@acme.example", password: "demo-password-ada" },
  { who: "org member (Acme, read only)", email: "max@acme.example", password: "demo-password-max" },
  { who: "org admin (Globex)", email: "gina@globex.example", password: "demo-password-gina" },
  { who: "partner (Acme and Globex)", email: "pat@north.example", password: "demo-password-pat" },
  { who: "partner with no org", email: "sue@south.example", password: "demo-password-sue" },
  { who: "support agent (every org)", email: "sam@support.example", password: "demo-password-sam" },
];

export const demoApiKeys = demoData.api_keys;

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ orgs: count() }).from(orgs);
  return (row?.orgs ?? 0) === 0;
}

const REASONS = USER_DEACTIVATION_REASONS;

/**
 * Loads the demo file, then plays a history through the domain services with a clock set in the past, so
 * that the demo has chatrooms in every state: active, pending handover, deactivated with each reason,
 * lapsed by inactivity, expired, and conflicts between contacts who share a number.
 */
export async function seedDemo(db: Db, clock: Clock): Promise<void> {
  await provision(db, demoData, clock);
  const now = clock.now().getTime();
  const past = new FixedClock(new Date(now));
  const services: Services = { db, clock: past };
  const context = (orgId: string): RequestContext => ({
    orgId,
    actor: systemActor,
    requestId: "demo-seed",
    note: "demo data",
  });
  const at = (daysAgo: number, step: number) => past.set(new Date(now - daysAgo * DAY_MS + step * 60_000));
  const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      // Conflicts are part of the story (they fill the conflict log); anything else is a real failure.
      if (error instanceof ApiError && error.status === 409) return undefined;
      throw error;
    }
  };

  for (const org of demoData.orgs) {
    const ctx = context(org.id);
    const contacts = org.contacts.map((contact) => contact.id);
    const groupId = org.groups[0]!.id;
    const users = org.users.filter((user) => user.active !== false && user.role === "MEMBER").map((user) => user.id);
    const assignment = (i: number): AssignmentRequest =>
      i % 3 === 0
        ? { mode: "GROUP", groupId, onHandover: i % 2 === 0 }
        : { mode: "USER", userId: users[i % users.length]!, onHandover: i % 4 === 1 };
    const expiryDays = org.config.expiry_days;

    // Old chatrooms, now expired; some were deactivated with a reason first.
    for (let i = 0; i < Math.ceil(contacts.length * 0.15); i++) {
      at(expiryDays + 5, i);
      const room = await attempt(() =>
        createChatroom(services, ctx, {
          leadId: contacts[i]!,
          forceDeactivate: false,
          failIfExistsOnOtherPhone: true,
          assignment: assignment(i),
        }),
      );
      if (room && i % 2 === 0) {
        at(expiryDays + 4, i);
        await deactivateChatroom(services, ctx, { chatroomId: room.chatroom_id, reason: REASONS[i % REASONS.length]! });
      }
    }
    // Recent chatrooms: active (some pending handover), some deactivated with each reason, some gone quiet.
    for (let i = Math.ceil(contacts.length * 0.15); i < contacts.length; i++) {
      const quiet = i % 7 === 0;
      at(quiet ? org.config.inactivity_days + 1 : 1, i);
      const room = await attempt(() =>
        createChatroom(services, ctx, {
          leadId: contacts[i]!,
          forceDeactivate: false,
          failIfExistsOnOtherPhone: i % 20 !== 19,
          assignment: assignment(i),
        }),
      );
      if (room && i % 5 === 0) {
        await deactivateChatroom(services, ctx, { chatroomId: room.chatroom_id, reason: REASONS[i % REASONS.length]! });
        if (i % 10 === 0)
          await attempt(() =>
            activateChatroom(services, ctx, { chatroomId: room.chatroom_id, forceDeactivate: false }),
          );
      }
    }
  }
}
