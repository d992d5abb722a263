import "server-only";
import { canPerform, type Person } from "@/lib/dashboard/session/access";
import { apiFor } from "@/lib/dashboard/api/client";
import type { Delivery, Webhook } from "@/lib/dashboard/api/schemas";
import { sectionOf, type Section } from "@/lib/dashboard/api/sections";

/**
 * How many of the org's subscriptions were turned off for failing 3 days, for the notice on every org page.
 * Only people who manage webhooks are asked about (and told of) them; a failed read is no notice.
 */
export async function disabledWebhooksOf(person: Person, orgId: string): Promise<number> {
  if (!canPerform(person, "org.webhooks")) return 0;
  const result = await apiFor(person)("listWebhooks", { params: { orgId } });
  return result.ok ? result.data.items.filter((webhook) => webhook.disabled_reason === "failing").length : 0;
}

export interface WebhookView {
  webhook: Section<Webhook>;
  deliveries: Section<{ items: Delivery[]; next_cursor: string | null }>;
}

/** One subscription and a page of its deliveries, newest first; null when the org has no such subscription. */
export async function loadWebhookView(person: Person, orgId: string, webhookId: string, cursor: string | undefined): Promise<WebhookView | null> {
  const api = apiFor(person);
  const [webhook, deliveries] = await Promise.all([
    api("getWebhook", { params: { orgId, webhookId } }),
    api("listDeliveries", { params: { orgId, webhookId }, query: { limit: 50, cursor } }),
  ]);
  if (!webhook.ok && webhook.error.status === 404 && !webhook.error.missing) return null;
  return { webhook: sectionOf(webhook), deliveries: sectionOf(deliveries) };
}
