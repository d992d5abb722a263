import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrgShell } from "@/components/app-shell";
import { KeyboardShortcuts } from "@/components/keyboard-shortcuts";
import { LoadFailure } from "@/components/load-failure";
import { Callout } from "@/components/ui/callout";
import type { NavLink } from "@/components/sidebar";
import { rollupOf, visibleOrgsOf } from "@/lib/dashboard/api/orgs";
import { disabledWebhooksOf } from "@/lib/dashboard/api/webhooks-view";
import { sectionOf } from "@/lib/dashboard/api/sections";
import { canPerform, canReadChangeHistory, personKindLabel } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";
import { auditPath, chatroomsPath, conflictsPath, newChatroomPath, orgPath, settingsPath, webhooksPath } from "@/lib/dashboard/ui/paths";
import { THEME_COOKIE, themeOf } from "@/lib/dashboard/ui/preferences";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const [visible, failingWebhooks] = await Promise.all([visibleOrgsOf(person), disabledWebhooksOf(person, orgId)]);
  if (!visible.ok) {
    return (
      <main id="main" className="mx-auto max-w-xl px-4 py-10">
        <LoadFailure section={sectionOf(visible)} what="this org" />
      </main>
    );
  }
  const orgs = visible.data;
  const org = orgs.find((candidate) => candidate.id === orgId);
  if (!org) notFound();
  const links: NavLink[] = [
    { href: orgPath(orgId), label: "Overview", icon: "overview" as const },
    { href: chatroomsPath(orgId), label: "Chatrooms", icon: "chatrooms" as const },
    ...(canPerform(person, "chatroom.create", { force: true }) ? [{ href: newChatroomPath(orgId), label: "New chatroom", icon: "new" as const }] : []),
    ...(canPerform(person, "org.conflicts") ? [{ href: conflictsPath(orgId), label: "Conflicts", icon: "conflicts" as const }] : []),
    ...(canReadChangeHistory(person) ? [{ href: auditPath(orgId), label: "Audit log", icon: "audit" as const }] : []),
    { href: settingsPath(orgId), label: "Settings", icon: "settings" as const },
    ...(canPerform(person, "org.webhooks") ? [{ href: webhooksPath(orgId), label: "Webhooks", icon: "webhooks" as const }] : []),
  ];
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  // The switcher's figures, for whoever has orgs to switch between: one request for all of them.
  const rollup = orgs.length > 1 ? await rollupOf(person) : null;
  const figuresOf = new Map(
    rollup?.state === "ok"
      ? rollup.data.items.map((item) => [
          item.org_id,
          { active: item.counts.active, pendingHandover: item.counts.pending_handover, recentConflicts: item.recent_conflicts },
        ])
      : [],
  );
  return (
    <OrgShell
      org={org}
      orgs={orgs.map((other) => ({ org: other, href: orgPath(other.id), figures: figuresOf.get(other.id) }))}
      links={links}
      person={{ name: person.name, role: personKindLabel[person.kind], theme }}
      chatroomsHref={chatroomsPath(orgId)}
    >
      {failingWebhooks > 0 ? (
        <Callout tone="danger" title={failingWebhooks === 1 ? "A webhook was turned off: it failed for 3 days." : `${failingWebhooks} webhooks were turned off: they failed for 3 days.`} className="mb-5" data-testid="webhooks-disabled-notice">
          Their receivers get no events until you resume them. <Link href={webhooksPath(orgId)} className="font-medium text-link underline underline-offset-2">See the webhooks</Link>
        </Callout>
      ) : null}
      {children}
      <KeyboardShortcuts
        orgId={orgId}
        pages={links.filter((link) => link.icon !== "new").map((link) => ({ label: link.label, href: link.href }))}
        orgs={orgs.filter((other) => other.id !== orgId).map((other) => ({ label: other.name, href: orgPath(other.id) }))}
        newChatroomHref={canPerform(person, "chatroom.create") ? newChatroomPath(orgId) : null}
      />
    </OrgShell>
  );
}
