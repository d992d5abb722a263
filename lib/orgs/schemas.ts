import { z } from "zod";

const days = z.number().int().min(1).max(3650);

const historyVisibilitySchema = z.enum(["shared", "joined"]);
const groupStrategySchema = z.enum(["ROUND_ROBIN", "LEAST_ACTIVE"]);

/** R5: the org's configuration, as the API and provisioning files carry it. */
export const orgConfigSchema = z.object({
  inactivity_days: days.default(7),
  expiry_days: days.default(30),
  history_visibility: historyVisibilitySchema.default("shared"),
  group_strategy: groupStrategySchema.default("ROUND_ROBIN"),
});

export type OrgConfig = z.infer<typeof orgConfigSchema>;

export const updateOrgConfigBodySchema = z
  .object({
    inactivity_days: days.optional(),
    expiry_days: days.optional(),
    history_visibility: historyVisibilitySchema.optional(),
    group_strategy: groupStrategySchema.optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "give at least one setting to change");

export const orgSummarySchema = z.object({ id: z.string(), name: z.string() });

export const wabaSchema = z.object({
  remote_waba_id: z.string(),
  name: z.string(),
  matrix_host_name: z.string(),
  phones: z.array(z.object({ remote_phone_id: z.string(), display_phone_number: z.string(), position: z.number().int() })),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["ADMIN", "MEMBER"]),
  active: z.boolean(),
});

export const groupSchema = z.object({ id: z.string(), name: z.string(), members: z.array(z.string()) });
