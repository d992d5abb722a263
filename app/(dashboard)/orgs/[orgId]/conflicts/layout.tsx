import { notFound } from "next/navigation";
import { canPerform } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";

/** Checked above the page's loading boundary, so that a person who may not see conflicts gets a real 404. */
export default async function ConflictsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  if (!canPerform(await requireOrg(orgId), "org.conflicts")) notFound();
  return children;
}
