import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, ilike, or, type AnyColumn, type SQL } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/principals/actor";
import { deriveDisplayName, renameDerivedChatrooms } from "@/lib/chatrooms/display-name";
import type { Services } from "@/lib/services";
import type { Db } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema";
import { containsPattern, pgConstraintName, pgErrorCode } from "@/lib/db/sql";
import { ApiError, notFound } from "@/lib/errors";
import { decodeCursor, idCursorSchema, toPage } from "@/lib/pagination";

type ContactRow = typeof contacts.$inferSelect;

function toContact(row: ContactRow) {
  return {
    id: row.id,
    crm_id: row.crmId,
    phone_number: row.phoneNumber,
    first_name: row.firstName,
    last_name: row.lastName,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function crmIdTaken(error: unknown, crmId: string): ApiError | undefined {
  if (pgErrorCode(error) === "23505" && pgConstraintName(error) === "contacts_org_id_crm_id_key") {
    return new ApiError("UQ_CONSTRAINT_FAILED", { field: "crm_id", value: crmId }, `crm_id '${crmId}' is already used by another contact.`);
  }
  return undefined;
}

export async function createContact(
  services: Services,
  context: RequestContext,
  input: { crm_id: string; phone_number: string; first_name: string; last_name: string },
) {
  const now = services.clock.now();
  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(contacts)
        .values({
          id: `c_${randomBytes(10).toString("hex")}`,
          orgId: context.orgId,
          crmId: input.crm_id,
          phoneNumber: input.phone_number,
          firstName: input.first_name,
          lastName: input.last_name,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAudit(tx, context, [
        { chatroomId: null, action: "contact.created", changes: { contact_id: { before: null, after: row!.id } }, at: now },
      ]);
      return toContact(row!);
    });
  } catch (error) {
    throw crmIdTaken(error, input.crm_id) ?? error;
  }
}

async function getContactRow(db: Db, params: { orgId: string; contactId: string }): Promise<ContactRow> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, params.orgId), eq(contacts.id, params.contactId)));
  if (!row) throw notFound("contact", params.contactId);
  return row;
}

/** Updates crm_id and names; chatrooms named after the contact are renamed with it (R13). */
export async function updateContact(
  services: Services,
  context: RequestContext,
  input: { contactId: string; crm_id?: string; first_name?: string; last_name?: string },
) {
  try {
    return await services.db.transaction(async (tx) => {
      const before = await getContactRow(tx, { orgId: context.orgId, contactId: input.contactId });
      const after = {
        crmId: input.crm_id ?? before.crmId,
        firstName: input.first_name ?? before.firstName,
        lastName: input.last_name ?? before.lastName,
      };
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      if (after.crmId !== before.crmId) changes.crm_id = { before: before.crmId, after: after.crmId };
      if (after.firstName !== before.firstName) changes.first_name = { before: before.firstName, after: after.firstName };
      if (after.lastName !== before.lastName) changes.last_name = { before: before.lastName, after: after.lastName };
      if (Object.keys(changes).length === 0) return toContact(before);

      const now = services.clock.now();
      const [row] = await tx
        .update(contacts)
        .set({ ...after, updatedAt: now })
        .where(and(eq(contacts.orgId, context.orgId), eq(contacts.id, input.contactId)))
        .returning();
      const renamed = await renameDerivedChatrooms(tx, { orgId: context.orgId, contactId: input.contactId, contact: after });
      await recordAudit(tx, context, [
        { chatroomId: null, action: "contact.updated", changes, details: { contact_id: input.contactId }, at: now },
        ...renamed.map((chatroomId) => ({
          chatroomId,
          action: "chatroom.renamed",
          changes: { display_name: { before: deriveDisplayName(before), after: deriveDisplayName(after) } },
          at: now,
        })),
      ]);
      return toContact(row!);
    });
  } catch (error) {
    throw crmIdTaken(error, input.crm_id ?? "") ?? error;
  }
}

/** A contact whose crm_id, first or last name contains `q` (case-insensitive), or one of `more` columns does. */
export function contactMatches(q: string, more: AnyColumn[] = []): SQL {
  const pattern = containsPattern(q);
  return or(
    ilike(contacts.crmId, pattern),
    ilike(contacts.firstName, pattern),
    ilike(contacts.lastName, pattern),
    ...more.map((column) => ilike(column, pattern)),
  ) as SQL;
}

/** One contact of the org (a contact of another org is a 404 like a missing one). */
export async function getContact(db: Db, params: { orgId: string; contactId: string }) {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, params.orgId), eq(contacts.id, params.contactId)));
  if (!row) throw notFound("contact", params.contactId);
  return toContact(row);
}

/** Contacts of the org matching `q` in name, crm_id or phone, by id, keyset-paginated. */
export async function listContacts(db: Db, params: { orgId: string; q?: string; cursor?: string; limit: number }) {
  const conditions: SQL[] = [eq(contacts.orgId, params.orgId)];
  if (params.q) conditions.push(contactMatches(params.q, [contacts.phoneNumber]));
  const after = decodeCursor(params.cursor, idCursorSchema);
  if (after) conditions.push(gt(contacts.id, after.id));
  const rows = await db
    .select()
    .from(contacts)
    .where(and(...conditions))
    .orderBy(asc(contacts.id))
    .limit(params.limit + 1);
  return toPage(rows, params.limit, toContact, (last) => ({ id: last.id }));
}
