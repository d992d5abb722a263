import { createHash } from "node:crypto";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { chatroomActiveAt } from "@/lib/chatrooms/conditions";
import { renameDerivedChatrooms } from "@/lib/chatrooms/display-name";
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db/client";
import {
  accounts,
  apiKeys,
  chatrooms,
  contacts,
  groupMembers,
  groups,
  orgs,
  partnerOrgs,
  partners,
  users,
  wabaPhones,
  wabas,
} from "@/lib/db/schema";
import { generateToken, hashPassword, hashToken, verifyPassword } from "@/lib/secrets";
import { provisionFileSchema, type ProvisionFile } from "./schema";

export interface ProvisionProblem {
  path: string;
  message: string;
}

export class ProvisionError extends Error {
  constructor(readonly problems: ProvisionProblem[]) {
    super(`The provisioning file has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`);
  }
}

export interface ProvisionResult {
  orgs: number;
  users: number;
  contacts: number;
  partners: number;
  accounts: number;
  apiKeys: number;
  /** Tokens generated for new keys that the file gave none for: shown once, never stored. */
  generatedTokens: { id: string; token: string }[];
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === "number" ? `${out}[${segment}]` : `${out}.${String(segment)}`),
    "$",
  );
}

function zodProblems(error: z.ZodError): ProvisionProblem[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

function accountIdFor(kind: "org_user" | "partner_member" | "support_agent", key: string): string {
  if (kind === "org_user") return `acc_${key}`;
  return `acc_${createHash("sha256").update(`${kind}:${key.toLowerCase()}`).digest("hex").slice(0, 20)}`;
}

/** Checks that need only the file: duplicates and references between its parts. */
function fileProblems(file: ProvisionFile): ProvisionProblem[] {
  const problems: ProvisionProblem[] = [];
  const seen = new Map<string, string>();
  const claim = (kind: string, value: string, path: string) => {
    const key = `${kind}:${value.toLowerCase()}`;
    const first = seen.get(key);
    if (first) problems.push({ path, message: `${kind} '${value}' is already used at ${first}` });
    else seen.set(key, path);
  };

  file.orgs.forEach((org, o) => {
    const base = `$.orgs[${o}]`;
    claim("org id", org.id, `${base}.id`);
    org.wabas.forEach((waba, w) => {
      claim("remote_waba_id", waba.remote_waba_id, `${base}.wabas[${w}].remote_waba_id`);
      waba.phones.forEach((phone, p) =>
        claim("remote_phone_id", phone.remote_phone_id, `${base}.wabas[${w}].phones[${p}].remote_phone_id`),
      );
    });
    org.users.forEach((user, u) => {
      claim("user id", user.id, `${base}.users[${u}].id`);
      claim(`user email in org ${org.id}`, user.email, `${base}.users[${u}].email`);
      if (user.password) claim("sign-in email", user.email, `${base}.users[${u}].email`);
    });
    org.groups.forEach((group, g) => claim("group id", group.id, `${base}.groups[${g}].id`));
    org.contacts.forEach((contact, c) => {
      claim("contact id", contact.id, `${base}.contacts[${c}].id`);
      claim(`crm_id in org ${org.id}`, contact.crm_id, `${base}.contacts[${c}].crm_id`);
    });
  });
  file.partners.forEach((partner, p) => {
    claim("partner id", partner.id, `$.partners[${p}].id`);
    partner.members.forEach((member, m) => claim("sign-in email", member.email, `$.partners[${p}].members[${m}].email`));
  });
  file.support_agents.forEach((agent, a) => claim("sign-in email", agent.email, `$.support_agents[${a}].email`));
  file.api_keys.forEach((key, k) => claim("api key id", key.id, `$.api_keys[${k}].id`));
  return problems;
}

/** Checks against what the database already holds; run inside the loading transaction. */
async function databaseProblems(tx: Db, file: ProvisionFile, now: Date): Promise<ProvisionProblem[]> {
  const problems: ProvisionProblem[] = [];
  const fileOrgIds = new Set(file.orgs.map((org) => org.id));
  const fileUserIds = new Set(file.orgs.flatMap((org) => org.users.map((user) => user.id)));
  const filePartnerIds = new Set(file.partners.map((partner) => partner.id));

  const ownedElsewhere = async (
    kind: string,
    table: typeof users | typeof groups | typeof contacts,
    items: { id: string; orgId: string; path: string }[],
  ) => {
    if (items.length === 0) return;
    const existing = await tx
      .select({ id: table.id, orgId: table.orgId })
      .from(table)
      .where(inArray(table.id, items.map((item) => item.id)));
    const ownerOf = new Map(existing.map((row) => [row.id, row.orgId]));
    for (const item of items) {
      const owner = ownerOf.get(item.id);
      if (owner && owner !== item.orgId) {
        problems.push({ path: item.path, message: `${kind} '${item.id}' already belongs to org ${owner}` });
      }
    }
  };
  const scoped = <T extends { id: string }>(pick: (org: ProvisionFile["orgs"][number]) => T[], field: string) =>
    file.orgs.flatMap((org, o) => pick(org).map((item, i) => ({ id: item.id, orgId: org.id, path: `$.orgs[${o}].${field}[${i}].id` })));
  await ownedElsewhere("user", users, scoped((org) => org.users, "users"));
  await ownedElsewhere("group", groups, scoped((org) => org.groups, "groups"));
  await ownedElsewhere("contact", contacts, scoped((org) => org.contacts, "contacts"));

  const wabaItems = file.orgs.flatMap((org, o) =>
    org.wabas.map((waba, w) => ({ org, waba, path: `$.orgs[${o}].wabas[${w}]` })),
  );
  if (wabaItems.length > 0) {
    const existingWabas = await tx
      .select({ id: wabas.remoteWabaId, orgId: wabas.orgId })
      .from(wabas)
      .where(inArray(wabas.remoteWabaId, wabaItems.map((item) => item.waba.remote_waba_id)));
    const wabaOwner = new Map(existingWabas.map((row) => [row.id, row.orgId]));
    const phoneItems = wabaItems.flatMap((item) =>
      item.waba.phones.map((phone, p) => ({ ...item, phone, phonePath: `${item.path}.phones[${p}].remote_phone_id` })),
    );
    const existingPhones =
      phoneItems.length === 0
        ? []
        : await tx
            .select({ id: wabaPhones.remotePhoneId, wabaId: wabaPhones.remoteWabaId })
            .from(wabaPhones)
            .where(inArray(wabaPhones.remotePhoneId, phoneItems.map((item) => item.phone.remote_phone_id)));
    const phoneWaba = new Map(existingPhones.map((row) => [row.id, row.wabaId]));
    for (const item of wabaItems) {
      const owner = wabaOwner.get(item.waba.remote_waba_id);
      if (owner && owner !== item.org.id) {
        problems.push({ path: `${item.path}.remote_waba_id`, message: `WABA '${item.waba.remote_waba_id}' already belongs to org ${owner}` });
      }
    }
    for (const item of phoneItems) {
      const wabaId = phoneWaba.get(item.phone.remote_phone_id);
      if (wabaId && wabaId !== item.waba.remote_waba_id) {
        problems.push({ path: item.phonePath, message: `phone '${item.phone.remote_phone_id}' already belongs to WABA ${wabaId}` });
      }
    }
  }

  // A contact's phone number cannot change while it has an active chatroom.
  const contactItems = file.orgs.flatMap((org, o) =>
    org.contacts.map((contact, c) => ({ org, contact, path: `$.orgs[${o}].contacts[${c}].phone_number` })),
  );
  if (contactItems.length > 0) {
    const busy = await tx
      .select({ contactId: chatrooms.contactId, phoneNumber: contacts.phoneNumber })
      .from(chatrooms)
      .innerJoin(contacts, eq(contacts.id, chatrooms.contactId))
      .where(and(inArray(chatrooms.contactId, contactItems.map((item) => item.contact.id)), chatroomActiveAt(now)));
    const numberOf = new Map(busy.map((row) => [row.contactId, row.phoneNumber]));
    for (const item of contactItems) {
      const current = numberOf.get(item.contact.id);
      if (current && current !== item.contact.phone_number) {
        problems.push({ path: item.path, message: `contact '${item.contact.id}' has an active chatroom, so its phone number cannot change` });
      }
    }
  }

  // Group members: users of the same org, in the file or already loaded.
  for (const [o, org] of file.orgs.entries()) {
    const fileUsers = new Set(org.users.map((user) => user.id));
    const outside = [...new Set(org.groups.flatMap((group) => group.members).filter((member) => !fileUsers.has(member)))];
    const loaded =
      outside.length === 0
        ? new Set<string>()
        : new Set(
            (
              await tx
                .select({ id: users.id })
                .from(users)
                .where(and(eq(users.orgId, org.id), inArray(users.id, outside)))
            ).map((row) => row.id),
          );
    org.groups.forEach((group, g) =>
      group.members.forEach((member, m) => {
        if (!fileUsers.has(member) && !loaded.has(member)) {
          problems.push({ path: `$.orgs[${o}].groups[${g}].members[${m}]`, message: `no user '${member}' in org ${org.id}` });
        }
      }),
    );
  }

  const referencedOrgs = file.partners.flatMap((partner, p) =>
    partner.orgs.map((orgId, i) => ({ orgId, path: `$.partners[${p}].orgs[${i}]` })),
  );
  const missingOrgs = referencedOrgs.filter((ref) => !fileOrgIds.has(ref.orgId));
  if (missingOrgs.length > 0) {
    const found = await tx.select({ id: orgs.id }).from(orgs).where(inArray(orgs.id, missingOrgs.map((ref) => ref.orgId)));
    const foundIds = new Set(found.map((row) => row.id));
    for (const ref of missingOrgs) {
      if (!foundIds.has(ref.orgId)) problems.push({ path: ref.path, message: `no org '${ref.orgId}'` });
    }
  }

  for (const [k, key] of file.api_keys.entries()) {
    if (key.user && !fileUserIds.has(key.user)) {
      const [found] = await tx.select({ id: users.id }).from(users).where(eq(users.id, key.user));
      if (!found) problems.push({ path: `$.api_keys[${k}].user`, message: `no user '${key.user}'` });
    }
    if (key.partner && !filePartnerIds.has(key.partner)) {
      const [found] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, key.partner));
      if (!found) problems.push({ path: `$.api_keys[${k}].partner`, message: `no partner '${key.partner}'` });
    }
  }
  return problems;
}

