/**
 * The SQLSTATE of a PostgreSQL error, whether postgres-js threw it directly or Drizzle wrapped it (as `cause`):
 * "23P01" exclusion violation, "23505" unique violation, "54001" statement too complex, … Undefined otherwise.
 */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === "string" ? code : undefined;
}
