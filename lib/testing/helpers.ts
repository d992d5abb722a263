import { expect } from "vitest";
import type { TestApp } from "./app";

let sequence = 0;

/** A number no other contact of the run uses. */
export function uniqueNumber(): string {
  sequence += 1;
  return `+9170${String(process.pid % 1000).padStart(3, "0")}${String(sequence).padStart(5, "0")}`;
}

/** Creates a contact of org A through the API (a fresh number unless one is given). */
export async function newContact(
  app: TestApp,
  fields: { phone_number?: string; first_name?: string; last_name?: string; orgId?: string; token?: string } = {},
): Promise<{ id: string; crm_id: string; phone_number: string }> {
  sequence += 1;
  const answer = await app.call("POST", `/v2/org/${fields.orgId ?? "org_a"}/contact`, {
    token: fields.token,
    body: {
      crm_id: `T-${process.pid}-${sequence}`,
      phone_number: fields.phone_number ?? uniqueNumber(),
      first_name: fields.first_name ?? "Test",
      last_name: fields.last_name ?? `Lead${sequence}`,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

export async function createRoom(app: TestApp, body: Record<string, unknown>, orgId = "org_a") {
  return app.call("POST", `/v3/org/${orgId}/lead/chatroom`, { body });
}

export async function detail(app: TestApp, chatroomId: string, orgId = "org_a") {
  const answer = await app.call("GET", `/v1/org/${orgId}/chatrooms/${chatroomId}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

export const DAY = 24 * 60 * 60 * 1000;
