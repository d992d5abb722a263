"use client";

export default function OrgError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="py-12" role="alert">
      <h1 className="text-2xl font-semibold">This page could not be shown</h1>
      <p className="mt-2 text-slate-700">
        The chatroom API may be unavailable. {error.digest ? `Reference: ${error.digest}.` : ""}
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </div>
  );
}
