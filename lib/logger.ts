import pino from "pino";

/** Structured JSON logs on stdout; never log secrets, tokens or passwords. The level comes from getEnv(). */
export const logger = pino({
  level: "info",
  base: { app: "livebase" },
  redact: ["password", "token", "*.password", "*.token", "authorization", "*.authorization"],
});
