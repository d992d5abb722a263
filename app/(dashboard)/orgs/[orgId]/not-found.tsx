import Link from "next/link";

export default function OrgNotFound() {
  return (
    <div className="py-12">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-4 inline-block text-blue-800 underline">
        Back to your orgs
      </Link>
    </div>
  );
}
