import type { EventType } from "@/lib/events/schemas";
import type { Delivery, Webhook } from "@/lib/dashboard/api/schemas";

/** The event types in words, grouped as the add form shows them. */
export const eventTypeGroups: { title: string; types: { type: EventType; label: string }[] }[] = [
  {
    title: "Chatrooms",
    types: [
      { type: "chatroom.created", label: "Created" },
      { type: "chatroom.reassigned", label: "Reassigned" },
      { type: "chatroom.deactivated", label: "Deactivated" },
      { type: "chatroom.activated", label: "Activated" },
      { type: "chatroom.lapsed", label: "Closed by inactivity or expiry" },
      { type: "chatroom.handover_completed", label: "Handover completed" },
      { type: "chatroom.handover_failed", label: "Handover failed" },
      { type: "chatroom.renamed", label: "Contact renamed" },
    ],
  },
  {
    title: "Messages",
    types: [
      { type: "message.received", label: "Received from a lead" },
      { type: "message.sent", label: "Sent by the team" },
    ],
  },
  {
    title: "The org",
    types: [
      { type: "conflict.recorded", label: "Conflict recorded" },
      { type: "config.updated", label: "Settings changed" },
      { type: "contact.created", label: "Contact created" },
      { type: "contact.updated", label: "Contact changed" },
    ],
  },
  {
    title: "Webhooks",
    types: [
      { type: "webhook.created", label: "Webhook added" },
      { type: "webhook.updated", label: "Webhook changed" },
      { type: "webhook.deleted", label: "Webhook deleted" },
    ],
  },
];

const labelOf = new Map<string, string>(eventTypeGroups.flatMap((group) => group.types.map(({ type, label }) => [type, `${group.title}: ${label.toLowerCase()}`])));

/** An event type as a person reads it; a ping (the test) and an unknown type say what they are. */
export function eventTypeLabel(type: string): string {
  if (type === "ping") return "Test ping";
  return labelOf.get(type) ?? type;
}

export type WebhookState = "active" | "paused" | "failing" | "disabled_failing";

/** Where a subscription stands: sending, paused by an admin, failing now, or disabled after 3 days of failures. */
export function webhookState(webhook: Webhook): WebhookState {
  if (!webhook.enabled) return webhook.disabled_reason === "failing" ? "disabled_failing" : "paused";
  return webhook.failing_since ? "failing" : "active";
}

export const webhookStateLabel: Record<WebhookState, string> = {
  active: "Active",
  paused: "Paused",
  failing: "Failing",
  disabled_failing: "Disabled: failed for 3 days",
};

export const deliveryStatusLabel: Record<Delivery["status"], string> = { pending: "Pending", succeeded: "Delivered", failed: "Failed" };

/** What the receiver answered, in words: its status and latency, or why there was no answer. */
export function deliveryOutcome(delivery: Delivery): string {
  if (delivery.response_status !== null) {
    const latency = delivery.response_latency_ms === null ? "" : ` in ${delivery.response_latency_ms} ms`;
    return `Answered HTTP ${delivery.response_status}${latency}`;
  }
  if (delivery.error) return `No answer: ${delivery.error}`;
  return delivery.attempts === 0 ? "Not tried yet" : "No answer";
}
