import type { Db, Tx } from "@/db/client";

/**
 * Lets a use case that opens its own transaction (createBooking, cancelBooking) run inside the caller's one: on a
 * transaction handle drizzle's `transaction()` opens a savepoint, so the use case's writes commit or roll back with
 * the caller's, and its own savepoints (the insert that may hit the exclusion constraint) still work. The cast is
 * only about the type: a Tx has every method those use cases call, but not the pool's `$client`.
 */
export function nested(tx: Tx): Db {
  return tx as unknown as Db;
}
