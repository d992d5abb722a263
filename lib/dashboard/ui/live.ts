/**
 * Which of the org's events a live page cares about. The stream (relayed at /data/orgs/{orgId}/events)
 * already applies the person's visibility; this only picks what should refresh the page in view.
 */
export interface LiveEvent {
  id: string;
  type: string;
  chatroom_id: string | null;
  data: Record<string, unknown> | null;
}

export type LiveWatch =
  | { kind: "chatrooms" }
  | { kind: "chatroom"; chatroomId: string }
  | { kind: "contact"; contactId: string }
  | { kind: "conflicts" }
  | { kind: "overview" };

/** One SSE message's data as an event, or null when it is not one (a comment never reaches here). */
export function parseLiveEvent(text: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const event = value as Record<string, unknown>;
  if (typeof event.id !== "string" || typeof event.type !== "string") return null;
  return {
    id: event.id,
    type: event.type,
    chatroom_id: typeof event.chatroom_id === "string" ? event.chatroom_id : null,
    data: event.data && typeof event.data === "object" ? (event.data as Record<string, unknown>) : null,
  };
}

const isChatroomChange = (event: LiveEvent) => event.type.startsWith("chatroom.");

export function concerns(watch: LiveWatch, event: LiveEvent): boolean {
  switch (watch.kind) {
    case "chatrooms":
      // A message moves its chatroom's last activity, a column of the list.
      return isChatroomChange(event) || (event.type.startsWith("message.") && event.chatroom_id !== null);
    case "chatroom":
      return event.chatroom_id === watch.chatroomId;
    case "contact":
      return event.data?.contact_id === watch.contactId || (event.type.startsWith("contact.") && event.data?.id === watch.contactId);
    case "conflicts":
      return event.type === "conflict.recorded" || isChatroomChange(event);
    case "overview":
      // Its counts move with chatrooms and conflicts; a config change moves deadlines (R5), so "expiring soon".
      return isChatroomChange(event) || event.type === "conflict.recorded" || event.type === "config.updated";
    default:
      return false;
  }
}

/** Reconnection delays after the relay refused or failed: 2 s doubling to 30 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, failures - 1));
}
