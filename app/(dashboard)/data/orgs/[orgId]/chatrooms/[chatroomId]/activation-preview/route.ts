import { withPersonInOrg } from "@/lib/dashboard/session/data-route";
import { loadActivationPreview } from "@/lib/dashboard/api/views";

export const GET = withPersonInOrg<{ orgId: string; chatroomId: string }>(({ person, params }) =>
  loadActivationPreview(person, params.orgId, params.chatroomId),
);
