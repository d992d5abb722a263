import { describe, expect, it } from "vitest";
import type { AuditEvent, ChatroomDetail } from "@/lib/dashboard/api/schemas";
import { createWarning } from "@/lib/dashboard/ui/create-warning";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";
import { explain, fieldErrorsOfSubject } from "@/lib/dashboard/ui/messages";
import { phoneLabel, roomContactName, type Directory } from "@/lib/dashboard/ui/names";
import { deadlinesWarning } from "@/lib/dashboard/ui/settings-warning";
import { buildTimeline, type ActionRecordEntry } from "@/lib/dashboard/ui/timeline";

const nbsp = (text: string) => text.replace(/ /g, "\u00a0");

const directory: Directory = {
  users: [
    { id: "u_lin", email: "lin@x", name: "Lin Seller", role: "MEMBER", active: true },
    { id: "u_ada", email: "ada@x", name: "Ada Admin", role: "ADMIN", active: true },
  ],
  groups: [
    { id: "g_sales", name: "Sales", members: ["u_lin"] },
    { id: "g_night", name: "Night shift", members: [] },
  ],
  wabas: [
    {
      remote_waba_id: "waba_sales",
      name: "Acme Sales",
      matrix_host_name: "m",
      phones: [
        { remote_phone_id: "ph_1", display_phone_number: "+15550100001", position: 0 },
        { remote_phone_id: "ph_2", display_phone_number: "+15550100002", position: 1 },
      ],
    },
    { remote_waba_id: "waba_service", name: "Acme Service", matrix_host_name: "m", phones: [{ remote_phone_id: "ph_3", display_phone_number: "+15550100003", position: 2 }] },
  ],
};

describe("names instead of ids", () => {
  it("spaces phone numbers for reading, never across a line break", () => {
    expect(formatPhoneNumber("+15550100002")).toBe(nbsp("+1 555 010 0002"));
    expect(formatPhoneNumber("+919800000000")).toBe(nbsp("+91 980 000 0000"));
    expect(formatPhoneNumber("+447800000001")).toBe(nbsp("+44 780 000 0001"));
    expect(formatPhoneNumber("+35312345678")).toBe(nbsp("+353 1234 5678"));
    expect(formatPhoneNumber("not a number")).toBe("not a number");
  });

  it("names a WABA phone by its number and its WABA", () => {
    expect(phoneLabel(directory, "ph_2")).toBe(`${nbsp("+1 555 010 0002")} · Acme Sales`);
    expect(phoneLabel(directory, "ph_gone")).toBe("a phone no longer in this org");
  });

  it("R13: reads the contact's name out of a chatroom named from the contact", () => {
    expect(roomContactName({ display_name: "ACME-1000 Ravi Kumar", crm_id: "ACME-1000" })).toBe("Ravi Kumar");
    expect(roomContactName({ display_name: "ACME-1000", crm_id: "ACME-1000" })).toBe("ACME-1000");
    expect(roomContactName({ display_name: "VIP lead", crm_id: "ACME-1000" })).toBe("VIP lead");
  });
});

const event = (fields: Partial<AuditEvent>): AuditEvent => ({
  id: "1",
  chatroom_id: "cr_1",
  action: "chatroom.reassigned",
  actor: { type: "console", id: null, on_behalf_of: "acc_ada" },
  impersonator: null,
  channel: "console",
  note: null,
  request_id: "req_1",
  bulk_id: null,
  changes: {},
  details: null,
  at: "2026-12-01T10:00:00.000Z",
  ...fields,
});

const record = (fields: Partial<ActionRecordEntry>): ActionRecordEntry => ({
  id: "7",
  accountId: "acc_ada",
  action: "chatroom.reassign",
  note: "lead asked for Sales",
  status: 200,
  outcome: "OK",
  requestId: "req_1",
  at: "2026-12-01T10:00:00.000Z",
  ...fields,
});

const context = { directory, accountNames: new Map([["acc_ada", "Ada Admin"]]), config: { inactivity_days: 7, expiry_days: 30 } };

