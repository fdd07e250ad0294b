import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { HTTP_METHODS, type HttpMethod } from "./authz-matrix";

/**
 * Finds what the app exposes, from the source tree and the production build, so that the authorization matrix
 * can fail on anything nobody wrote a row for. Paths are relative to the project root (Playwright's cwd).
 */

const ROOT = process.cwd();
const APP_DIR = path.join(ROOT, "app");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** `app/...` with forward slashes, as in Next's manifests. */
const appRelative = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/**
 * The URL pattern of an app-router file or manifest key: "app/(auth)/sign-in/page.tsx" → "/sign-in",
 * "app/w/[workspace]/settings/members/page" → "/w/[workspace]/settings/members". Route groups "(x)" and parallel
 * route slots "@x" are not part of the URL; dynamic segments ("[workspace]", "[...path]") are kept as written.
 */
export function urlPattern(appFile: string): string {
  const segments = appFile.split("/").slice(1, -1); // drop "app" and the file name
  const kept = segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return "/" + kept.join("/");
}

/** Every page of the app, as URL patterns. */
export function discoverPages(): string[] {
  return walk(APP_DIR)
    .filter((f) => /^page\.(tsx|ts|jsx|js|mdx)$/.test(path.basename(f)))
    .map((f) => urlPattern(appRelative(f)))
    .sort();
}

/** Every route handler of the app, with the HTTP methods it exports (declared, re-exported or destructured). */
export function discoverRoutes(): Record<string, HttpMethod[]> {
  const routes: Record<string, HttpMethod[]> = {};
  for (const file of walk(APP_DIR).filter((f) => /^route\.(ts|js)$/.test(path.basename(f)))) {
    const source = readFileSync(file, "utf8");
    routes[urlPattern(appRelative(file))] = HTTP_METHODS.filter(
      (m) =>
        new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${m}\\b`).test(source) ||
        new RegExp(`export\\s*(?:(?:const|let)\\s*)?\\{[^}]*\\b${m}\\b`).test(source), // export { h as GET }, export const { GET } = handlers
    );
  }
  return routes;
}

/**
 * Every exported function of every server-action file (`actions.ts`, or any file whose first statement is
 * "use server"), as `app/...#name`. Covers actions that no page imports yet, which the build does not list.
 */
export function discoverActionExports(): string[] {
  const found: string[] = [];
  for (const file of walk(APP_DIR).filter((f) => /\.(ts|tsx)$/.test(f))) {
    const source = readFileSync(file, "utf8");
    const isActionFile =
      path.basename(file) === "actions.ts" ||
      /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source);
    if (!isActionFile) continue;
    for (const m of source.matchAll(/export\s+(?:async\s+function\s+(\w+)|const\s+(\w+)\s*=\s*async\b)/g)) {
      found.push(`${appRelative(file)}#${m[1] ?? m[2]}`);
    }
  }
  return found.sort();
}

export type BuiltAction = { id: string; key: string; pages: string[] };

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
type Manifest = { node?: Record<string, ManifestEntry>; edge?: Record<string, ManifestEntry> };

export function distDir() {
  return path.join(ROOT, process.env.NEXT_DIST_DIR || ".next");
}

/**
 * The server actions of the build the e2e server runs (`<distDir>/server/server-reference-manifest.json`), keyed
 * `app/...#name`, with the action id React sends as `Next-Action` and the pages that load it (as URL patterns).
 */
export function readBuiltActions(): Map<string, BuiltAction> {
  const file = path.join(distDir(), "server", "server-reference-manifest.json");
  if (!existsSync(file))
    throw new Error(`${file} is missing: the e2e server builds it (run without E2E_SKIP_BUILD once)`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  const actions = new Map<string, BuiltAction>();
  for (const [id, entry] of [...Object.entries(manifest.node ?? {}), ...Object.entries(manifest.edge ?? {})]) {
    if (!entry.filename || !entry.exportedName) throw new Error(`action ${id} in ${file} has no filename/exportedName`);
    const key = `${entry.filename}#${entry.exportedName}`;
    const pages = Object.keys(entry.workers)
      .filter((w) => w.endsWith("/page"))
      .map((w) => urlPattern(`${w}.tsx`))
      .sort();
    actions.set(key, { id, key, pages });
  }
  return actions;
}

/** What is in `actual` and not in `listed`, and the other way round. */
export function difference(actual: Iterable<string>, listed: Iterable<string>) {
  const a = new Set(actual);
  const l = new Set(listed);
  return { missing: [...a].filter((x) => !l.has(x)).sort(), stale: [...l].filter((x) => !a.has(x)).sort() };
}
