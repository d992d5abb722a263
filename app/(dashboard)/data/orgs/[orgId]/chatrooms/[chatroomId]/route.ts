import { loadChatroomView } from "@/lib/dashboard/api/chatroom-view";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";

export const GET = withPersonInOrg<{ orgId: string; chatroomId: string }>(async ({ person, params }) => {
  const view = await loadChatroomView(person, params.orgId, params.chatroomId);
  return typeof view === "string" ? undefined : view;
});