async function upsertAccount(
  tx: Db,
  account: { id: string; email: string; name: string; kind: "org_user" | "partner_member" | "support_agent"; password: string; userId?: string; partnerId?: string },
): Promise<void> {
  const [existing] = await tx
    .select({ id: accounts.id, passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, account.id));
  const keepHash = existing?.passwordHash && (await verifyPassword(account.password, existing.passwordHash));
  const passwordHash = keepHash ? existing.passwordHash : await hashPassword(account.password);
  const values = {
    id: account.id,
    email: account.email,
    name: account.name,
    kind: account.kind,
    passwordHash,
    userId: account.userId ?? null,
    partnerId: account.partnerId ?? null,
  };
  await tx
    .insert(accounts)
    .values(values)
    .onConflictDoUpdate({ target: accounts.id, set: { email: values.email, name: values.name, passwordHash } });
}

async function applyOrg(tx: Db, org: ProvisionFile["orgs"][number]): Promise<void> {
  const config = {
    inactivityDays: org.config.inactivity_days,
    expiryDays: org.config.expiry_days,
    historyVisibility: org.config.history_visibility,
    groupStrategy: org.config.group_strategy,
  };
  await tx
    .insert(orgs)
    .values({ id: org.id, name: org.name, ...config })
    .onConflictDoUpdate({ target: orgs.id, set: { name: org.name, ...config } });

  for (const waba of org.wabas) {
    await tx
      .insert(wabas)
      .values({ remoteWabaId: waba.remote_waba_id, orgId: org.id, name: waba.name, matrixHostName: waba.matrix_host_name })
      .onConflictDoUpdate({ target: wabas.remoteWabaId, set: { name: waba.name, matrixHostName: waba.matrix_host_name } });
  }

  // Positions follow the file's order; phones of the org missing from the file keep their order after them.
  const filePhones = org.wabas.flatMap((waba) => waba.phones.map((phone) => ({ waba, phone })));
  const filePhoneIds = filePhones.map((item) => item.phone.remote_phone_id);
  const otherPhones = await tx
    .select({ id: wabaPhones.remotePhoneId })
    .from(wabaPhones)
    .where(
      filePhoneIds.length > 0
        ? and(eq(wabaPhones.orgId, org.id), notInArray(wabaPhones.remotePhoneId, filePhoneIds))
        : eq(wabaPhones.orgId, org.id),
    )
    .orderBy(wabaPhones.position);
  // Move every position out of the way first: (org, position) is unique.
  await tx.update(wabaPhones).set({ position: sql`-1 - ${wabaPhones.position}` }).where(eq(wabaPhones.orgId, org.id));
  for (const [position, { waba, phone }] of filePhones.entries()) {
    await tx
      .insert(wabaPhones)
      .values({
        remotePhoneId: phone.remote_phone_id,
        orgId: org.id,
        remoteWabaId: waba.remote_waba_id,
        displayPhoneNumber: phone.display_phone_number,
        position,
      })
      .onConflictDoUpdate({
        target: wabaPhones.remotePhoneId,
        set: { displayPhoneNumber: phone.display_phone_number, position },
      });
  }
  for (const [index, phone] of otherPhones.entries()) {
    await tx.update(wabaPhones).set({ position: filePhones.length + index }).where(eq(wabaPhones.remotePhoneId, phone.id));
  }

  for (const user of org.users) {
    await tx
      .insert(users)
      .values({ id: user.id, orgId: org.id, email: user.email, name: user.name, role: user.role, active: user.active })
      .onConflictDoUpdate({
        target: users.id,
        set: { email: user.email, name: user.name, role: user.role, active: user.active },
      });
    if (user.password) {
      await upsertAccount(tx, {
        id: accountIdFor("org_user", user.id),
        email: user.email,
        name: user.name,
        kind: "org_user",
        password: user.password,
        userId: user.id,
      });
    }
  }

  for (const group of org.groups) {
    await tx
      .insert(groups)
      .values({ id: group.id, orgId: org.id, name: group.name })
      .onConflictDoUpdate({ target: groups.id, set: { name: group.name } });
    // Membership is the file's list; kept members keep their fairness state (last_picked_at).
    await tx
      .delete(groupMembers)
      .where(
        group.members.length > 0
          ? and(eq(groupMembers.groupId, group.id), notInArray(groupMembers.userId, group.members))
          : eq(groupMembers.groupId, group.id),
      );
    if (group.members.length > 0) {
      await tx
        .insert(groupMembers)
        .values(group.members.map((userId) => ({ orgId: org.id, groupId: group.id, userId })))
        .onConflictDoNothing();
    }
  }

  await applyContacts(tx, org);
}

