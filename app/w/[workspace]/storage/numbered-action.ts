import type { ActionState } from "@/lib/action-state";

/**
 * Numbers every answer of a form's action (`data.answer`). React resets a form once its action has answered, and a
 * <select> then goes back to the option it was first rendered with (React never updates a select's default after
 * it is mounted): keying the selects by this number renders them again with what was sent, so a failed form keeps
 * every choice. A success can key the whole form the same way, to start afresh.
 */
export function numbered(action: (prev: ActionState, form: FormData) => Promise<ActionState>) {
  let answers = 0;
  return async (prev: ActionState, form: FormData): Promise<ActionState> => {
    const next = await action(prev, form);
    return { ...next, data: { ...next.data, answer: String(++answers) } };
  };
}
