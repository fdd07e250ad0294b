import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { startEmbedded } from "./embedded";

describe("embedded PostgreSQL over the wire protocol", () => {
  it("keeps concurrent clients' queries and transactions apart on the one shared PGlite session", async () => {
    const server = await startEmbedded("memory://");
    const a = postgres(server.url, { max: 4, onnotice: () => {} });
    const b = postgres(server.url, { max: 4, onnotice: () => {} });
    try {
      await a`create table t (id int primary key)`;
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 ? a : b)`select ${i}::int as n, ${`s${i}`}::text as s`.then((r) => r[0]),
        ),
      );
      expect(results.map((r) => r.n)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      await Promise.all([
        a.begin(async (tx) => {
          await tx`insert into t values (1)`;
          await new Promise((r) => setTimeout(r, 30));
          await tx`insert into t values (2)`;
        }),
        b.begin(async (tx) => {
          await tx`insert into t values (3)`;
        }),
        // A failed transaction rolls back alone.
        a
          .begin(async (tx) => {
            await tx`insert into t values (4)`;
            await tx`insert into t values (1)`;
          })
          .catch(() => "rolled back"),
      ]);
      const rows = await b`select id from t order by id`;
      expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
    } finally {
      await a.end();
      await b.end();
      await server.stop();
    }
  });
});
