"use client";

import { useState } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "./ui";
import { useHydrated } from "./use-hydrated";

/** Sends the credentials to next-auth's own endpoint (with its CSRF token) and goes on when it accepts them. */
async function postToAuth(path: string, fields: Record<string, string>): Promise<{ url: string }> {
  const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ ...fields, csrfToken: csrf.csrfToken, json: "true" }),
  });
  return (await response.json()) as { url: string };
}

export function SignInForm({ returnTo, oidc }: { returnTo: string; oidc: boolean }) {
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const { url } = await postToAuth("/api/auth/callback/credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl: returnTo,
      });
      const failure = new URL(url, window.location.origin).searchParams.get("error");
      if (!failure) {
        window.location.assign(returnTo);
        return;
      }
      setError(
        failure === "Throttled"
          ? "Too many attempts. Wait a few minutes before trying again."
          : "That email and password do not match an account.",
      );
    } catch {
      setError("Sign-in is unavailable right now; try again.");
    }
    setPending(false);
  }

  async function singleSignOn() {
    setPending(true);
    const { url } = await postToAuth("/api/auth/signin/oidc", { callbackUrl: returnTo });
    window.location.assign(url);
  }

  return (
    <div className="mt-6 space-y-4">
      <form onSubmit={onSubmit} data-hydrated={hydrated ? "true" : undefined} className="space-y-4 rounded-lg border border-slate-300 bg-white p-5 shadow-sm" noValidate>
        <div>
          <label htmlFor="email" className="block text-sm font-medium">
            Email
          </label>
          <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">
            Password
          </label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
        </div>
        {error ? (
          <p role="alert" data-testid="signin-error" className="text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <button type="submit" className={`${buttonClass} w-full`} disabled={!hydrated || pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc ? (
        <button type="button" className={`${secondaryButtonClass} w-full`} onClick={singleSignOn} disabled={!hydrated || pending}>
          Sign in with single sign-on
        </button>
      ) : null}
    </div>
  );
}
