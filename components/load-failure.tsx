import type { Section } from "@/lib/dashboard/api/sections";
import { Callout } from "./ui/callout";

/** Why a part of a page has no data, in words: the server lacks that extension, it is not for this role, or it failed. */
export function LoadFailure({ section, what }: { section: Section<unknown>; what: string }) {
  if (section.state === "ok") return null;
  if (section.state === "missing") {
    return (
      <Callout tone="warning" title={`This server does not provide ${what}.`}>
        The chatroom API this dashboard talks to lacks that endpoint (an extension of Switchboard&apos;s); the rest of the page works.
      </Callout>
    );
  }
  if (section.state === "forbidden") {
    return <Callout title={`Your role cannot see ${what}.`}>Org admins can; ask one if you need it.</Callout>;
  }
  return (
    <Callout tone="danger" title={`${section.title.replace(/\.$/, "")}: ${what} could not be loaded.`}>
      {section.hint}
    </Callout>
  );
}
