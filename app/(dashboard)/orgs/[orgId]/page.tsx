import { redirect } from "next/navigation";
import { chatroomsPath } from "@/lib/dashboard/ui/paths";

export default async function OrgHome({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  redirect(chatroomsPath(orgId));
}
