import { asc, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { str } from "../input";

/**
 * Keyset (cursor) paging for every list of /api/v1. A list is ordered by its sort key and then its id, so the order
 * is total and stable; a page asks for the rows strictly after the last row it saw, so rows inserted or deleted
 * meanwhile never shift a page (no row is skipped or repeated as with an offset). The cursor is opaque to clients:
 * base64url of `[list, ...sort key as text, id]`, checked on the way in, so a bad one is a 400 naming `cursor`.
 */

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;
const CURSOR_MAX = 2048;

type KeyType = "timestamptz" | "text";
type Key = { expr: AnyColumn | SQL; type: KeyType };

export type Cursor = { keys: string[]; id: string };
export type PageRequest = { limit: number; after: Cursor | null };
export type Page<T> = { rows: T[]; nextCursor: string | null };

const uuid = z.uuid();
// What `to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` writes: exact to the microsecond, unlike a JS Date.
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** One list's order: its name (a cursor is only good for its own list), sort keys, id column and direction. */
export class Keyset {
  constructor(
    readonly name: string,
    private readonly keys: Key[],
    private readonly id: AnyColumn,
    readonly direction: "asc" | "desc",
  ) {}

  /** The ORDER BY of the list: every key, then the id, all in the list's direction. */
  orderBy(): SQL[] {
    const dir = this.direction === "asc" ? asc : desc;
    return [...this.keys.map((k) => dir(k.expr)), dir(this.id)];
  }

  /** The rows after the cursor (a row comparison, so one index range scan), or nothing for the first page. */
  after(cursor: Cursor | null): SQL | undefined {
    if (!cursor) return undefined;
    const left = sql.join([...this.keys.map((k) => sql`${k.expr}`), sql`${this.id}`], sql`, `);
    const right = sql.join(
      [...this.keys.map((k, i) => sql`cast(${cursor.keys[i]} as ${sql.raw(k.type)})`), sql`cast(${cursor.id} as uuid)`],
      sql`, `,
    );
    return this.direction === "asc" ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
  }

  /** Select this as `cursor` in the list's query: the row's own cursor, encoded by the database to keep microseconds. */
  cursorColumn(): SQL<string> {
    const parts = this.keys.map((k) =>
      k.type === "timestamptz"
        ? sql`to_char(${k.expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
        : sql`(${k.expr})::text`,
    );
    return sql<string>`json_build_array(${this.name}::text, ${sql.join(parts, sql`, `)}, (${this.id})::text)::text`.mapWith(
      String,
    );
  }

  /** Reads a client's cursor; null when it is not one of this list's. */
  decode(raw: string): Cursor | null {
    if (raw.length > CURSOR_MAX || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    if (!Array.isArray(parsed) || parsed.length !== this.keys.length + 2 || parsed[0] !== this.name) return null;
    if (!parsed.every((p) => typeof p === "string")) return null;
    const keys = parsed.slice(1, -1) as string[];
    const id = parsed[parsed.length - 1] as string;
    if (!uuid.safeParse(id).success) return null;
    if (keys.some((k, i) => this.keys[i].type === "timestamptz" && (!instant.test(k) || Number.isNaN(Date.parse(k)))))
      return null;
    return { keys, id };
  }

  /** The query parameters of a paged list: `limit` and `cursor` (a 400 naming the parameter when wrong). */
  querySchema() {
    return z.object({
      limit: z.coerce
        .number({ error: "Must be a number" })
        .int("Must be a whole number")
        .min(1, `Must be 1 to ${PAGE_LIMIT_MAX}`)
        .max(PAGE_LIMIT_MAX, `Must be 1 to ${PAGE_LIMIT_MAX}`)
        .default(PAGE_LIMIT_DEFAULT)
        .describe(`Rows per page, 1 to ${PAGE_LIMIT_MAX} (default ${PAGE_LIMIT_DEFAULT})`),
      cursor: str()
        .optional()
        .transform((raw, ctx) => {
          if (raw === undefined || raw === "") return null;
          const cursor = this.decode(raw);
          if (!cursor)
            ctx.addIssue({
              code: "custom",
              message: "Not a cursor of this list: send `nextCursor` from the previous page unchanged",
            });
          return cursor;
        })
        .describe("`nextCursor` of the previous page (opaque); leave it out for the first page"),
    });
  }
}

export function keyset(name: string, keys: Key[], id: AnyColumn, direction: "asc" | "desc") {
  return new Keyset(name, keys, id, direction);
}

/** Rows fetched with `limit + 1` (see pageLimit) cut to a page: the extra row only says there is a next page. */
export function toPage<T extends { cursor: string }>(rows: T[], page: PageRequest): Page<Omit<T, "cursor">> {
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  const last = kept[kept.length - 1];
  return {
    rows: kept.map(({ cursor: _cursor, ...row }) => row),
    nextCursor: more && last ? Buffer.from(last.cursor, "utf8").toString("base64url") : null,
  };
}

/** The LIMIT of a page's query: one more than asked, to know whether a next page exists. */
export const pageLimit = (page: PageRequest) => page.limit + 1;

/** The paging fields every list answers beside `data` (documented once, in the OpenAPI document). */
export const pageFieldsSchema = z.object({
  hasMore: z.boolean().describe("Whether another page follows"),
  nextCursor: z.string().nullable().describe("Send as `cursor` for the next page; null on the last page"),
});

/**
 * A page as every list answers it: `{ data, hasMore, nextCursor }` (the `data` envelope lists always had, so a
 * client reading only `data` still works), plus `Link: <…>; rel="next"` with the next page's URL when there is one.
 */
export function pageJson<T>(
  req: Request,
  page: Page<T>,
  toJson: (row: T) => unknown,
  extra: Record<string, unknown> = {},
): Response {
  const headers = new Headers();
  if (page.nextCursor) {
    const next = new URL(req.url);
    next.searchParams.set("cursor", page.nextCursor);
    headers.set("link", `<${next.toString()}>; rel="next"`);
  }
  return Response.json(
    { ...extra, data: page.rows.map(toJson), hasMore: page.nextCursor !== null, nextCursor: page.nextCursor },
    { headers },
  );
}
