import type { Metadata } from "next";
import { cookies } from "next/headers";
import { THEME_COOKIE, themeOf } from "@/lib/dashboard/ui/preferences";
import "./globals.css";

export const metadata: Metadata = {
  title: "Switchboard",
  description: "Chatrooms for selling over WhatsApp, routed to the right agent.",
  manifest: "/site.webmanifest",
  icons: {
    icon: [{ url: "/favicon.ico", sizes: "48x48" }, { url: "/icon.svg", type: "image/svg+xml" }],
    apple: "/apple-touch-icon.png",
  },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme a person chose is set here, on the server: the first paint is already in it (no script, no flash).
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body className="min-h-dvh bg-background font-sans text-base text-foreground antialiased">{children}</body>
    </html>
  );
}
