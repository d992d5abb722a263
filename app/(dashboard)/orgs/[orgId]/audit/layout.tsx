import { notFound } from "next/navigation";
import { canReadChangeHistory } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";

/** Checked above the page's loading boundary, so that a person who may not read the audit gets a real 404. */
export default async function AuditLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ orgId: string }>;
}) {
  const { orgId } = await params;
  if (!canReadChangeHistory(await requireOrg(orgId))) notFound();
  return children;
}
