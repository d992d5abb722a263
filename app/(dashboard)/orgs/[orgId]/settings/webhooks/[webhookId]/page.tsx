import { ArrowLeft, Inbox } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IdDetails } from "@/components/id-details";
import { LoadFailure } from "@/components/load-failure";
import { RelativeTime } from "@/components/relative-time";
import { Callout } from "@/components/ui/callout";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { RedeliverButton, WebhookActions } from "@/components/webhook-actions";
import { DeliveryStatusBadge, WebhookStateBadge } from "@/components/webhook-badges";
import { dashboardNow } from "@/lib/dashboard/api/directory";
import { loadWebhookView } from "@/lib/dashboard/api/webhooks-view";
import { canPerform } from "@/lib/dashboard/session/access";
import { requireOrg } from "@/lib/dashboard/session/person";
import { exactTime } from "@/lib/dashboard/ui/format";
import { webhookPath, webhooksPath } from "@/lib/dashboard/ui/paths";
import { deliveryOutcome, eventTypeLabel } from "@/lib/dashboard/ui/webhooks";

export const metadata = { title: "Webhook · Switchboard" };

/** One subscription: its state, a test ping, pause or resume, and its deliveries with what the receiver answered. */
export default async function WebhookPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string; webhookId: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const { orgId, webhookId } = await params;
  const person = await requireOrg(orgId);
  if (!canPerform(person, "org.webhooks")) notFound();
  const query = await searchParams;
  const cursor = typeof query.cursor === "string" ? query.cursor.slice(0, 512) : undefined;
  const view = await loadWebhookView(person, orgId, webhookId, cursor);
  if (!view) notFound();
  const back = (
    <Link href={webhooksPath(orgId)} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft aria-hidden="true" className="size-4" /> Webhooks
    </Link>
  );
  if (view.webhook.state !== "ok") {
    return (
      <div className="space-y-5">
        {back}
        <LoadFailure section={view.webhook} what="this webhook" />
      </div>
    );
  }
  const webhook = view.webhook.data;
  const now = dashboardNow();
  return (
    <div className="space-y-5">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h1 className="text-xl font-semibold break-all">{webhook.url}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <WebhookStateBadge webhook={webhook} />
            {webhook.description ? <span>{webhook.description}</span> : null}
          </p>
        </div>
        <WebhookActions orgId={orgId} webhookId={webhook.id} enabled={webhook.enabled} url={webhook.url} />
      </div>
      {webhook.disabled_reason === "failing" ? (
        <Callout tone="danger" title="Turned off: every delivery failed for 3 days.">
          It was turned off <RelativeTime at={webhook.disabled_at} now={now} />. Fix the receiver, send a test ping, then Resume: it gets the events
          from then on.
        </Callout>
      ) : webhook.failing_since ? (
        <Callout tone="warning" title="Deliveries are failing.">
          The first failure since the last success was <RelativeTime at={webhook.failing_since} now={now} />; after 3 days of failures the webhook is
          turned off.
        </Callout>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="deliveries-title" className="min-w-0 space-y-3">
          <h2 id="deliveries-title" className="text-base font-semibold">
            Deliveries
          </h2>
          {view.deliveries.state !== "ok" ? (
            <LoadFailure section={view.deliveries} what="the deliveries" />
          ) : view.deliveries.data.items.length === 0 ? (
            <EmptyState icon={Inbox} title="Nothing delivered yet">
              Events of the chosen types appear here as they are sent. Send a test ping to try the receiver now.
            </EmptyState>
          ) : (
            <>
              <Table aria-label="Deliveries, newest first">
                <TableHead>
                  <tr>
                    <TableHeaderCell>Event</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                    <TableHeaderCell>Answer</TableHeaderCell>
                    <TableHeaderCell className="hidden sm:table-cell">Last try</TableHeaderCell>
                    <TableHeaderCell>
                      <span className="sr-only">Actions</span>
                    </TableHeaderCell>
                  </tr>
                </TableHead>
                <TableBody>
                  {view.deliveries.data.items.map((delivery) => (
                    <TableRow key={delivery.id} data-testid="delivery-row" data-event-type={delivery.event_type}>
                      <TableCell>
                        <p className="font-medium">{eventTypeLabel(delivery.event_type)}</p>
                        <p className="text-xs text-muted-foreground">
                          {delivery.redelivery_of ? "Redelivery · " : ""}
                          {delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}
                          {delivery.last_attempt_at ? (
                            <span className="sm:hidden">
                              {" "}
                              · <RelativeTime at={delivery.last_attempt_at} now={now} />
                            </span>
                          ) : null}
                        </p>
                      </TableCell>
                      <TableCell>
                        <DeliveryStatusBadge status={delivery.status} />
                        {delivery.next_attempt_at ? (
                          <p className="mt-1 text-xs text-muted-foreground">
                            Next try <RelativeTime at={delivery.next_attempt_at} now={now} />
                          </p>
                        ) : null}
                      </TableCell>
                      <TableCell className="max-w-sm min-w-32">
                        <p>{deliveryOutcome(delivery)}</p>
                        {delivery.response_body ? (
                          <details className="mt-1 text-xs">
                            <summary className="cursor-pointer text-muted-foreground hover:text-foreground">What it answered</summary>
                            <pre className="mt-1 max-h-40 overflow-auto rounded-md bg-surface-muted p-2 font-mono whitespace-pre-wrap [overflow-wrap:anywhere]">
                              {delivery.response_body}
                            </pre>
                          </details>
                        ) : null}
                      </TableCell>
                      <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell">
                        <RelativeTime at={delivery.last_attempt_at} now={now} />
                      </TableCell>
                      <TableCell className="text-right">
                        {delivery.event_id && delivery.status !== "pending" ? <RedeliverButton orgId={orgId} webhookId={webhook.id} deliveryId={delivery.id} /> : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <CursorPagination
                summary={`${view.deliveries.data.items.length} ${view.deliveries.data.items.length === 1 ? "delivery" : "deliveries"} on this page, newest first`}
                previousHref={cursor ? webhookPath(orgId, webhook.id) : null}
                nextHref={view.deliveries.data.next_cursor ? webhookPath(orgId, webhook.id, view.deliveries.data.next_cursor) : null}
              />
            </>
          )}
        </section>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Sends</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            <ul className="space-y-1" aria-label="Event types sent">
              {webhook.types.map((type) => (
                <li key={type}>{eventTypeLabel(type)}</li>
              ))}
            </ul>
            <p className="text-xs text-muted-foreground" title={exactTime(webhook.created_at)}>
              Added <RelativeTime at={webhook.created_at} now={now} />
            </p>
            <IdDetails items={[{ label: "Webhook id", value: webhook.id }]} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
