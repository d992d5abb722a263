import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The import boundaries of docs/architecture.md, as lint errors. Each entry: which files, what they may not
 * import, and why. The entries match disjoint sets of files (a later rule setting would replace an earlier
 * one for the same file, not add to it).
 */
const FRAMEWORK = ["next", "next/*", "next-auth", "next-auth/*", "react", "react/*", "react-dom", "react-dom/*"];
const DOMAIN_SERVICES = [
  "@/lib/chatrooms/*",
  "!@/lib/chatrooms/schemas",
  "@/lib/messages/*",
  "!@/lib/messages/schemas",
  "@/lib/contacts/*",
  "!@/lib/contacts/schemas",
  "@/lib/orgs/*",
  "!@/lib/orgs/schemas",
  "@/lib/audit/*",
  "!@/lib/audit/schemas",
  "@/lib/provision/*",
  "@/lib/principals/*",
  "@/lib/whatsapp/*",
  "@/lib/events/*",
  "!@/lib/events/schemas",
  "@/lib/webhooks/*",
  "!@/lib/webhooks/schemas",
  "@/lib/bookkeeping/*",
  "@/lib/stats/*",
  "!@/lib/stats/schemas",
];
const DATABASE = ["@/lib/db", "@/lib/db/*", "@/lib/app-services"];

const boundaries = [
  {
    name: "the domain core never imports the framework or the dashboard",
    files: ["lib/**/*.{ts,tsx,mts}"],
    // lib/server-start.ts is the process's start-up wiring: it gives the dashboard its console key.
    ignores: ["lib/dashboard/**", "lib/testing/**", "lib/db/**", "lib/server-start.ts"],
    patterns: [
      { group: FRAMEWORK, message: "lib/ outside lib/dashboard is plain TypeScript: no Next.js or React (docs/architecture.md)." },
      { group: ["@/app/*", "@/components/*", "@/lib/dashboard/*"], message: "The core knows nothing of the dashboard (docs/architecture.md)." },
    ],
  },
  {
    name: "the database layer is the bottom floor",
    files: ["lib/db/**/*.{ts,mts}"],
    patterns: [
      { group: FRAMEWORK, message: "lib/db is plain TypeScript: no Next.js or React." },
      {
        group: ["@/lib/*", "!@/lib/db", "!@/lib/db/*", "!@/lib/env", "!@/lib/log", "!@/lib/constants", "!@/lib/errors"],
        message: "lib/db imports nothing above it: shared enumerations live in lib/constants.ts.",
      },
    ],
  },
  {
    name: "pages, components and server actions reach chatroom data only through the dashboard's API client",
    files: ["app/(dashboard)/**/*.{ts,tsx}", "app/(auth)/**/*.{ts,tsx}", "app/page.tsx", "components/**/*.{ts,tsx}"],
    patterns: [
      { group: DATABASE, message: "The dashboard reads and changes chatrooms through lib/dashboard/api, never the database." },
      { group: DOMAIN_SERVICES, message: "The dashboard calls the API, not the domain core; only the shared zod schemas may be imported." },
      { group: ["@/lib/dashboard/store", "@/lib/dashboard/store/*"], message: "The dashboard's own tables are reached through lib/dashboard/api or lib/dashboard/session." },
      {
        group: ["@/lib/api/*"],
        allowTypeImports: true,
        message: "The API's HTTP layer is the API's; the dashboard talks to it through lib/dashboard/api/client.ts.",
      },
    ],
  },
  {
    name: "the dashboard's API client and view helpers hold no database access",
    files: ["lib/dashboard/api/**/*.ts", "lib/dashboard/ui/**/*.ts"],
    patterns: [
      { group: DATABASE, message: "lib/dashboard/api and lib/dashboard/ui never touch the database: the dashboard's own tables are in lib/dashboard/store." },
      { group: DOMAIN_SERVICES, message: "The dashboard talks to the API over HTTP; only the shared zod schemas may be imported." },
      { group: ["@/lib/dashboard/store/*"], message: "Import the dashboard's store through its one door, @/lib/dashboard/store." },
      {
        group: ["@/lib/api/*"],
        allowTypeImports: true,
        message: "The dashboard reads the API's catalog for types only; paths come from @/lib/endpoint-paths, which both share.",
      },
    ],
  },
  {
    name: "the dashboard's session code reaches its tables through the store's door",
    files: ["lib/dashboard/session/**/*.ts"],
    patterns: [
      { group: DOMAIN_SERVICES, message: "Sessions know people, not chatrooms." },
      { group: ["@/lib/dashboard/store/*"], message: "Import the dashboard's store through its one door, @/lib/dashboard/store." },
    ],
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "lib/db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "reports/**",
      ".stryker-tmp/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Tests may set up what they need (fixtures are provisioned through the core); the boundaries bind the product.
  ...boundaries.map(({ name, files, ignores = [], patterns }) => ({
    name: `boundary: ${name}`,
    files,
    ignores: [...ignores, "**/*.test.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
  })),
];

export default config;
