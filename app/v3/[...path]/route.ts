import { unknownRoute } from "@/lib/api/handler";

export const { GET, POST, PUT, PATCH, DELETE } = unknownRoute();
