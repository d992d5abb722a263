import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { chatrooms } from "@/lib/db/schema";

export interface ContactNameParts {
  crmId: string;
  firstName: string;
  lastName: string;
}

/** R13: crm_id, first and last name joined by single spaces, empty parts skipped. */
export function deriveDisplayName(contact: ContactNameParts): string {
  return [contact.crmId, contact.firstName, contact.lastName]
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join(" ");
}

/** R13: a contact's new crm_id or names rename its chatrooms whose name was derived. */
export async function renameDerivedChatrooms(
  db: Db,
  params: { orgId: string; contactId: string; contact: ContactNameParts },
): Promise<string[]> {
  const renamed = await db
    .update(chatrooms)
    .set({ displayName: deriveDisplayName(params.contact) })
    .where(
      and(
        eq(chatrooms.orgId, params.orgId),
        eq(chatrooms.contactId, params.contactId),
        eq(chatrooms.displayNameDerived, true),
      ),
    )
    .returning({ id: chatrooms.id });
  return renamed.map((row) => row.id);
}
