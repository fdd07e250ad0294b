import type { z } from "zod";
import type { Db } from "@/db/client";
import { ensureForm, failed, invalid, type ActionState } from "../action-state";
import type { Fail, Ok, Result } from "../result";
import { readForm, type FormFields, type ReadForm } from "./read-form";
import { refusalMessage, type Refusals } from "./refusal";

/**
 * The one shape of a server action: gate → read the form → schema → use case → present. The parts that need Next
 * (revalidatePath, redirect, refresh) and the real gates are bound in app/_lib/actions.ts (`memberAction`,
 * `userAction`, `publicAction`, `gatedAction`); this file is pure, so its tests need neither Next nor a session.
 */

/** Who is asking, or why not: the gate's refusal message is the form's answer ("Not found.", "Sign in again."). */
export type Gate<G> = (form: FormData) => Promise<Result<G, string>>;

/** What an action may ask of the page after it answers. */
export type Revalidation = string | { path: string; type: "layout" | "page" };

/** An answer plus what the page must do: revalidate paths, render again (`refresh`), or go elsewhere. */
export type Done = Omit<ActionState, "status"> & {
  status?: ActionState["status"];
  revalidate?: Revalidation[];
  refresh?: boolean;
  redirect?: string;
};

export type ActionEffects = {
  db: () => Db;
  now: () => Date;
  revalidate: (path: string, type?: "layout" | "page") => void;
  refresh: () => void;
  redirect: (url: string) => never;
};

type Schema = z.ZodType | undefined;
export type ActionInput<F extends FormFields, S extends Schema> = S extends z.ZodType ? z.output<S> : ReadForm<F>;
export type ActionContext<G, I> = { db: Db; gate: G; input: I; form: FormData; now: Date };

/** What the use case answers on success. */
export type OkValue<R> = R extends Ok<infer V> ? V : never;
type AnyResult = Result<unknown, string>;

export type ActionSpec<G, F extends FormFields, S extends Schema, R extends AnyResult> = {
  /** The fields to read (lib/actions/read-form.ts); the schema parses what they read. */
  fields?: F;
  /** The boundary's schema (lib/<domain>/schemas.ts), or one that depends on who asks (a studio's currency). */
  schema?: S | ((ctx: { db: Db; gate: G; form: FormData }) => Promise<S>);
  /** The answer to input the schema refuses: a heading over the field errors, or a whole answer. */
  invalid?: string | ((error: z.ZodError, form: FormData) => ActionState);
  /** The use case. */
  run: (ctx: ActionContext<G, ActionInput<F, S>>) => Promise<R>;
  /** The words for its refusals (lib/actions/refusal.ts), or a whole answer for an unusual one. */
  refused?: Refusals | ((f: Fail, ctx: ActionContext<G, ActionInput<F, S>>) => Done | Promise<Done>);
  /** The answer on success, and what the page must do. */
  done: (value: OkValue<R>, ctx: ActionContext<G, ActionInput<F, S>>) => Done | Promise<Done>;
};

function present(effects: ActionEffects, done: Done, status: ActionState["status"]): ActionState {
  const { revalidate, refresh, redirect, ...state } = done;
  for (const r of revalidate ?? []) {
    if (typeof r === "string") effects.revalidate(r);
    else effects.revalidate(r.path, r.type);
  }
  if (refresh) effects.refresh();
  if (redirect) effects.redirect(redirect);
  return { status, ...state };
}

/** A server action `(previous state, form) => state` made of a gate and a spec. */
export function actionWith<
  G,
  const F extends FormFields = readonly [],
  S extends Schema = undefined,
  R extends AnyResult = AnyResult,
>(effects: ActionEffects, gate: Gate<G>, spec: ActionSpec<G, F, S, R>) {
  return async (_prev: ActionState, sent: FormData): Promise<ActionState> => {
    // Server actions are public endpoints: anything that is not a form is an empty one.
    const form = ensureForm(sent);
    const who = await gate(form);
    if (!who.ok) return failed(form, who.message ?? "Not found.");
    const db = effects.db();
    const read: unknown = spec.fields ? readForm(form, spec.fields) : {};
    let input = read as ActionInput<F, S>;
    if (spec.schema) {
      const schema = typeof spec.schema === "function" ? await spec.schema({ db, gate: who.value, form }) : spec.schema;
      const parsed = schema ? schema.safeParse(read) : undefined;
      if (parsed && !parsed.success) {
        if (typeof spec.invalid === "function") return spec.invalid(parsed.error, form);
        return invalid(form, parsed.error, spec.invalid);
      }
      if (parsed) input = parsed.data as ActionInput<F, S>;
    }
    const ctx: ActionContext<G, ActionInput<F, S>> = { db, gate: who.value, input, form, now: effects.now() };
    const result = await spec.run(ctx);
    if (!result.ok) {
      if (typeof spec.refused === "function") return present(effects, await spec.refused(result, ctx), "error");
      return failed(form, refusalMessage(result, spec.refused), result.fieldErrors);
    }
    return present(effects, await spec.done(result.value as OkValue<R>, ctx), "ok");
  };
}
