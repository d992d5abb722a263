import type { ChatroomDetail, Waba } from "@/lib/dashboard/api/schemas";
import { formatPhoneNumber } from "@/lib/dashboard/ui/format";
import { assigneeLabel, phoneLabel, roomContactName, type Directory } from "@/lib/dashboard/ui/names";

/**
 * What creating a chatroom will do when the contact already has an active one (R8, R9), said before the
 * person submits: replaced with force, refused on another phone, or the existing one opened.
 */
export function createWarning(
  active: ChatroomDetail,
  choice: { remoteWabaId: string; remotePhoneId: string; force: boolean },
  directory: Directory,
): { title: string; outcome: "replaced" | "refused" | "opened"; text: string } {
  const where = phoneLabel(directory, active.remote_phone_id);
  const assigned = assigneeLabel(directory, active);
  const title = `${roomContactName(active)} already has an active chatroom on ${where}${assigned === "Unassigned" ? "" : `, assigned to ${assigned}`}.`;
  if (choice.force) {
    return { title, outcome: "replaced", text: "Creating will deactivate it (reason: replaced by a new chatroom) and create a new one." };
  }
  const waba: Waba | undefined = directory.wabas.find((candidate) => candidate.remote_waba_id === choice.remoteWabaId);
  const namesAnotherPhone =
    (choice.remotePhoneId !== "" && choice.remotePhoneId !== active.remote_phone_id) ||
    (choice.remotePhoneId === "" && waba !== undefined && !waba.phones.some((phone) => phone.remote_phone_id === active.remote_phone_id));
  if (namesAnotherPhone) {
    return {
      title,
      outcome: "refused",
      text: `A contact has one active chatroom at a time, so creating on another phone will be refused. Leave the phone as the default to open the existing one, or turn on force-deactivate to replace it.`,
    };
  }
  return {
    title,
    outcome: "opened",
    text: `Nothing new will be created: you will be taken to the existing chatroom for ${formatPhoneNumber(active.phone_number)}${
      active.members.length === 0 && active.pending_assignment === null ? ", which takes the assignment chosen here" : ", which keeps its assignee"
    }.`,
  };
}
