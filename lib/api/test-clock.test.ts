import { describe, expect, it } from "vitest";
import { AdjustableClock, FixedClock } from "@/lib/clock";
import { useTestApp } from "@/lib/testing/app";
import { createRoom, detail, newContact } from "@/lib/testing/helpers";

const at = (iso: string) => new Date(iso);

describe("the adjustable clock", () => {
  it("ticks in real time from a value set, and holds it while frozen", () => {
    const wall = new FixedClock(at("2030-01-01T00:00:00.000Z"));
    const clock = new AdjustableClock(wall);
    expect(clock.now()).toEqual(at("2030-01-01T00:00:00.000Z"));
    clock.set(at("2031-06-01T12:00:00.000Z"));
    wall.advance(5_000);
    expect(clock.now()).toEqual(at("2031-06-01T12:00:05.000Z"));

    clock.setFrozen(true);
    wall.advance(60_000);
    expect(clock.now()).toEqual(at("2031-06-01T12:00:05.000Z"));
    expect(clock.advance(-5_000)).toEqual(at("2031-06-01T12:00:00.000Z"));
    wall.advance(60_000);
    expect(clock.now()).toEqual(at("2031-06-01T12:00:00.000Z"));

    clock.setFrozen(false);
    wall.advance(1_000);
    expect(clock.now()).toEqual(at("2031-06-01T12:00:01.000Z"));
  });

  it("refuses a move outside its range and keeps its time", () => {
    const clock = new AdjustableClock(new FixedClock(at("2030-01-01T00:00:00.000Z")));
    expect(() => clock.advance(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    expect(() => clock.set(at("1969-12-31T23:59:59.999Z"))).toThrow(RangeError);
    expect(() => clock.set(at("9000-01-01T00:00:00.000Z"))).toThrow(RangeError);
    expect(clock.now()).toEqual(at("2030-01-01T00:00:00.000Z"));
    expect(clock.set(at("8999-12-31T23:59:59.999Z"))).toEqual(at("8999-12-31T23:59:59.999Z"));
    expect(clock.set(at("1970-01-01T00:00:00.000Z"))).toEqual(at("1970-01-01T00:00:00.000Z"));
  });
});

describe("GET and PUT /__test__/clock", () => {
  const app = useTestApp();
  const putClock = (body: unknown) => app.call("PUT", "/__test__/clock", { body, token: null });

  it("frozen: a set time is kept until told, exactly, and the domain reads it", async () => {
    try {
      const frozen = await putClock({ now: "2031-03-04T05:06:07.089Z", frozen: true });
      expect(frozen.status).toBe(200);
      expect(frozen.body).toEqual({ now: "2031-03-04T05:06:07.089Z", frozen: true });
      expect((await app.call("GET", "/__test__/clock", { token: null })).body).toEqual({ now: "2031-03-04T05:06:07.089Z", frozen: true });
      const lead = await newContact(app);
      const room = (await createRoom(app, { lead_id: lead.id })).body;
      expect((await detail(app, room.chatroom_id)).created_at).toBe("2031-03-04T05:06:07.089Z");

      // Moving a frozen clock keeps it frozen.
      expect((await putClock({ advance_ms: 1_000 })).body).toEqual({ now: "2031-03-04T05:06:08.089Z", frozen: true });
      expect((await putClock({ now: "2031-03-05T00:00:00+02:00" })).body).toEqual({ now: "2031-03-04T22:00:00.000Z", frozen: true });
    } finally {
      await putClock({ frozen: false });
    }
    const ticking = await app.call("GET", "/__test__/clock", { token: null });
    expect(ticking.body.frozen).toBe(false);
    const elapsed = new Date(ticking.body.now).getTime() - at("2031-03-04T22:00:00.000Z").getTime();
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThan(60_000);
  });

  it("by default a set time keeps ticking (the default mode)", async () => {
    const set = await putClock({ now: "2032-01-01T00:00:00.000Z" });
    expect(set.body.frozen).toBe(false);
    const advanced = await putClock({ advance_ms: 86_400_000 });
    expect(advanced.body.frozen).toBe(false);
    expect(new Date(advanced.body.now).getTime()).toBeGreaterThanOrEqual(at("2032-01-02T00:00:00.000Z").getTime());
  });

  it("a move out of range is a 400 in the error format; the clock and every later request are unharmed", async () => {
    const before = (await putClock({ now: "2033-01-01T00:00:00.000Z", frozen: true })).body;
    try {
      for (const [body, path] of [
        [{ advance_ms: 9007199254740991 }, "body.advance_ms"],
        [{ advance_ms: -9007199254740991 }, "body.advance_ms"],
        [{ now: "9999-12-31T23:59:59.999Z" }, "body.now"],
        [{ now: "1969-12-31T23:59:59.999Z", frozen: false }, "body.now"],
      ] as const) {
        const refused = await putClock(body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.body).toMatchObject({ error_code: 4000001, error_message: "VALIDATION_FAILED", payload: { issues: [{ path }] } });
        expect(refused.body.error_description).toContain("1970-01-01T00:00:00.000Z");
        expect(refused.headers.get("x-request-id")).toMatch(/^req_/);
      }
      for (const body of [{}, { now: "2033-01-01T00:00:00.000Z", advance_ms: 1 }, { advance_ms: 1.5 }, { frozen: "yes" }, { at: "2033-01-01" }]) {
        expect((await putClock(body)).status, JSON.stringify(body)).toBe(400);
      }
      expect((await app.call("PUT", "/__test__/clock", { rawBody: "{", headers: { "content-type": "application/json" }, token: null })).body.error_message).toBe(
        "MALFORMED_JSON",
      );
      expect((await app.call("GET", "/__test__/clock", { token: null })).body).toEqual(before);
      const lead = await newContact(app);
      const created = await createRoom(app, { lead_id: lead.id });
      expect(created.status).toBe(200);
      expect((await detail(app, created.body.chatroom_id)).created_at).toBe(before.now);
    } finally {
      await putClock({ frozen: false });
    }
  });
});
