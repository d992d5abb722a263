import { Skeleton } from "@/components/ui";

export default function Loading() {
  return <Skeleton rows={10} />;
}
