import type { ErrorCode } from "@/kernel/errors";

/**
 * Expected failures are values: a use case returns one of these for what a user can cause. The code is one of the
 * error vocabulary (kernel/errors.ts): `fail` accepts no other, so every code has a kind, a status and words.
 */
export type Ok<T> = { ok: true; value: T };
export type Fail<E extends string = string> = {
  ok: false;
  error: E;
  message?: string;
  fieldErrors?: Record<string, string[]>;
};
export type Result<T, E extends string = string> = Ok<T> | Fail<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const fail = <E extends ErrorCode, X extends Omit<Fail<E>, "ok" | "error"> = Omit<Fail<E>, "ok" | "error">>(
  error: E,
  extra?: X,
): Fail<E> & X => ({ ok: false, error, ...(extra as X) });
