/**
 * What PostgreSQL cannot store, found in a parsed JSON value: a NUL character (text and jsonb refuse it),
 * a lone UTF-16 surrogate (jsonb refuses its escape), or nesting deeper than we accept. Walks with its own
 * stack, never recursion, so a body nested 10 000 deep costs a few steps and no call stack.
 */
const MAX_JSON_DEPTH = 64;

export type Unstorable = { problem: "nul" | "lone_surrogate"; path: string[] } | { problem: "too_deep"; path: string[] };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(value: string): "nul" | "lone_surrogate" | undefined {
  if (value.includes("\u0000")) return "nul";
  return LONE_SURROGATE.test(value) ? "lone_surrogate" : undefined;
}

/** The first problem in document order, or undefined when the whole value can be stored. */
export function findUnstorable(value: unknown, maxDepth = MAX_JSON_DEPTH): Unstorable | undefined {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.value === "string") {
      const problem = stringProblem(next.value);
      if (problem) return { problem, path: next.path };
      continue;
    }
    if (next.value === null || typeof next.value !== "object") continue;
    if (next.depth >= maxDepth) return { problem: "too_deep", path: next.path };
    const entries: [string, unknown][] = Array.isArray(next.value)
      ? next.value.map((inner, index) => [String(index), inner])
      : Object.entries(next.value);
    // Pushed last-first, so that the first entry is looked at first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i]!;
      stack.push({ value: inner, path: [...next.path, key], depth: next.depth + 1 });
    }
    for (const [key] of entries) {
      const problem = Array.isArray(next.value) ? undefined : stringProblem(key);
      if (problem) return { problem, path: [...next.path, key] };
    }
  }
  return undefined;
}

export const unstorableMessage: Record<Unstorable["problem"], string> = {
  nul: "must not contain a NUL character",
  lone_surrogate: "must be well-formed Unicode (a lone surrogate)",
  too_deep: `must not be nested more than ${MAX_JSON_DEPTH} levels deep`,
};
