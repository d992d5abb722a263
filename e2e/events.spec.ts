import { expect, test, type Page } from "@playwright/test";
import { apiCreateChatroom, createContact, freshPhone, people, signIn, uniqueCrmId } from "./helpers";

interface SeenEvent {
  id: string;
  type: string;
  chatroom_id: string | null;
  data: { id?: string; contact_id?: string };
}

interface LiveWindow {
  seen: SeenEvent[];
  source: EventSource;
}

/** Opens an EventSource on the dashboard's relay of the org's events, inside the page. */
async function listen(page: Page, query = "") {
  await page.evaluate((path) => {
    const live = window as unknown as LiveWindow;
    live.seen = [];
    live.source = new EventSource(path);
    live.source.onmessage = (message) => live.seen.push(JSON.parse(message.data));
  }, `/data/orgs/org_acme/events${query}`);
  await expect.poll(() => page.evaluate(() => (window as unknown as LiveWindow).source.readyState)).toBe(1); // OPEN
}

/** What the page received about one contact (other work on the demo server, such as the sweeper, may add more). */
const seenAbout = async (page: Page, contactId: string) =>
  (await page.evaluate(() => (window as unknown as LiveWindow).seen)).filter(
    (event) => event.data.id === contactId || event.data.contact_id === contactId,
  );

test("the dashboard relays the org's events live to a signed-in person, resumable, without the key", async ({ page, request }) => {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (response.url().includes("/data/orgs/org_acme/events")) bodies.push(JSON.stringify(await response.allHeaders()));
  });
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms");
  await listen(page);

  const contact = await createContact(request, { crm_id: uniqueCrmId("LIVE"), phone_number: freshPhone(), first_name: "Live" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  await expect.poll(async () => (await seenAbout(page, contact.id)).map((event) => event.type)).toEqual(["contact.created", "chatroom.created"]);
  const [, created] = await seenAbout(page, contact.id);
  expect(created!.chatroom_id).toBe(room.chatroom_id);

  // Closed, a change happens, reopened after the last event seen: the change arrives, nothing twice.
  await page.evaluate(() => (window as unknown as LiveWindow).source.close());
  const later = await createContact(request, { crm_id: uniqueCrmId("LIVE"), phone_number: freshPhone(), first_name: "Later" });
  await listen(page, `?after=${created!.id}`);
  await expect.poll(async () => (await seenAbout(page, later.id)).map((event) => event.type)).toEqual(["contact.created"]);
  expect(await seenAbout(page, contact.id)).toEqual([]);

  for (const headers of bodies) expect(headers).not.toMatch(/demo-token|sbk_|authorization/i);
});

test("the relay refuses someone not signed in, and a person who may not see the org", async ({ page, request }) => {
  const anonymous = await request.get("/data/orgs/org_acme/events");
  expect(anonymous.status()).toBe(401);
  await signIn(page, people.globexAdmin);
  const elsewhere = await page.request.get("/data/orgs/org_acme/events");
  expect(elsewhere.status()).toBe(404);
});
