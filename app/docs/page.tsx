import type { Metadata } from "next";
import { connection } from "next/server";
import { ApiDocs } from "@/components/api-docs";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference · Switchboard" };

export default async function ApiDocsPage() {
  // Rendered per request, so that its scripts carry the request's CSP nonce (a static page has none).
  await connection();
  return (
    <main className="mx-auto max-w-4xl p-6">
      <h1 className="text-2xl font-semibold">Switchboard API reference</h1>
      <p className="mt-1 text-sm text-slate-600">
        Rendered from <a className="text-blue-800 underline" href="/openapi.json">/openapi.json</a>.
      </p>
      <div className="mt-6">
        <ApiDocs document={openApiDocument()} />
      </div>
    </main>
  );
}
