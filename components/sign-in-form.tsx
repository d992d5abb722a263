"use client";

import { useState } from "react";
import { Button } from "./ui/button";
import { Field, Input, fieldIds } from "./ui/field";
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
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    // Say what is missing rather than sending an empty sign-in that can only fail.
    const absent = { email: email ? undefined : "Enter your email address.", password: password ? undefined : "Enter your password." };
    setMissing(absent);
    if (absent.email || absent.password) {
      setError(null);
      document.getElementById(absent.email ? "email" : "password")?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { url } = await postToAuth("/api/auth/callback/credentials", { email, password, callbackUrl: returnTo });
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
      setError("Sign-in is unavailable right now; try again in a moment.");
    }
    setPending(false);
  }

  async function singleSignOn() {
    setPending(true);
    const { url } = await postToAuth("/api/auth/signin/oidc", { callbackUrl: returnTo });
    window.location.assign(url);
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} data-hydrated={hydrated ? "true" : undefined} className="space-y-4" noValidate>
        <Field id="email" label="Email" error={missing.email}>
          <Input name="email" type="email" autoComplete="username" required {...fieldIds("email", { error: missing.email })} />
        </Field>
        <Field id="password" label="Password" error={missing.password}>
          <Input name="password" type="password" autoComplete="current-password" required {...fieldIds("password", { error: missing.password })} />
        </Field>
        {error ? (
          <p role="alert" data-testid="signin-error" className="rounded-md border border-danger-border bg-danger-soft px-3 py-2 text-sm text-danger">
            {error}
          </p>
        ) : null}
        <Button type="submit" className="w-full" disabled={!hydrated || pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidc ? (
        <Button variant="secondary" className="w-full" onClick={singleSignOn} disabled={!hydrated || pending}>
          Sign in with single sign-on
        </Button>
      ) : null}
    </div>
  );
}
