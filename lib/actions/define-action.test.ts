import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import { idle } from "../action-state";
import { str } from "../input";
import { fail, ok } from "../result";
import { actionWith, type ActionEffects, type Gate } from "./define-action";

const NOW = new Date("2026-12-01T10:00:00Z");

/** The Next side of an action, recorded instead of done: what was revalidated, refreshed and where it went. */
function recorder() {
  const seen: string[] = [];
  const effects: ActionEffects = {
    db: () => ({}) as Db, // the use cases below never touch it
    now: () => NOW,
    revalidate: (path, type) => void seen.push(`revalidate ${path}${type ? ` ${type}` : ""}`),
    refresh: () => void seen.push("refresh"),
    redirect: (url) => {
      seen.push(`redirect ${url}`);
      throw new Error("NEXT_REDIRECT");
    },
  };
  return { seen, effects };
}

const member: Gate<{ slug: string }> = async (form) =>
  form.get("workspace") === "acme" ? ok({ slug: "acme" }) : fail("not_found", { message: "Not found." });

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

const roomSchema = z.object({ name: str().min(1, "Name the room"), capacity: z.coerce.number().int().positive() });

function renameRoom(effects: ActionEffects, calls: unknown[] = []) {
  return actionWith(effects, member, {
    fields: ["name", "capacity"],
    schema: roomSchema,
    run: async ({ input, gate, now }) => {
      calls.push({ input, gate, now });
      if (input.name === "Taken") return fail("name_taken", { fieldErrors: { name: ["Another room has it."] } });
      if (input.name === "Locked") return fail("not_allowed");
      if (input.name === "Gone") return fail("not_found", { message: "That room is gone." });
      return ok({ id: "r1", name: input.name });
    },
    refused: { fallback: "The room was not saved.", not_allowed: "You cannot change the setup." },
    done: (room, { gate }) => ({
      message: `Saved ${room.name}.`,
      revalidate: [`/w/${gate.slug}/rooms`, { path: `/w/${gate.slug}`, type: "layout" }],
    }),
  });
}

describe("actionWith (the server-action wrapper)", () => {
  it("answers the gate's refusal, keeping what was typed, and never runs the use case", async () => {
    const { seen, effects } = recorder();
    const calls: unknown[] = [];
    const state = await renameRoom(effects, calls)(idle, form({ workspace: "other", name: "Red", capacity: "4" }));
    expect(state).toEqual({
      status: "error",
      message: "Not found.",
      values: { workspace: "other", name: "Red", capacity: "4" },
    });
    expect(calls).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("treats what is not a form as an empty one", async () => {
    const { effects } = recorder();
    const state = await renameRoom(effects)(idle, "not a form" as unknown as FormData);
    expect(state).toMatchObject({ status: "error", message: "Not found." });
  });

  it("answers bad input with field errors and the values sent (secrets excepted)", async () => {
    const { seen, effects } = recorder();
    const calls: unknown[] = [];
    const sent = form({ workspace: "acme", name: "", capacity: "-2", password: "hunter2" });
    const state = await renameRoom(effects, calls)(idle, sent);
    expect(state.status).toBe("error");
    expect(state.message).toBe("Check the fields marked below.");
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(["capacity", "name"]);
    expect(state.fieldErrors?.name).toEqual(["Name the room"]);
    expect(state.values).toEqual({ workspace: "acme", name: "", capacity: "-2" });
    expect(calls).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("maps a use case's refusal through the vocabulary: its message, the action's words, the fields' heading", async () => {
    const { seen, effects } = recorder();
    const act = renameRoom(effects);
    const taken = await act(idle, form({ workspace: "acme", name: "Taken", capacity: "4" }));
    expect(taken).toMatchObject({
      status: "error",
      message: "Check the fields marked below.",
      fieldErrors: { name: ["Another room has it."] },
      values: { name: "Taken" },
    });
    const locked = await act(idle, form({ workspace: "acme", name: "Locked", capacity: "4" }));
    expect(locked.message).toBe("You cannot change the setup.");
    const gone = await act(idle, form({ workspace: "acme", name: "Gone", capacity: "4" }));
    expect(gone.message).toBe("That room is gone.");
    expect(seen).toEqual([]);
  });

  it("runs the use case with the parsed input, who asked and now, then revalidates and answers", async () => {
    const { seen, effects } = recorder();
    const calls: unknown[] = [];
    const state = await renameRoom(effects, calls)(idle, form({ workspace: "acme", name: "Red", capacity: "4" }));
    expect(calls).toEqual([{ input: { name: "Red", capacity: 4 }, gate: { slug: "acme" }, now: NOW }]);
    expect(state).toEqual({ status: "ok", message: "Saved Red." });
    expect(seen).toEqual(["revalidate /w/acme/rooms", "revalidate /w/acme layout"]);
  });

  it("redirects after revalidating, and an unusual refusal may answer whole (and refresh the page)", async () => {
    const { seen, effects } = recorder();
    const book = actionWith(effects, member, {
      fields: { slot: "string", addOnIds: "list" },
      run: async ({ input }) =>
        input.slot === "taken" ? fail("slot_taken", { message: "Taken." }) : ok({ id: `b-${input.addOnIds.length}` }),
      refused: (f) => ({ message: `${f.message} Pick another.`, refresh: true, data: { waitlist: "yes" } }),
      done: (b) => ({ revalidate: ["/w/acme/bookings"], redirect: `/w/acme/bookings/${b.id}` }),
    });
    await expect(book(idle, form({ workspace: "acme", slot: "free", addOnIds: ["a", "b"] }))).rejects.toThrow(
      "NEXT_REDIRECT",
    );
    expect(seen).toEqual(["revalidate /w/acme/bookings", "redirect /w/acme/bookings/b-2"]);
    seen.length = 0;
    const taken = await book(idle, form({ workspace: "acme", slot: "taken" }));
    expect(taken).toEqual({ status: "error", message: "Taken. Pick another.", data: { waitlist: "yes" } });
    expect(seen).toEqual(["refresh"]);
  });
});
