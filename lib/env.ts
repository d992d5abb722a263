import { z } from "zod";
import { parseTrustedProxies } from "./client-address";

const flag = z.enum(["0", "1", "true", "false"]).transform((value) => value === "1" || value === "true");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    PGLITE_DIR: z.string().min(1).default("./.data/pglite"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    TEST_CLOCK: flag.default(false),
    PROVISION_DEMO_WHEN_EMPTY: flag.default(false),
    RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50),
    RATE_LIMIT_BURST: z.coerce.number().int().positive().default(200),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** Meta's webhook handshake token; unset, every handshake is refused. */
    WHATSAPP_VERIFY_TOKEN: z.string().min(1).optional(),
    /** The Meta app secret that signs webhook deliveries; unset, every delivery is refused (401). */
    WHATSAPP_APP_SECRET: z.string().min(1).optional(),
    /** How often the server's own sweeper closes overdue chatrooms; 0 turns it off. */
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
    /** How long the conflict log (R25) keeps an entry before the sweeper purges it. */
    CONFLICT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Which X-Forwarded-For entry names the client (lib/client-address.ts); unset, the socket's peer. */
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      })
      .transform((value) => parseTrustedProxies(value)),
    /** How long events and webhook delivery records are kept; the sweeper purges older ones. */
    EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** How often the server's webhook worker looks for due retries (new events wake it at once); 0 turns it off. */
    WEBHOOK_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
    /** How often the server's bulk runner looks for queued jobs (a job made in the process wakes it at once); 0 turns it off. */
    BULK_RUNNER_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
    /** Chatrooms per batch of a bulk job: one transaction each. */
    BULK_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
    /** The pause between two batches of bulk jobs, in which requests waiting for the database go first. */
    BULK_BATCH_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(20),
    /** Lets webhooks point at loopback and private addresses (tests, local receivers). */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: flag.default(false),
    // The dashboard (docs/architecture.md): sessions, the API it talks to, optional single sign-on.
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    SWITCHBOARD_API_URL: z.url().optional(),
    SWITCHBOARD_API_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.SWITCHBOARD_API_URL && !value.SWITCHBOARD_API_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SWITCHBOARD_API_TOKEN"],
        message: "is required when SWITCHBOARD_API_URL is set",
      });
    }
    const oidc = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "set all three of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, or none",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Thrown when the environment is invalid; its message is one line per bad variable. */
class EnvError extends Error {
  /** Marks an error whose message is for the person at the terminal (see scripts/cli.mts). */
  readonly userFacing = true;
}

function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment: ${lines.join("; ")}`);
  }
  return result.data;
}

/** The validated environment; the only reader of process.env in the app. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
