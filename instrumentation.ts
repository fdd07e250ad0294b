/** Runs once when a server instance starts: a bad environment stops it with a message naming every variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("./lib/startup");
    const { appNow } = await import("./lib/clock");
    // The clock is an input of everything under lib/; the job loop reads the same one as every page and action.
    checkEnvironmentOrExit(appNow);
  }
}
