import { Webhook as WebhookIcon } from "lucide-react";
import Link from "next/link";
import { LoadFailure } from "@/components/load-failure";
import { RelativeTime } from "@/components/relative-time";
import { Callout } from "@/components/ui/callout";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { WebhookStateBadge } from "@/components/webhook-badges";
import { AddWebhookDialog } from "@/components/webhook-form";
import { apiFor } from "@/lib/dashboard/api/client";
import { dashboardNow } from "@/lib/dashboard/api/directory";
import { sectionOf } from "@/lib/dashboard/api/sections";
import { canPerform } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";
import { webhookPath } from "@/lib/dashboard/ui/paths";
import { eventTypeLabel } from "@/lib/dashboard/ui/webhooks";

export const metadata = { title: "Webhooks · Switchboard" };

/** The org's webhook subscriptions (admins and partners): add one, see which are failing or turned off. */
export default async function WebhooksPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const person = await requireOrg(orgId);
  const intro = (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <h1 className="text-xl font-semibold">Webhooks</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Switchboard posts the events you choose to your systems as they happen, signed with a secret of each webhook. A delivery that fails is
          retried for 24 hours; a webhook that fails for 3 days is turned off.
        </p>
      </div>
      {canPerform(person, "org.webhooks") ? <AddWebhookDialog orgId={orgId} /> : null}
    </div>
  );
  if (!canPerform(person, "org.webhooks")) {
    return (
      <div className="space-y-5">
        {intro}
        <LoadFailure section={{ state: "forbidden" }} what="the webhooks" />
      </div>
    );
  }
  const webhooks = sectionOf(await apiFor(person)("listWebhooks", { params: { orgId } }), (data) => data.items);
  const now = dashboardNow();
  return (
    <div className="space-y-5">
      {intro}
      {webhooks.state !== "ok" ? (
        <LoadFailure section={webhooks} what="the webhooks" />
      ) : webhooks.data.length === 0 ? (
        <EmptyState icon={WebhookIcon} title="No webhooks yet">
          Add one to send chatroom and message events to your CRM or agent tool.
        </EmptyState>
      ) : (
        <>
          {webhooks.data
            .filter((webhook) => webhook.disabled_reason === "failing")
            .map((webhook) => (
              <Callout key={webhook.id} tone="danger" title={`${webhook.description || webhook.url} was turned off after failing for 3 days.`}>
                Fix the receiver, then open it and choose Resume: it gets the events from then on.{" "}
                <Link href={webhookPath(orgId, webhook.id)} className="font-medium text-link underline underline-offset-2">
                  Open it
                </Link>
              </Callout>
            ))}
          <Table aria-label="Webhooks">
            <TableHead>
              <tr>
                <TableHeaderCell>Address</TableHeaderCell>
                <TableHeaderCell>State</TableHeaderCell>
                <TableHeaderCell>Events</TableHeaderCell>
                <TableHeaderCell>Added</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {webhooks.data.map((webhook) => (
                <TableRow key={webhook.id} data-testid="webhook-row">
                  <TableCell className="max-w-md">
                    <Link href={webhookPath(orgId, webhook.id)} className="font-medium break-all text-link underline-offset-2 hover:underline">
                      {webhook.url}
                    </Link>
                    {webhook.description ? <p className="text-xs text-muted-foreground">{webhook.description}</p> : null}
                  </TableCell>
                  <TableCell>
                    <WebhookStateBadge webhook={webhook} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground" title={webhook.types.map(eventTypeLabel).join("\n")}>
                    {webhook.types.length} type{webhook.types.length === 1 ? "" : "s"}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    <RelativeTime at={webhook.created_at} now={now} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </div>
  );
}