async function applyContacts(tx: Db, org: ProvisionFile["orgs"][number]): Promise<void> {
  const CHUNK = 500;
  for (let start = 0; start < org.contacts.length; start += CHUNK) {
    const chunk = org.contacts.slice(start, start + CHUNK);
    const before = await tx
      .select({ id: contacts.id, crmId: contacts.crmId, firstName: contacts.firstName, lastName: contacts.lastName })
      .from(contacts)
      .where(inArray(contacts.id, chunk.map((contact) => contact.id)));
    const previous = new Map(before.map((row) => [row.id, row]));
    await tx
      .insert(contacts)
      .values(
        chunk.map((contact) => ({
          id: contact.id,
          orgId: org.id,
          crmId: contact.crm_id,
          phoneNumber: contact.phone_number,
          firstName: contact.first_name,
          lastName: contact.last_name,
        })),
      )
      .onConflictDoUpdate({
        target: contacts.id,
        set: {
          crmId: sql`excluded.crm_id`,
          phoneNumber: sql`excluded.phone_number`,
          firstName: sql`excluded.first_name`,
          lastName: sql`excluded.last_name`,
        },
      });
    for (const contact of chunk) {
      const old = previous.get(contact.id);
      const names = { crmId: contact.crm_id, firstName: contact.first_name, lastName: contact.last_name };
      if (old && (old.crmId !== names.crmId || old.firstName !== names.firstName || old.lastName !== names.lastName)) {
        await renameDerivedChatrooms(tx, { orgId: org.id, contactId: contact.id, contact: names });
      }
    }
  }
}

