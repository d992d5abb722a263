import "server-only";
import { appClock } from "@/lib/app-clock";
import { getDatabase } from "@/lib/db";
import type { Person } from "@/lib/dashboard/session/access";
import {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  MAX_SAVED_VIEWS,
  renameSavedView,
  type SavedView,
  type SavedViewRefusal,
} from "@/lib/dashboard/store";
import type { ActionError, ActionResult } from "@/lib/dashboard/ui/action-result";
import { savedViewQueryOf } from "@/lib/dashboard/ui/chatroom-filters";

export type { SavedView };

/**
 * A person's saved views of an org's chatroom list. Everyone who may see the org keeps their own (members
 * too: a view changes nothing); the caller has checked that the person may see the org.
 */
export async function savedViewsOf(person: Person, orgId: string): Promise<SavedView[]> {
  const { db } = await getDatabase();
  return listSavedViews(db, { accountId: person.accountId, orgId });
}

function refused(
  title: string,
  hint: string,
  status: number,
  fieldErrors: Record<string, string> = {},
): { ok: false; error: ActionError } {
  return {
    ok: false,
    error: {
      status,
      name: status === 404 ? "NOT_FOUND" : "VALIDATION_FAILED",
      title,
      hint,
      fieldErrors,
      subject: {},
      conflicts: [],
    },
  };
}

const refusals: Record<SavedViewRefusal, () => ReturnType<typeof refused>> = {
  name_taken: () =>
    refused("You already have a view of that name.", "Choose another name.", 409, {
      name: "You already have a view of that name.",
    }),
  too_many: () =>
    refused(
      `You already keep ${MAX_SAVED_VIEWS} views in this org.`,
      "Delete one you no longer use, then save again.",
      409,
    ),
  not_found: () => refused("That view no longer exists.", "Reload the page to see your views.", 404),
};

export async function saveView(
  person: Person,
  orgId: string,
  input: { name: string; query: string },
): Promise<ActionResult<SavedView>> {
  const checked = savedViewQueryOf(input.query);
  if (!checked.ok) return refused(checked.message, "Nothing was saved.", 400);
  const { db } = await getDatabase();
  const saved = await createSavedView(db, {
    accountId: person.accountId,
    orgId,
    name: input.name,
    query: checked.query,
    now: appClock().now(),
  });
  return saved.ok ? { ok: true, data: saved.view } : refusals[saved.reason]();
}

export async function renameView(
  person: Person,
  orgId: string,
  viewId: string,
  name: string,
): Promise<ActionResult<SavedView>> {
  const { db } = await getDatabase();
  const renamed = await renameSavedView(db, {
    accountId: person.accountId,
    orgId,
    id: Number(viewId),
    name,
    now: appClock().now(),
  });
  return renamed.ok ? { ok: true, data: renamed.view } : refusals[renamed.reason]();
}

export async function deleteView(person: Person, orgId: string, viewId: string): Promise<ActionResult<{ id: string }>> {
  const { db } = await getDatabase();
  return (await deleteSavedView(db, { accountId: person.accountId, orgId, id: Number(viewId) }))
    ? { ok: true, data: { id: viewId } }
    : refusals.not_found();
}
