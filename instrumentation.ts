/** Runs once when a server instance starts: a bad environment stops it with a message naming every variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("./lib/startup");
    checkEnvironmentOrExit();
  }
}
