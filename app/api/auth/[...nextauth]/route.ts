import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/dashboard/session/next-auth";

type Context = { params: Promise<{ nextauth: string[] }> };

// The options are built per request: the session secret may be generated at start
// (lib/dashboard/session/runtime-secrets.ts).
const handler = (request: NextRequest, context: Context) => NextAuth(request, context, authOptions());

export { handler as GET, handler as POST };
