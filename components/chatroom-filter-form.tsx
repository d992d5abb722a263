import type { ChatroomFilters } from "@/lib/dashboard/ui/chatroom-filters";
import type { Directory } from "./chatroom-table";
import { buttonClass, inputClass, linkClass } from "./ui";

/** A plain GET form: the filters land in the URL and the table is rendered on the server. */
export function ChatroomFilterForm({ action, filters, directory }: { action: string; filters: ChatroomFilters; directory: Directory }) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter chatrooms" className="grid gap-3 rounded-md border border-slate-300 bg-white p-3 sm:grid-cols-2 lg:grid-cols-6">
      <div className="lg:col-span-2">
        <label htmlFor="filter-q" className="block text-sm font-medium">
          Search contact
        </label>
        <input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Name, CRM id or phone" className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-status" className="block text-sm font-medium">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ""} className={inputClass}>
          <option value="">Any</option>
          <option value="active">Active</option>
          <option value="deactivated">Deactivated</option>
          <option value="expired">Expired</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-phone" className="block text-sm font-medium">
          WABA phone
        </label>
        <select id="filter-phone" name="remote_phone_id" defaultValue={filters.remote_phone_id ?? ""} className={inputClass}>
          <option value="">Any</option>
          {directory.wabas.flatMap((waba) =>
            waba.phones.map((phone) => (
              <option key={phone.remote_phone_id} value={phone.remote_phone_id}>
                {phone.display_phone_number} ({waba.name})
              </option>
            )),
          )}
        </select>
      </div>
      <div>
        <label htmlFor="filter-assignee" className="block text-sm font-medium">
          Assignee
        </label>
        <select id="filter-assignee" name="assignee" defaultValue={filters.assignee ?? ""} className={inputClass}>
          <option value="">Anyone</option>
          {directory.users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-3">
        <button type="submit" className={buttonClass}>
          Apply
        </button>
        <a href={action} className={`${linkClass} text-sm`}>
          Reset
        </a>
      </div>
    </form>
  );
}
