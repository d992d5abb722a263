import { SearchX } from "lucide-react";
import Link from "next/link";
import { connection } from "next/server";
import { buttonVariants } from "@/components/ui/button";

/** The one not-found page (HTTP 404): unknown pages, and anything that is not the person's to see. */
export default async function NotFound() {
  // Rendered per request, so that its scripts carry the request's CSP nonce (a static page has none).
  await connection();
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        <span className="flex size-11 items-center justify-center rounded-full bg-surface-muted text-muted-foreground">
          <SearchX aria-hidden="true" className="size-5" />
        </span>
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="text-sm text-muted-foreground">
          There is nothing here, or it is not yours to see. Check the link, or start again from your chatrooms.
        </p>
        <Link href="/" className={buttonVariants({ variant: "secondary" })}>
          Go to your chatrooms
        </Link>
      </div>
    </main>
  );
}
