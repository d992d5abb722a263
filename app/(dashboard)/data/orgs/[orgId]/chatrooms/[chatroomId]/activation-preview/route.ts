import { loadActivationPreview } from "@/lib/dashboard/api/chatroom-view";
import { withPersonInOrg } from "@/lib/dashboard/session/data-route";

export const GET = withPersonInOrg<{ orgId: string; chatroomId: string }>(({ person, params }) =>
  loadActivationPreview(person, params.orgId, params.chatroomId),
);
