import { describe, expect, it } from "vitest";
import { concerns, parseLiveEvent, retryDelayMs, type LiveEvent } from "@/lib/dashboard/ui/live";

const event = (type: string, chatroomId: string | null, data: Record<string, unknown> | null = null): LiveEvent => ({ id: "e1", type, chatroom_id: chatroomId, data });

describe("live pages: which events refresh which page", () => {
  it("the chatroom list follows chatroom changes and messages of chatrooms, not config or webhooks", () => {
    const list = { kind: "chatrooms" } as const;
    expect(concerns(list, event("chatroom.created", "cr_1"))).toBe(true);
    expect(concerns(list, event("chatroom.lapsed", "cr_1"))).toBe(true);
    expect(concerns(list, event("message.received", "cr_1"))).toBe(true);
    expect(concerns(list, event("message.received", null))).toBe(false);
    expect(concerns(list, event("config.updated", null))).toBe(false);
    expect(concerns(list, event("webhook.updated", null))).toBe(false);
  });

  it("a chatroom page follows only its own chatroom", () => {
    const page = { kind: "chatroom", chatroomId: "cr_1" } as const;
    expect(concerns(page, event("chatroom.reassigned", "cr_1"))).toBe(true);
    expect(concerns(page, event("message.sent", "cr_1"))).toBe(true);
    expect(concerns(page, event("chatroom.reassigned", "cr_2"))).toBe(false);
  });

  it("a contact page follows the contact and its chatrooms", () => {
    const page = { kind: "contact", contactId: "c_1" } as const;
    expect(concerns(page, event("chatroom.created", "cr_1", { contact_id: "c_1" }))).toBe(true);
    expect(concerns(page, event("contact.updated", null, { id: "c_1" }))).toBe(true);
    expect(concerns(page, event("chatroom.created", "cr_2", { contact_id: "c_2" }))).toBe(false);
    expect(concerns(page, event("message.received", "cr_9", { id: "c_1" }))).toBe(false);
  });

  it("the conflicts page follows new conflicts and chatroom changes", () => {
    const page = { kind: "conflicts" } as const;
    expect(concerns(page, event("conflict.recorded", null))).toBe(true);
    expect(concerns(page, event("chatroom.deactivated", "cr_1"))).toBe(true);
    expect(concerns(page, event("message.received", "cr_1"))).toBe(false);
  });

  it("the overview follows chatroom changes, conflicts and config changes, not messages", () => {
    const page = { kind: "overview" } as const;
    expect(concerns(page, event("chatroom.created", "cr_1"))).toBe(true);
    expect(concerns(page, event("conflict.recorded", null))).toBe(true);
    expect(concerns(page, event("config.updated", null))).toBe(true);
    expect(concerns(page, event("message.received", "cr_1"))).toBe(false);
    expect(concerns(page, event("webhook.updated", null))).toBe(false);
  });

  it("only a well-formed event is read from a message", () => {
    expect(parseLiveEvent('{"id":"a","type":"chatroom.created","chatroom_id":"cr_1","data":{"contact_id":"c"}}')).toEqual({
      id: "a",
      type: "chatroom.created",
      chatroom_id: "cr_1",
      data: { contact_id: "c" },
    });
    expect(parseLiveEvent("not json")).toBeNull();
    expect(parseLiveEvent('{"type":"x"}')).toBeNull();
    expect(parseLiveEvent("null")).toBeNull();
  });

  it("reconnections back off from 2 s to at most 30 s", () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });
});
