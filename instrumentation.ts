export async function register() {
  // Only the Node.js server opens the database; `next build` never runs this.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServerOnce } = await import("./lib/server-start");
    await startServerOnce();
  }
}
