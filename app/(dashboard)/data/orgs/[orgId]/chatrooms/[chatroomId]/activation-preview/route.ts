import { withPersonInOrg } from "@/lib/dashboard/data-route";
import { loadActivationPreview } from "@/lib/dashboard/queries";

export const GET = withPersonInOrg<{ orgId: string; chatroomId: string }>(({ person, params }) =>
  loadActivationPreview(person, params.orgId, params.chatroomId),
);
