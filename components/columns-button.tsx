"use client";

import { Columns3 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useColumnVisibility } from "./ui/hooks/use-column-visibility";
import { Button } from "./ui/button";
import { OnIntent } from "./ui/on-intent";

/** Which columns of a server-rendered table show: kept in the person's cookie, the table re-rendered with them. */
export function ColumnsButton({ cookie, columns }: { cookie: string; columns: { id: string; label: string; visible: boolean }[] }) {
  const router = useRouter();
  const { hidden, setVisible } = useColumnVisibility(
    cookie,
    columns.filter((column) => !column.visible).map((column) => column.id),
  );
  const button = (
    <Button variant="secondary" size="sm" aria-haspopup="menu">
      <Columns3 aria-hidden="true" /> Columns
    </Button>
  );
  return (
    <OnIntent
      load={() => import("./menus/columns-menu")}
      render={({ ColumnsMenu }, open) => (
        <ColumnsMenu
          trigger={button}
          defaultOpen={open}
          columns={columns.map((column) => ({ ...column, visible: !hidden.includes(column.id) }))}
          setVisible={(column, visible) => {
            setVisible(column, visible);
            router.refresh();
          }}
        />
      )}
    >
      {button}
    </OnIntent>
  );
}
