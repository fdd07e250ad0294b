import { isUuid } from "@/kernel/ids";

/**
 * The one way a server action reads its form. A form is a list of named fields; `readForm` turns the fields an
 * action names into the plain object its zod schema parses (lib/<domain>/schemas.ts), so no action calls
 * `form.get` itself and a missing field reads the same everywhere.
 *
 * - `"text"`: the field's text, or undefined when it was not sent (the schema then asks for it);
 * - `"string"`: the field's text, or "" (an id or a reason the use case checks itself);
 * - `"optional"`: the text, or undefined when it is blank (an optional select left on "none");
 * - `"list"`: every value sent under the name (checkboxes, multi-selects, repeated rows);
 * - `"id"`: a database id (a UUID), or null for anything else (Postgres would refuse it with an error);
 * - `"file"`: an uploaded file that is not empty, or null;
 * - a function: a field that is several inputs (the week's opening hours, a "start|end" slot).
 */
export type FieldKind = "text" | "string" | "optional" | "id" | "list" | "file" | ((form: FormData) => unknown);
export type FormFields = readonly string[] | Readonly<Record<string, FieldKind>>;

type ReadField<K> = K extends "text" | "optional"
  ? string | undefined
  : K extends "string"
    ? string
    : K extends "list"
      ? FormDataEntryValue[]
      : K extends "id"
        ? string | null
        : K extends "file"
          ? File | null
          : K extends (form: FormData) => infer R
            ? R
            : never;

export type ReadForm<F extends FormFields> = F extends readonly string[]
  ? { [N in F[number]]: string | undefined }
  : { -readonly [N in keyof F]: ReadField<F[N]> };

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : undefined);

function readField(form: FormData, name: string, kind: FieldKind): unknown {
  if (typeof kind === "function") return kind(form);
  const value = form.get(name);
  switch (kind) {
    case "text":
      return text(value);
    case "string":
      return text(value) ?? "";
    case "optional":
      return text(value)?.trim() ? value : undefined;
    case "id":
      return typeof value === "string" && isUuid(value) ? value : null;
    case "list":
      return form.getAll(name);
    case "file":
      return value instanceof File && value.size > 0 ? value : null;
  }
}

export function readForm<const F extends FormFields>(form: FormData, fields: F): ReadForm<F> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(fields)) for (const name of fields as readonly string[]) out[name] = readField(form, name, "text");
  else
    for (const [name, kind] of Object.entries(fields as Record<string, FieldKind>))
      out[name] = readField(form, name, kind);
  return out as ReadForm<F>;
}

/** Several text fields at once, to spread into a field list: `{ ...texts(TAX_ADDRESS_FIELDS), hours: weekHours }`. */
export function texts<const N extends string>(names: readonly N[]): { [K in N]: "text" } {
  return Object.fromEntries(names.map((name) => [name, "text"])) as { [K in N]: "text" };
}
