import "server-only";
import { appClock } from "@/lib/api/services";

/** The time relative dates are shown against: the server's clock (the test clock when TEST_CLOCK=1). */
export function dashboardNow(): string {
  return appClock().now().toISOString();
}
