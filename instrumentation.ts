/** Runs once when a server instance starts: a bad environment stops it with a message naming every variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("./lib/startup");
    // The clock is an input of everything under lib/; this is where the real one comes from.
    checkEnvironmentOrExit(() => new Date());
  }
}
