import { z } from "zod";
import { pageQuerySchema } from "@/lib/pagination";

const phoneNumberSchema = z
  .string()
  .regex(/^\+[0-9]{8,15}$/, "must be E.164: '+' followed by 8 to 15 digits");

const crmIdSchema = z.string().min(1, "must not be empty").max(128, "must be at most 128 characters");

const personNameSchema = z
  .string()
  .max(128, "must be at most 128 characters")
  .refine((value) => !value.includes("*"), "must not contain '*'");

/** A contact's own fields: the body of a contact create, and a contact of a provisioning file. */
export const contactFieldsSchema = z.object({
  crm_id: crmIdSchema,
  phone_number: phoneNumberSchema,
  first_name: personNameSchema.default(""),
  last_name: personNameSchema.default(""),
});

export const updateContactBodySchema = z
  .object({ crm_id: crmIdSchema.optional(), first_name: personNameSchema.optional(), last_name: personNameSchema.optional() })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "give at least one of crm_id, first_name, last_name");

export const contactSchema = z.object({
  id: z.string(),
  crm_id: z.string(),
  phone_number: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const listContactsQuerySchema = pageQuerySchema.extend({ q: z.string().max(128).optional() });
