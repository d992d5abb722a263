import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, so that its scripts carry the request's CSP nonce (a static page has none).
  await connection();
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-700">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-6 inline-block text-blue-800 underline">
        Back to the start
      </Link>
    </main>
  );
}
