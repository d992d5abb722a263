import { z } from "zod";

export const phoneNumberSchema = z
  .string()
  .regex(/^\+[0-9]{8,15}$/, "must be E.164: '+' followed by 8 to 15 digits");

export const crmIdSchema = z.string().min(1, "must not be empty").max(128, "must be at most 128 characters");

export const personNameSchema = z
  .string()
  .max(128, "must be at most 128 characters")
  .refine((value) => !value.includes("*"), "must not contain '*'");

export const contactFieldsSchema = z.object({
  crm_id: crmIdSchema,
  phone_number: phoneNumberSchema,
  first_name: personNameSchema.default(""),
  last_name: personNameSchema.default(""),
});
