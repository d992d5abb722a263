import { z } from "zod";
import { contactFieldsSchema } from "@/lib/contacts/schemas";
import { orgConfigSchema } from "@/lib/orgs/schemas";

const id = z.string().min(1, "must not be empty").max(128, "must be at most 128 characters");
const email = z.email("must be an email address");
const password = z.string().min(12, "must be at least 12 characters");

const phoneSchema = z.strictObject({
  remote_phone_id: id,
  display_phone_number: z.string().min(1),
});

const wabaSchema = z.strictObject({
  remote_waba_id: id,
  name: z.string().min(1),
  matrix_host_name: z.string().regex(/^[a-z0-9.-]+$/i, "must be a host name"),
  phones: z.array(phoneSchema).default([]),
});

const userSchema = z.strictObject({
  id,
  email,
  name: z.string().min(1),
  role: z.enum(["ADMIN", "MEMBER"]),
  active: z.boolean().default(true),
  password: password.optional(),
});

const groupSchema = z.strictObject({ id, name: z.string().min(1), members: z.array(id).default([]) });

const contactSchema = contactFieldsSchema.extend({ id }).strict();

const orgSchema = z.strictObject({
  id,
  name: z.string().min(1),
  config: orgConfigSchema.strict().default(orgConfigSchema.parse({})),
  wabas: z.array(wabaSchema).default([]),
  users: z.array(userSchema).default([]),
  groups: z.array(groupSchema).default([]),
  contacts: z.array(contactSchema).default([]),
});

const personSchema = z.strictObject({ email, name: z.string().min(1), password });

const partnerSchema = z.strictObject({
  id,
  name: z.string().min(1),
  orgs: z.array(id).default([]),
  members: z.array(personSchema).default([]),
});

const apiKeySchema = z
  .strictObject({
    id,
    token: z.string().min(32, "must be at least 32 characters").optional(),
    user: id.optional(),
    partner: id.optional(),
    console: z.literal(true).optional(),
  })
  .refine(
    (key) => [key.user, key.partner, key.console].filter((owner) => owner !== undefined).length === 1,
    "must belong to exactly one of user, partner, console",
  );

export const provisionFileSchema = z.strictObject({
  orgs: z.array(orgSchema).default([]),
  partners: z.array(partnerSchema).default([]),
  support_agents: z.array(personSchema).default([]),
  api_keys: z.array(apiKeySchema).default([]),
});

export type ProvisionFile = z.infer<typeof provisionFileSchema>;
