import "server-only";
import { randomBytes } from "node:crypto";
import type { AuthOptions } from "next-auth";
import { z } from "zod";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { appClock } from "@/lib/app-clock";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { accountIdForEmail, sessionVersionOf } from "@/lib/dashboard/store";
import { sessionSecret } from "@/lib/dashboard/session/runtime-secrets";
import { clientAddress } from "@/lib/client-address";
import { log } from "@/lib/log";
import { signInWithPassword, type SignInResult } from "@/lib/dashboard/session/sign-in";

/** The message next-auth passes back (as `?error=`) when sign-in attempts are throttled. */
const THROTTLED = "Throttled";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** What a sign-in form may send: an email without spaces or control characters, a bounded password without NUL. */
const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .min(3)
    .max(320)
    .regex(/^[^\s\p{Cc}]+@[^\s\p{Cc}]+$/u),
  password: z
    .string()
    .min(1)
    .max(1024)
    .refine((value) => !value.includes("\u0000")),
});

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
}

function oidcProvider(): OAuthConfig<OidcProfile> | undefined {
  const config = env();
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return undefined;
  return {
    id: "oidc",
    name: "Single sign-on",
    type: "oauth",
    wellKnown: `${config.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    // The email is read from the ID token (as Google, Entra ID, Okta and Keycloak send it by default).
    idToken: true,
    checks: ["pkce", "state"],
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
  };
}

export function isOidcEnabled(): boolean {
  return oidcProvider() !== undefined;
}

/**
 * next-auth: credentials of the provisioned accounts, optionally OIDC; a JWT session in an httpOnly,
 * SameSite=Lax cookie holding only the account id (the person is looked up again on every request).
 */
export function authOptions(): AuthOptions {
  const oidc = oidcProvider();
  const useSecureCookies = (env().NEXTAUTH_URL ?? "").startsWith("https://");
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies,
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const input = credentialsSchema.safeParse(credentials);
          // Whatever else goes wrong, the person hears the generic answer; next-auth would show an error's text.
          if (!input.success) return null;
          let result: SignInResult;
          try {
            const { db } = await getDatabase();
            const address = clientAddress(request.headers?.["x-forwarded-for"], env().TRUSTED_PROXIES);
            result = await signInWithPassword(db, { ...input.data, address }, appClock().now());
          } catch (error) {
            log("error", "sign-in failed", { error: error instanceof Error ? error.name : "unknown" });
            return null;
          }
          if (result.ok) return { id: result.accountId };
          if (result.reason === "throttled") throw new Error(THROTTLED);
          return null;
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // Single sign-on admits only people who have an active provisioned account with the same email.
        const email = credentialsSchema.shape.email.safeParse(user.email);
        if (!email.success) return false;
        try {
          const { db } = await getDatabase();
          return (await accountIdForEmail(db, email.data)) !== null;
        } catch (error) {
          log("error", "single sign-on failed", { error: error instanceof Error ? error.name : "unknown" });
          return false;
        }
      },
      async jwt({ token, user, account }) {
        if (user) {
          // Signing in: which account, a session id of its own, and the account's session version now.
          const { db } = await getDatabase();
          token.accountId = (account?.provider === "oidc" && user.email ? await accountIdForEmail(db, user.email) : user.id) ?? undefined;
          token.sessionId = randomBytes(16).toString("base64url");
          token.sessionVersion = token.accountId ? ((await sessionVersionOf(db, token.accountId)) ?? undefined) : undefined;
        }
        // Keep the cookie small and free of personal data the server does not need.
        return { accountId: token.accountId, sessionId: token.sessionId, sessionVersion: token.sessionVersion, iat: token.iat, exp: token.exp, jti: token.jti };
      },
      async session({ session, token }) {
        return {
          expires: session.expires,
          accountId: typeof token.accountId === "string" ? token.accountId : undefined,
          sessionId: typeof token.sessionId === "string" ? token.sessionId : undefined,
          sessionVersion: typeof token.sessionVersion === "number" ? token.sessionVersion : undefined,
        };
      },
    },
  };
}
