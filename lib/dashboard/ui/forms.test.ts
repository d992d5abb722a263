import { describe, expect, it } from "vitest";
import { createChatroomV3BodySchema } from "@/lib/chatrooms/schemas";
import { createBodyOf, createChatroomFormSchema, fieldErrorsOf, formFieldOf, reassignBodyOf } from "@/lib/dashboard/ui/forms";

describe("dashboard forms share the API's schemas", () => {
  it("a filled create form becomes a body the API's own schema accepts", () => {
    const values = createChatroomFormSchema.parse({
      lead_id: "c_1",
      remote_waba_id: "",
      remote_phone_id: "ph_2",
      force_deactivate: false,
      fail_if_chatroom_exists_on_other_waba_phone: true,
      assign_mode: "GROUP",
      user_id: "",
      group_id: "g_1",
      assign_on_handover: true,
      note: "",
    });
    const body = createBodyOf(values);
    expect(createChatroomV3BodySchema.parse(body)).toMatchObject({
      lead_id: "c_1",
      remote_phone_id: "ph_2",
      assign_details: { assign_mode: "GROUP", group_id: "g_1", assign_on_handover: true },
    });
    expect(body.remote_waba_id).toBeUndefined();
  });

  it("R18: the form asks for the id the assignment mode needs", () => {
    const result = createChatroomFormSchema.safeParse({
      lead_id: "c_1",
      remote_waba_id: "",
      remote_phone_id: "",
      force_deactivate: false,
      fail_if_chatroom_exists_on_other_waba_phone: true,
      assign_mode: "USER",
      user_id: "",
      group_id: "",
      assign_on_handover: false,
      note: "",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["user_id"]);
    expect(reassignBodyOf({ assign_mode: "USER", user_id: "u_1", group_id: "", assign_on_handover: false, note: "" })).toEqual({
      assign_details: { assign_mode: "USER", user_id: "u_1", assign_on_handover: false },
    });
  });

  it("maps the API's validation issues back onto the form's fields, in words", () => {
    const payload = {
      issues: [
        { path: "body.assign_details.user_id", message: "is required when assign_mode is USER" },
        { path: "body.lead_id", message: "must not be empty" },
        { path: "header.x-audit-note", message: "must be at most 500 characters" },
      ],
    };
    expect(fieldErrorsOf(payload, formFieldOf)).toEqual({
      user_id: "Choose a user.",
      lead_id: "Choose a contact.",
      note: "The note must be at most 500 characters.",
    });
  });
});
