/**
 * Every error the API answers with, in one table (docs/architecture.md, "An API call"). `code` is the HTTP status
 * times 10 000 plus a sequence number, as the upstream's 4030001 FORBIDDEN and 4090001 UQ_CONSTRAINT_FAILED.
 */
export const errorTable = {
  VALIDATION_FAILED: { status: 400, code: 4000001, description: "The request is invalid; see payload.issues." },
  MALFORMED_JSON: { status: 400, code: 4000002, description: "The body is not valid JSON." },
  UNAUTHORIZED: { status: 401, code: 4010001, description: "Send a valid API key as 'Authorization: Bearer <token>'." },
  FORBIDDEN: { status: 403, code: 4030001, description: "Your role may not do this." },
  ORG_ACCESS_DENIED: { status: 403, code: 4030002, description: "This org is unknown or not yours." },
  IMPERSONATION_NOT_ALLOWED: { status: 403, code: 4030003, description: "Impersonation is not allowed here." },
  NOT_FOUND: { status: 404, code: 4040001, description: "Nothing was found; see payload.kind." },
  METHOD_NOT_ALLOWED: { status: 405, code: 4050001, description: "This path does not accept this method; see the Allow header." },
  UQ_CONSTRAINT_FAILED: { status: 409, code: 4090001, description: "A unique field is already taken." },
  CHATROOM_EXISTS_FOR_PHONE: { status: 409, code: 4090002, description: "Another contact has an active chatroom for this phone number." },
  NO_WABA_PHONE_AVAILABLE: { status: 409, code: 4090003, description: "Every WABA phone already has an active chatroom for this phone number." },
  NO_WABA_PHONE: { status: 409, code: 4090004, description: "There is no WABA phone to put the chatroom on." },
  LEAD_HAS_ACTIVE_CHATROOM: { status: 409, code: 4090005, description: "The lead already has an active chatroom on another WABA phone." },
  ACTIVE_CHATROOM_EXISTS: { status: 409, code: 4090006, description: "An active chatroom already exists for this phone number or contact; activate with force_deactivate=true to close it." },
  CHATROOM_EXPIRED: { status: 409, code: 4090007, description: "The chatroom has expired; expiry is final." },
  CHATROOM_NOT_ACTIVE: { status: 409, code: 4090008, description: "The chatroom is not active." },
  NO_ASSIGNABLE_USER: { status: 409, code: 4090009, description: "Nobody can be assigned: the user is disabled or the group has no active member." },
  IDEMPOTENCY_KEY_REUSED: { status: 409, code: 4090010, description: "This Idempotency-Key was used with a different body." },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, code: 4090011, description: "A request with this Idempotency-Key is still running; retry later." },
  PAYLOAD_TOO_LARGE: { status: 413, code: 4130001, description: "The body is over 64 KiB." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: 4150001, description: "Send the body as application/json." },
  RATE_LIMITED: { status: 429, code: 4290001, description: "Too many requests for this key; retry after the Retry-After seconds." },
  INTERNAL: { status: 500, code: 5000001, description: "Something went wrong on our side; quote payload.request_id to support." },
  UNAVAILABLE: { status: 503, code: 5030001, description: "The database cannot be reached just now; retry after the Retry-After seconds." },
} as const satisfies Record<string, { status: number; code: number; description: string }>;

export type ErrorName = keyof typeof errorTable;

/** An expected error: its name, description and payload reach the client as they are. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: number;

  constructor(
    readonly name: ErrorName,
    readonly payload: Record<string, unknown> = {},
    readonly description: string = errorTable[name].description,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.status = errorTable[name].status;
    this.code = errorTable[name].code;
  }

  toBody(): ErrorBody {
    return { error_code: this.code, error_message: this.name, error_description: this.description, payload: this.payload };
  }
}

export interface ErrorBody {
  error_code: number;
  error_message: ErrorName;
  error_description: string;
  payload: Record<string, unknown>;
}

export function notFound(
  kind: "contact" | "chatroom" | "waba" | "waba_phone" | "user" | "group" | "route" | "webhook" | "webhook_delivery" | "bulk_job",
  id?: string,
): ApiError {
  return new ApiError("NOT_FOUND", id === undefined ? { kind } : { kind, id }, `No ${kind.replaceAll("_", " ")}${id ? ` '${id}'` : ""} was found.`);
}
