import { testClockRoute } from "@/lib/api/test-clock";

export const { GET, POST, PUT, PATCH, DELETE } = testClockRoute();
