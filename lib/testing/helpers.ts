import { expect } from "vitest";
import type { OrgConfig } from "@/lib/orgs/schemas";
import { provision } from "@/lib/provision/load";
import type { TestApp } from "./app";
import { tokens } from "./fixture";

/** An org a test calls the API in, with an ADMIN key of it. */
export interface OrgAccess {
  id: string;
  token: string;
}

/** The fixture's org A, with its admin's key: the default of the helpers below. */
const ORG_A: OrgAccess = { id: "org_a", token: tokens.adminA };

let sequence = 0;

/** A number no other contact of the run uses. */
export function uniqueNumber(): string {
  sequence += 1;
  return `+9170${String(process.pid % 1000).padStart(3, "0")}${String(sequence).padStart(5, "0")}`;
}

/** Creates a contact through the API, in org A unless another is given (a fresh number unless one is given). */
export async function newContact(
  app: TestApp,
  fields: { phone_number?: string; first_name?: string; last_name?: string } = {},
  org: OrgAccess = ORG_A,
): Promise<{ id: string; crm_id: string; phone_number: string }> {
  sequence += 1;
  const answer = await app.call("POST", `/v2/org/${org.id}/contact`, {
    token: org.token,
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

export async function createRoom(app: TestApp, body: Record<string, unknown>, org: OrgAccess = ORG_A) {
  return app.call("POST", `/v3/org/${org.id}/lead/chatroom`, { body, token: org.token });
}

export async function detail(app: TestApp, chatroomId: string, org: OrgAccess = ORG_A) {
  const answer = await app.call("GET", `/v1/org/${org.id}/chatrooms/${chatroomId}`, { token: org.token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

export const DAY = 24 * 60 * 60 * 1000;

export interface TestOrg extends OrgAccess {
  /** The ids of the phones, WABAs, users and groups named in the shape, by name. */
  phone: Record<string, string>;
  waba: Record<string, string>;
  user: Record<string, string>;
  group: Record<string, string>;
}

let orgSequence = 0;

/**
 * Provisions an org of the test's own, so that a rule test depends on no other test's rooms, picks or
 * config. `wabas` lists each WABA's phones in position order; ids are `<kind>_<unique>_<name>`, so they
 * sort as the names do (a test can make id order and position order disagree). Users are active MEMBERs
 * unless listed in `disabled`; the org also gets an ADMIN with an API key, used by the helpers above.
 */
export async function newOrg(
  app: TestApp,
  shape: { wabas?: Record<string, string[]>; users?: string[]; disabled?: string[]; groups?: Record<string, string[]>; config?: Partial<OrgConfig> } = {},
): Promise<TestOrg> {
  orgSequence += 1;
  const unique = `${process.pid}_${orgSequence}`;
  const id = (kind: string, name: string) => `${kind}_${unique}_${name}`;
  const names = (list: string[], kind: string) => Object.fromEntries(list.map((name) => [name, id(kind, name)]));
  const wabas = shape.wabas ?? { main: ["first", "second"] };
  const users = [...(shape.users ?? []), ...(shape.disabled ?? [])];
  const org: TestOrg = {
    id: id("org", "t"),
    token: `test-token-org-${unique}-`.padEnd(40, "0"),
    phone: names(Object.values(wabas).flat(), "ph"),
    waba: names(Object.keys(wabas), "waba"),
    user: names(users, "u"),
    group: names(Object.keys(shape.groups ?? {}), "g"),
  };
  const admin = id("u", "admin");
  await provision(
    app.database.db,
    {
      orgs: [
        {
          id: org.id,
          name: `Test org ${unique}`,
          config: shape.config ?? {},
          wabas: Object.entries(wabas).map(([waba, phones]) => ({
            remote_waba_id: org.waba[waba],
            name: waba,
            matrix_host_name: "matrix.test.example",
            phones: phones.map((phone, index) => ({ remote_phone_id: org.phone[phone], display_phone_number: `+1555${unique.replace("_", "")}${index}` })),
          })),
          users: [
            { id: admin, email: `admin-${unique}@test.example`, name: "Admin", role: "ADMIN" },
            ...users.map((user) => ({
              id: org.user[user],
              email: `${user}-${unique}@test.example`,
              name: user,
              role: "MEMBER",
              active: !(shape.disabled ?? []).includes(user),
            })),
          ],
          groups: Object.entries(shape.groups ?? {}).map(([group, members]) => ({
            id: org.group[group],
            name: group,
            members: members.map((member) => org.user[member]),
          })),
        },
      ],
      api_keys: [{ id: id("k", "admin"), token: org.token, user: admin }],
    },
    app.clock,
  );
  return org;
}

/**
 * Runs `body` with the app's clock frozen at `at`, so that a request lands exactly on a deadline (R1, R2,
 * R5 boundaries), and lets the clock tick on afterwards, whatever happened.
 */
export async function withFrozenClock<T>(app: TestApp, at: Date, body: () => Promise<T>): Promise<T> {
  app.clock.setFrozen(true);
  app.clock.set(at);
  try {
    return await body();
  } finally {
    app.clock.setFrozen(false);
  }
}
