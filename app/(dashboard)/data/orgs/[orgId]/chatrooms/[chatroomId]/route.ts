import { dashboardNow } from "@/lib/dashboard/clock";
import { withPersonInOrg } from "@/lib/dashboard/data-route";
import { loadChatroomView } from "@/lib/dashboard/queries";

export const GET = withPersonInOrg<{ orgId: string; chatroomId: string }>(async ({ person, params }) => {
  const view = await loadChatroomView(person, params.orgId, params.chatroomId);
  return typeof view === "string" ? undefined : { ...view, now: dashboardNow() };
});
