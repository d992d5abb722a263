"use client";

import { Pause, Play, RotateCw, Send, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteWebhookAction, pingWebhookAction, redeliverAction, setWebhookEnabledAction } from "@/app/(dashboard)/actions";
import { webhooksPath } from "@/lib/dashboard/ui/paths";
import { deliveryOutcome } from "@/lib/dashboard/ui/webhooks";
import { runAction } from "./run-action";
import { Button } from "./ui/button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "./ui/dialog";
import { notify } from "./ui/toaster";
import { useHydrated } from "./use-hydrated";

/** Send a test ping, pause or resume, delete: each tells how it went and refreshes the page's deliveries. */
export function WebhookActions({ orgId, webhookId, enabled, url }: { orgId: string; webhookId: string; enabled: boolean; url: string }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [busy, setBusy] = useState<"ping" | "toggle" | null>(null);
  const [confirming, setConfirming] = useState(false);
  async function ping() {
    setBusy("ping");
    await runAction(() => pingWebhookAction(orgId, webhookId), {
      ok: (delivery) => {
        if (delivery.status === "succeeded") notify.success(`Test ping delivered. ${deliveryOutcome(delivery)}.`);
        else notify.failure("The test ping was not accepted.", `${deliveryOutcome(delivery)}.`);
        router.refresh();
      },
    });
    setBusy(null);
  }
  async function toggle() {
    setBusy("toggle");
    await runAction(() => setWebhookEnabledAction(orgId, webhookId, { enabled: !enabled }), {
      ok: () => {
        notify.success(enabled ? "Webhook paused: no events are sent until you resume it." : "Webhook resumed: events from now on are sent.");
        router.refresh();
      },
    });
    setBusy(null);
  }
  async function remove() {
    await runAction(() => deleteWebhookAction(orgId, webhookId), {
      ok: () => {
        notify.success("Webhook deleted.");
        router.push(webhooksPath(orgId));
      },
    });
  }
  return (
    <div role="group" aria-label="Webhook actions" className="flex flex-wrap gap-2" data-hydrated={hydrated ? "true" : undefined}>
      <Button variant="secondary" onClick={ping} disabled={!hydrated || busy !== null}>
        <Send aria-hidden="true" /> {busy === "ping" ? "Sending…" : "Send a test ping"}
      </Button>
      <Button variant="secondary" onClick={toggle} disabled={!hydrated || busy !== null}>
        {enabled ? <Pause aria-hidden="true" /> : <Play aria-hidden="true" />} {enabled ? "Pause" : "Resume"}
      </Button>
      <Dialog open={confirming} onOpenChange={setConfirming}>
        <DialogTrigger asChild>
          <Button variant="secondary" disabled={!hydrated || busy !== null}>
            <Trash2 aria-hidden="true" /> Delete
          </Button>
        </DialogTrigger>
        <DialogContent title="Delete this webhook?" description={<span className="break-all">{url}</span>}>
          <p className="text-sm">It stops receiving events at once, and its delivery records are deleted with it.</p>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button variant="danger" onClick={remove}>
              Delete webhook
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

/** Queues a delivery's event again, as a new delivery in its chatroom's order. */
export function RedeliverButton({ orgId, webhookId, deliveryId }: { orgId: string; webhookId: string; deliveryId: string }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={!hydrated || busy}
      onClick={async () => {
        setBusy(true);
        await runAction(() => redeliverAction(orgId, webhookId, deliveryId), {
          ok: () => {
            notify.success("Queued again: it is sent within a few seconds.");
            router.refresh();
          },
        });
        setBusy(false);
      }}
    >
      <RotateCw aria-hidden="true" /> Redeliver
    </Button>
  );
}
