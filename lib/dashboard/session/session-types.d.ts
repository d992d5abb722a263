import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** The signed-in account (accounts.id); everything else is looked up on the server per request. */
    accountId?: string;
    /** Checked against the account on every request (lib/dashboard/store/accounts.ts). */
    sessionVersion?: number;
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    accountId?: string;
    sessionVersion?: number;
    sessionId?: string;
  }
}
