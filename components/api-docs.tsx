import type { openApiDocument } from "@/lib/api/openapi";

type Document = ReturnType<typeof openApiDocument>;
interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; description?: string }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

const methodColour: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  put: "bg-amber-100 text-amber-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-rose-100 text-rose-900",
};

function Schema({ schema }: { schema: unknown }) {
  return (
    <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}

/** Renders the OpenAPI document as a page: no script, no network, readable offline. */
export function ApiDocs({ document }: { document: Document }) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })),
  );
  return (
    <div className="space-y-8">
      <p className="text-slate-700">{document.info.description}</p>
      <nav aria-label="Endpoints">
        <ul className="space-y-1 text-sm">
          {operations.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a className="font-mono text-blue-800 underline" href={`#${operation.operationId}`}>
                {method.toUpperCase()} {path}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, operation }) => (
        <section key={operation.operationId} id={operation.operationId} className="rounded border border-slate-200 bg-white p-4">
          <h2 className="flex flex-wrap items-center gap-2 font-mono text-sm">
            <span className={`rounded px-2 py-0.5 font-bold ${methodColour[method] ?? ""}`}>{method.toUpperCase()}</span>
            <span>{path}</span>
            <span className="rounded bg-slate-100 px-2 py-0.5 font-sans text-xs text-slate-700">{operation.tags[0]}</span>
          </h2>
          <p className="mt-2 font-medium">{operation.summary}</p>
          <p className="text-sm text-slate-600">{operation.description}</p>
          <h3 className="mt-3 text-sm font-semibold">Parameters</h3>
          <ul className="text-sm">
            {operation.parameters.map((parameter) => (
              <li key={`${parameter.in}:${parameter.name}`}>
                <code>{parameter.name}</code> ({parameter.in}
                {parameter.required ? ", required" : ""}){parameter.description ? `: ${parameter.description}` : ""}
              </li>
            ))}
          </ul>
          {operation.requestBody ? (
            <>
              <h3 className="mt-3 text-sm font-semibold">Body</h3>
              <Schema schema={operation.requestBody.content["application/json"].schema} />
            </>
          ) : null}
          <h3 className="mt-3 text-sm font-semibold">Responses</h3>
          <ul className="text-sm">
            {Object.entries(operation.responses).map(([status, response]) => (
              <li key={status}>
                <strong>{status}</strong> {response.description}
              </li>
            ))}
          </ul>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm">Answer schema (200)</summary>
            <Schema schema={Object.values(operation.responses["200"]?.content ?? {})[0]?.schema} />
          </details>
        </section>
      ))}
      <section id="webhooks" className="rounded border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Webhook deliveries</h2>
        <p className="mt-2 text-sm text-slate-700">{document.webhooks.event.post.description}</p>
        <ul className="mt-2 text-sm">
          {document.webhooks.event.post.parameters.map((parameter) => (
            <li key={parameter.name}>
              <code>{parameter.name}</code>: {parameter.description}
            </li>
          ))}
        </ul>
        <details className="mt-2">
          <summary className="cursor-pointer text-sm">Body schema</summary>
          <Schema schema={document.webhooks.event.post.requestBody.content["application/json"].schema} />
        </details>
      </section>
      <section id="errors" className="rounded border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">Error codes</h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">status</th>
              <th scope="col">error_code</th>
              <th scope="col">error_message</th>
              <th scope="col">meaning</th>
            </tr>
          </thead>
          <tbody>
            {document["x-error-codes"].map((entry) => (
              <tr key={entry.error_message} className="border-t border-slate-100">
                <td>{entry.status}</td>
                <td className="font-mono">{entry.code}</td>
                <td className="font-mono">{entry.error_message}</td>
                <td>{entry.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
