"use client";

import { Button } from "@/components/ui/button";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4">
      <div role="alert" className="max-w-md space-y-3 text-center">
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="text-sm text-muted-foreground">
          The page could not be shown. Try again; if it keeps happening, tell support{error.digest ? ` the reference ${error.digest}` : " the time it happened"}.
        </p>
        <Button onClick={reset}>Try again</Button>
      </div>
    </main>
  );
}
