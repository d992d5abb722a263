export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-semibold">Switchboard</h1>
      <p className="mt-2 text-slate-600">
        One chatroom per lead on your WhatsApp Business numbers, routed to the right agent.
      </p>
      <ul className="mt-6 list-disc space-y-1 pl-6">
        <li>
          <a className="text-blue-700 underline" href="/healthz">
            Health
          </a>
        </li>
        <li>
          <a className="text-blue-700 underline" href="/readyz">
            Readiness
          </a>
        </li>
      </ul>
    </main>
  );
}
