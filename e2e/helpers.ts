import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Cookie, type Page } from "@playwright/test";

export const people = {
  admin: { email: "ada@acme.example", password: "demo-password-ada" },
  member: { email: "max@acme.example", password: "demo-password-max" },
  partner: { email: "pat@north.example", password: "demo-password-pat" },
  loneParter: { email: "sue@south.example", password: "demo-password-sue" },
  support: { email: "sam@support.example", password: "demo-password-sam" },
  globexAdmin: { email: "gina@globex.example", password: "demo-password-gina" },
};

export const ADMIN_TOKEN = "demo-token-ada-admin-acme-0000000000";

/** The session cookies each person got from the sign-in form, to sign in again without it (it hashes a password). */
const sessionCookies = new Map<string, Cookie[]>();

/**
 * Signs the page's context in as the person: with the cookies of an earlier sign-in when the landing page
 * still takes them (not signed out, not revoked), else through the form. `fresh` always uses the form, for a
 * test that needs a session of its own.
 */
export async function signIn(page: Page, person: { email: string; password: string }, options: { fresh?: boolean } = {}) {
  const kept = options.fresh ? undefined : sessionCookies.get(person.email);
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto("/");
    if (!new URL(page.url()).pathname.startsWith("/signin")) return;
    sessionCookies.delete(person.email);
  }
  await signInThroughForm(page, person);
  sessionCookies.set(person.email, await page.context().cookies());
}

async function signInThroughForm(page: Page, person: { email: string; password: string }) {
  await page.goto("/signin");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** No serious or critical accessibility violation on the page as it is. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(bad.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

let sequence = 0;
/** A phone number no demo contact uses, different on every call. */
export function freshPhone(): string {
  sequence += 1;
  return `+4478${String(Date.now() % 1_000_000).padStart(6, "0")}${String(sequence).padStart(2, "0")}`;
}

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

export async function createContact(request: APIRequestContext, fields: { crm_id: string; phone_number: string; first_name: string; last_name?: string }) {
  const response = await request.post("/v2/org/org_acme/contact", { headers: auth, data: { last_name: "Test", ...fields } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { id: string };
}

export async function apiCreateChatroom(request: APIRequestContext, body: Record<string, unknown>) {
  const response = await request.post("/v3/org/org_acme/lead/chatroom", { headers: auth, data: body });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { chatroom_id: string };
}

export async function apiDeactivate(request: APIRequestContext, chatroomId: string) {
  const response = await request.put(`/v1/org/org_acme/contacts/chatroom/${chatroomId}/deactivate`, { headers: auth, data: { deactivation_reason: "OTHER" } });
  expect(response.status(), await response.text()).toBe(200);
}

export async function apiChatroom(request: APIRequestContext, chatroomId: string) {
  const response = await request.get(`/v1/org/org_acme/chatrooms/${chatroomId}`, { headers: auth });
  expect(response.status()).toBe(200);
  return (await response.json()) as { status: string; members: { user_id: string }[]; pending_assignment: unknown; remote_phone_id: string; deactivation_reason: string | null };
}

export async function apiChatroomsOfContact(request: APIRequestContext, contactId: string) {
  const response = await request.get(`/v1/org/org_acme/chatrooms?contact_id=${contactId}`, { headers: auth });
  return ((await response.json()) as { items: { chatroom_id: string; status: string; remote_phone_id: string }[] }).items;
}

let contactSequence = 0;
export function uniqueCrmId(prefix: string): string {
  contactSequence += 1;
  return `${prefix}-${Date.now().toString(36)}-${contactSequence}`;
}

/** Picks a contact in the create form by its CRM id. */
export async function chooseContact(page: Page, crmId: string) {
  await page.getByLabel("Search by name, CRM id or phone").fill(crmId);
  await page.getByRole("option", { name: new RegExp(crmId) }).click();
  await expect(page.getByTestId("chosen-contact")).toContainText(crmId);
}

/** Chooses an option of one of the dashboard's comboboxes or selects (Radix, cmdk) by the control's label. */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole("combobox", { name: label, exact: typeof label === "string" }).click();
  await page.getByRole("option", { name: option }).first().click();
}

export async function expectToast(page: Page, text: string) {
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: text }).first()).toBeVisible();
}
