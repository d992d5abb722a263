import { CircleCheck, CircleX, Hourglass, OctagonAlert, Pause } from "lucide-react";
import type { Delivery, Webhook } from "@/lib/dashboard/api/schemas";
import { deliveryStatusLabel, webhookState, webhookStateLabel } from "@/lib/dashboard/ui/webhooks";
import { Badge } from "./ui/badge";

const stateLook = {
  active: { tone: "success", Icon: CircleCheck },
  paused: { tone: "neutral", Icon: Pause },
  failing: { tone: "warning", Icon: OctagonAlert },
  disabled_failing: { tone: "danger", Icon: CircleX },
} as const;

/** A subscription's state in words with an icon (colour is never the only carrier). */
export function WebhookStateBadge({ webhook }: { webhook: Webhook }) {
  const state = webhookState(webhook);
  const { tone, Icon } = stateLook[state];
  return (
    <Badge tone={tone} data-testid="webhook-state" data-state={state}>
      <Icon aria-hidden="true" />
      {webhookStateLabel[state]}
    </Badge>
  );
}

const deliveryLook = {
  pending: { tone: "info", Icon: Hourglass },
  succeeded: { tone: "success", Icon: CircleCheck },
  failed: { tone: "danger", Icon: CircleX },
} as const;

export function DeliveryStatusBadge({ status }: { status: Delivery["status"] }) {
  const { tone, Icon } = deliveryLook[status];
  return (
    <Badge tone={tone} data-testid="delivery-status" data-status={status}>
      <Icon aria-hidden="true" />
      {deliveryStatusLabel[status]}
    </Badge>
  );
}
