import { describe, expect, it } from "vitest";
import { retriesOpenChatroomViolation } from "./service";

/**
 * When a create or an activation runs again: a concurrent change of a contact's number can make its insert or
 * update violate an open-chatroom unique index (I1, I2), and the rerun answers as the sequential path would.
 * The concurrency tests reach this on PostgreSQL only; here the decision itself, on the errors' shapes.
 */
describe("retriesOpenChatroomViolation (I1, I2)", () => {
  const violation = (constraint: string, code = "23505") => Object.assign(new Error("duplicate key"), { code, constraint });

  it("I1, I2: a violation of either open-chatroom index is retried three times, then thrown", () => {
    for (const index of ["chatrooms_open_per_phone_idx", "chatrooms_open_per_contact_idx"]) {
      expect([0, 1, 2, 3].map((attempt) => retriesOpenChatroomViolation(violation(index), attempt))).toEqual([true, true, true, false]);
    }
  });

  it("I1, I2: the driver's error is found as the cause of the ORM's", () => {
    const wrapped = new Error("Failed query", { cause: violation("chatrooms_open_per_phone_idx") });
    expect(retriesOpenChatroomViolation(wrapped, 0)).toBe(true);
  });

  it("I1, I2: any other error is thrown at once", () => {
    const others = [
      violation("chatrooms_external_ref_id_unique"),
      violation("chatrooms_open_per_phone_idx", "23503"),
      Object.assign(new Error("no code"), { constraint: "chatrooms_open_per_phone_idx" }),
      Object.assign(new Error("no constraint"), { code: "23505" }),
      new Error("unexpected"),
    ];
    expect(others.map((error) => retriesOpenChatroomViolation(error, 0))).toEqual([false, false, false, false, false]);
  });
});