/**
 * Loads a provisioning file (the format of lib/provision/schema.ts): validates all of it, then upserts everything
 * by id in one transaction. A file with any problem changes nothing.
 */
export async function provision(db: Db, input: unknown, clock: Clock): Promise<ProvisionResult> {
  const parsed = provisionFileSchema.safeParse(input);
  if (!parsed.success) throw new ProvisionError(zodProblems(parsed.error));
  const file = parsed.data;
  const problems = fileProblems(file);
  if (problems.length > 0) throw new ProvisionError(problems);

  return db.transaction(async (tx) => {
    const found = await databaseProblems(tx, file, clock.now());
    if (found.length > 0) throw new ProvisionError(found);

    for (const org of file.orgs) await applyOrg(tx, org);

    let accountCount = file.orgs.reduce((sum, org) => sum + org.users.filter((user) => user.password).length, 0);
    for (const partner of file.partners) {
      await tx
        .insert(partners)
        .values({ id: partner.id, name: partner.name })
        .onConflictDoUpdate({ target: partners.id, set: { name: partner.name } });
      await tx
        .delete(partnerOrgs)
        .where(
          partner.orgs.length > 0
            ? and(eq(partnerOrgs.partnerId, partner.id), notInArray(partnerOrgs.orgId, partner.orgs))
            : eq(partnerOrgs.partnerId, partner.id),
        );
      if (partner.orgs.length > 0) {
        await tx
          .insert(partnerOrgs)
          .values(partner.orgs.map((orgId) => ({ partnerId: partner.id, orgId })))
          .onConflictDoNothing();
      }
      for (const member of partner.members) {
        await upsertAccount(tx, {
          id: accountIdFor("partner_member", member.email),
          email: member.email,
          name: member.name,
          kind: "partner_member",
          password: member.password,
          partnerId: partner.id,
        });
        accountCount++;
      }
    }
    for (const agent of file.support_agents) {
      await upsertAccount(tx, {
        id: accountIdFor("support_agent", agent.email),
        email: agent.email,
        name: agent.name,
        kind: "support_agent",
        password: agent.password,
      });
      accountCount++;
    }

    const generatedTokens: ProvisionResult["generatedTokens"] = [];
    for (const key of file.api_keys) {
      const principal = key.user
        ? { principalType: "user" as const, userId: key.user, partnerId: null }
        : key.partner
          ? { principalType: "partner" as const, userId: null, partnerId: key.partner }
          : { principalType: "console" as const, userId: null, partnerId: null };
      const [existing] = await tx.select({ tokenHash: apiKeys.tokenHash }).from(apiKeys).where(eq(apiKeys.id, key.id));
      if (existing) {
        const tokenHash = key.token ? hashToken(key.token) : existing.tokenHash;
        await tx.update(apiKeys).set({ ...principal, tokenHash }).where(eq(apiKeys.id, key.id));
      } else {
        const token = key.token ?? generateToken();
        if (!key.token) generatedTokens.push({ id: key.id, token });
        await tx.insert(apiKeys).values({ id: key.id, tokenHash: hashToken(token), ...principal });
      }
    }

    return {
      orgs: file.orgs.length,
      users: file.orgs.reduce((sum, org) => sum + org.users.length, 0),
      contacts: file.orgs.reduce((sum, org) => sum + org.contacts.length, 0),
      partners: file.partners.length,
      accounts: accountCount,
      apiKeys: file.api_keys.length,
      generatedTokens,
    };
  });
}
