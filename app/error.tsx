"use client";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-700">The page could not be shown. {error.digest ? `Reference: ${error.digest}.` : ""}</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </main>
  );
}
