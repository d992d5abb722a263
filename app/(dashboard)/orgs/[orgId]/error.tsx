"use client";

import { RotateCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";

export default function OrgError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10">
      <h1 className="text-xl font-semibold">This page could not be shown</h1>
      <Callout tone="danger" title="The chatroom API did not answer as expected.">
        Try again in a moment. If it keeps happening, tell support{error.digest ? ` the reference ${error.digest}` : " the time it happened"}.
      </Callout>
      <Button variant="secondary" onClick={reset}>
        <RotateCw aria-hidden="true" /> Try again
      </Button>
    </div>
  );
}
