import "server-only";
import { batch, createAtom } from "@tanstack/react-store";
import { constructTable, type RowData, type TableFeatures, type TableOptions } from "@tanstack/react-table";
import { renderPhaseReactivity } from "@tanstack/table-core/reactivity";

/**
 * A TanStack table built on the server: headers, visible columns and cells come from the table model as
 * on the client, but the markup is rendered by a server component, so the browser is sent no table code.
 * (useTable does the same in the browser, with these reactivity bindings.)
 */
export function serverTable<TFeatures extends TableFeatures, TData extends RowData>(options: TableOptions<TFeatures, TData>) {
  return constructTable({ ...options, features: { coreReactivityFeature: renderPhaseReactivity({ createAtom, batch }), ...options.features } });
}
