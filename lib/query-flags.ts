import { z } from "zod";

/**
 * Boolean query parameters (docs/rules.md, R16's force_deactivate): the URL carries exactly `true` or `false`,
 * anything else is a 400, and the handler gets a boolean. The registry lets the OpenAPI document type them
 * as booleans, which is how a query string carries one, so generated clients see `boolean`.
 */
export const queryFlags = z.registry<{ default?: boolean }>();

/** A flag with a default, or (none given) one that is absent unless the URL carries it. */
export function queryFlag(defaultValue?: boolean) {
  const flag = z.enum(["true", "false"], { error: "must be true or false" });
  const schema = (defaultValue === undefined ? flag : flag.default(defaultValue ? "true" : "false")).transform((value) => value === "true");
  queryFlags.add(schema, { default: defaultValue });
  return schema;
}
