import { redirect } from "next/navigation";
import { connection } from "next/server";
import { orgPath } from "@/lib/dashboard/ui/paths";
import { currentPerson } from "@/lib/dashboard/session/person";

/** The landing: sign in, or straight to the person's only org's overview, or to the org switcher. */
export default async function LandingPage() {
  await connection();
  const person = await currentPerson();
  if (!person) redirect("/signin");
  if (person.orgIds !== "all" && person.orgIds.length === 1) redirect(orgPath(person.orgIds[0]!));
  redirect("/orgs");
}
