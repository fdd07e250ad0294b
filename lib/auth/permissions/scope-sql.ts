import { and, eq, inArray, sql, type Column, type SQL } from "drizzle-orm";
import type { Actor } from "./grants";
import type { RowScope } from "./row-scopes";

/**
 * The columns a domain's rows are scoped by: always the workspace; the studio, brand and creator where its scope
 * can name them. `creator` may be a condition of its own (stock: owned by the creator, or sent for them).
 */
export type ScopeColumns = {
  workspace: Column;
  studio?: Column;
  brand?: Column;
  creator?: Column | ((creatorId: string) => SQL);
};

/**
 * The WHERE condition for a row scope on a domain's columns. Only the mapping lives here: who sees which rows is
 * decided in `row-scopes.ts`. A scope the columns cannot express is a bug, so it throws.
 */
export function scopeWhere(actor: Pick<Actor, "workspaceId">, scope: RowScope, columns: ScopeColumns): SQL {
  const inWorkspace = eq(columns.workspace, actor.workspaceId);
  switch (scope.rows) {
    case "workspace":
      return inWorkspace;
    case "studios":
      return and(inWorkspace, inArray(need(columns.studio, scope), scope.studioIds))!;
    case "brand":
      return and(inWorkspace, eq(need(columns.brand, scope), scope.brandId))!;
    case "creator": {
      const creator = need(columns.creator, scope);
      return and(inWorkspace, typeof creator === "function" ? creator(scope.creatorId) : eq(creator, scope.creatorId))!;
    }
    case "none":
      return sql`false`;
  }
}

function need<T>(column: T | undefined, scope: RowScope): T {
  if (column === undefined) throw new Error(`No column to scope rows by ${scope.rows}`);
  return column;
}
