import { describe, expect, it } from "vitest";
import { rankForPick, type PickCandidate } from "./assignment";

/** R19's order of a group's members, each tie-break on its own, with inputs whose given order is not the answer. */
const member = (userId: string, lastPickSeq: number | null, activeChatrooms = 0): PickCandidate => ({ userId, lastPickSeq, activeChatrooms });
const order = (members: PickCandidate[], strategy: "ROUND_ROBIN" | "LEAST_ACTIVE") => rankForPick(members, strategy).map((m) => m.userId);

describe("rankForPick (R19)", () => {
  it("R19: ROUND_ROBIN puts the never-picked first, then the least recently picked", () => {
    expect(order([member("u_a", 5), member("u_b", null), member("u_c", 2), member("u_d", 9)], "ROUND_ROBIN")).toEqual(["u_b", "u_c", "u_a", "u_d"]);
    // A member last picked as the group's first pick (seq 0 is not "never").
    expect(order([member("u_a", 0), member("u_b", null)], "ROUND_ROBIN")).toEqual(["u_b", "u_a"]);
  });

  it("R19: ROUND_ROBIN ignores active chatrooms", () => {
    expect(order([member("u_a", 1, 0), member("u_b", 3, 9), member("u_c", 2, 5)], "ROUND_ROBIN")).toEqual(["u_a", "u_c", "u_b"]);
  });

  it("R19: ties of recency go by user id, whatever order the members come in", () => {
    expect(order([member("u_c", null), member("u_a", null), member("u_b", null)], "ROUND_ROBIN")).toEqual(["u_a", "u_b", "u_c"]);
    expect(order([member("u_b", 4), member("u_a", 4)], "ROUND_ROBIN")).toEqual(["u_a", "u_b"]);
    expect(order([member("u_a", 4), member("u_b", 4)], "ROUND_ROBIN")).toEqual(["u_a", "u_b"]);
  });

  it("R19: LEAST_ACTIVE puts the fewest active chatrooms first, before recency", () => {
    expect(order([member("u_a", null, 3), member("u_b", 7, 1), member("u_c", 2, 2)], "LEAST_ACTIVE")).toEqual(["u_b", "u_c", "u_a"]);
  });

  it("R19: LEAST_ACTIVE ties go by recency, then by user id", () => {
    expect(order([member("u_a", 6, 2), member("u_b", 3, 2), member("u_c", null, 2)], "LEAST_ACTIVE")).toEqual(["u_c", "u_b", "u_a"]);
    expect(order([member("u_d", 1, 0), member("u_c", 1, 0), member("u_e", 1, 1)], "LEAST_ACTIVE")).toEqual(["u_c", "u_d", "u_e"]);
  });

  it("R19: counts that the database sends as text still compare as numbers", () => {
    const fromText = (userId: string, count: string) => ({ userId, lastPickSeq: null, activeChatrooms: count as unknown as number });
    expect(order([fromText("u_a", "10"), fromText("u_b", "9")], "LEAST_ACTIVE")).toEqual(["u_b", "u_a"]);
  });

  it("R19: leaves the given list as it was", () => {
    const members = [member("u_b", null), member("u_a", null)];
    rankForPick(members, "ROUND_ROBIN");
    expect(members.map((m) => m.userId)).toEqual(["u_b", "u_a"]);
  });
});