describe("one timeline per chatroom", () => {
  it("R24: the API's event and the dashboard's record of one request are one entry, a sentence with the field changes in words", () => {
    const entries = buildTimeline(
      [
        event({
          note: "lead asked for Sales",
          changes: {
            members: { before: ["u_lin"], after: [] },
            pending_assignment: { before: null, after: { assign_mode: "GROUP", user_id: null, group_id: "g_sales" } },
          },
        }),
      ],
      [record({})],
      context,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: "Ada Admin",
      sentence: "Ada Admin reassigned it to Sales, on handover",
      note: "lead asked for Sales",
      refused: false,
      changes: [
        { label: "Assignee", before: "Lin Seller", after: "nobody" },
        { label: "Handover assignment", before: "none", after: "Sales, on handover" },
      ],
    });
  });

  it("R2: a system deactivation says why, with the org's inactivity period", () => {
    const [entry] = buildTimeline(
      [event({ action: "chatroom.deactivated", actor: { type: "system", id: null, on_behalf_of: null }, request_id: null, changes: { deactivation_reason: { before: null, after: "INACTIVITY" } } })],
      [],
      context,
    );
    expect(entry).toMatchObject({ sentence: "Deactivated: no activity for 7 days", system: true });
  });

  it("a refused attempt stands on its own, in words, without error codes", () => {
    const [entry] = buildTimeline([], [record({ status: 409, outcome: "CHATROOM_EXPIRED", requestId: "req_2", action: "chatroom.deactivate" })], context);
    expect(entry!.sentence).toBe("Ada Admin tried to deactivate it: this chatroom has expired, and expiry is final");
    expect(entry!.refused).toBe(true);
  });
});

describe("every message a person reads is a sentence", () => {
  it("no message of the catalogue names an error code or a parameter", () => {
    for (const name of ["VALIDATION_FAILED", "ACTIVE_CHATROOM_EXISTS", "NO_ASSIGNABLE_USER", "SOMETHING_NEW"]) {
      const { title, hint } = explain(name);
      expect(`${title} ${hint}`).not.toMatch(/[A-Z]{3,}_|_[a-z]+|payload|force_deactivate/);
    }
  });

  it("R18: an empty group's refusal lands on the group field, saying what to do", () => {
    const names = { user: () => "Former Agent", group: () => "Night shift" };
    expect(fieldErrorsOfSubject({ name: "NO_ASSIGNABLE_USER", subject: { groupId: "g_night" } }, names)).toEqual({
      group_id: "Night shift has no active member to assign. Choose another group, or a user.",
    });
    expect(fieldErrorsOfSubject({ name: "NOT_FOUND", subject: { kind: "waba_phone" } }, names)).toHaveProperty("remote_phone_id");
  });
});

const active = {
  chatroom_id: "cr_1",
  display_name: "ACME-1 Ravi Kumar",
  crm_id: "ACME-1",
  phone_number: "+919800000000",
  remote_phone_id: "ph_1",
  members: [{ user_id: "u_lin", granted_at: "2026-12-01T10:00:00.000Z" }],
  pending_assignment: null,
} as unknown as ChatroomDetail;

describe("the create form's warning (R8, R9)", () => {
  it("says the existing chatroom opens, a create on another phone is refused, and force replaces it", () => {
    expect(createWarning(active, { remoteWabaId: "", remotePhoneId: "", force: false }, directory)).toMatchObject({
      outcome: "opened",
      title: `Ravi Kumar already has an active chatroom on ${nbsp("+1 555 010 0001")} · Acme Sales, assigned to Lin Seller.`,
    });
    expect(createWarning(active, { remoteWabaId: "", remotePhoneId: "ph_2", force: false }, directory).outcome).toBe("refused");
    expect(createWarning(active, { remoteWabaId: "waba_service", remotePhoneId: "", force: false }, directory).outcome).toBe("refused");
    expect(createWarning(active, { remoteWabaId: "waba_sales", remotePhoneId: "", force: false }, directory).outcome).toBe("opened");
    expect(createWarning(active, { remoteWabaId: "", remotePhoneId: "ph_2", force: true }, directory).outcome).toBe("replaced");
  });
});

describe("settings warn about deadlines that cannot both work", () => {
  it("R2: inactivity at least as long as expiry never deactivates anything, and says so", () => {
    expect(deadlinesWarning(40, 5)).toMatch(/expire after 5 days, before 40 days without a message can pass/);
    expect(deadlinesWarning(7, 30)).toBeNull();
  });
});
