import { invalid, type MetadataInput } from "./stripe-test-common";
import type { PageInput } from "./stripe-test-objects";

/**
 * A request's parameters as the Stripe test server reads them: Stripe's form encoding, and readers that check each
 * parameter as Stripe does (wrong types, missing or unknown parameters are refused, so a typo in our code fails here too).
 */

export type Params = Record<string, unknown>;

/** Parses Stripe's form encoding, where `a[b]=1`, `a[]=x` and `lines[0][type]=y` build nested objects and arrays. */
export function parseStripeForm(text: string): Params {
  const root: Params = {};
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw invalid(`Invalid parameter name: ${key}`);
    const path = [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])];
    assign(root, path, value, key);
  }
  return compact(root) as Params;
}

export function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    throw invalid("The request body is not valid form encoding.");
  }
}

function assign(container: Params | unknown[], path: string[], value: string, key: string): void {
  const [head, ...rest] = path;
  const isArray = Array.isArray(container);
  if (isArray && head !== "" && !/^\d{1,4}$/.test(head)) throw invalid(`Invalid array index in parameter ${key}`);
  const slot: string | number = isArray ? (head === "" ? container.length : Number(head)) : head;
  const get = () => (isArray ? container[slot as number] : (container as Params)[slot]);
  const set = (v: unknown) => (isArray ? (container[slot as number] = v) : ((container as Params)[slot] = v));
  if (rest.length === 0) {
    if (get() !== undefined && typeof get() === "object") throw invalid(`Conflicting values for parameter ${key}`);
    set(value);
    return;
  }
  const wantArray = rest[0] === "" || /^\d+$/.test(rest[0]);
  let child = get();
  if (child === undefined) set((child = wantArray ? [] : {}));
  if (typeof child !== "object" || child === null || Array.isArray(child) !== wantArray)
    throw invalid(`Conflicting values for parameter ${key}`);
  assign(child as Params | unknown[], rest, value, key);
}

/** Index gaps (`a[0]`, `a[5]`) would leave holes; Stripe reads the items in order. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
}

// Parameter readers: every value arrives as a string, as on the wire.

export const missing = (param: string) => invalid(`Missing required param: ${param}.`, param, "parameter_missing");

export function str(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw invalid(`Invalid string: ${name} must be a string`, name);
  return v;
}
export function required(p: Params, name: string): string {
  const v = str(p, name);
  if (!v) throw missing(name);
  return v;
}
export function int(p: Params, name: string): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(v)) throw invalid(`Invalid integer: ${v}`, name);
  return Number(v);
}
export function bool(p: Params, name: string): boolean | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (v !== "true" && v !== "false") throw invalid(`Invalid boolean: ${v}`, name);
  return v === "true";
}
export function strings(p: Params, name: string): string[] | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string"))
    throw invalid(`Invalid array: ${name} must be a list of strings`, name);
  return v as string[];
}
/** Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. */
export function metadata(p: Params): MetadataInput | undefined {
  const v = p.metadata;
  if (v === undefined || v === "") return v;
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw invalid("Invalid object: metadata must be a set of key-value pairs", "metadata");
  const entries = Object.entries(v);
  if (entries.length > 50) throw invalid("Invalid metadata: at most 50 keys", "metadata");
  for (const [key, value] of entries) {
    if (typeof value !== "string" || key.length > 40 || value.length > 500)
      throw invalid(`Invalid value for metadata[${key}]`, `metadata[${key}]`);
  }
  return v as Record<string, string>;
}
export function nested(p: Params, name: string, allowed: string[]): Params {
  const v = p[name];
  if (v === undefined) return {};
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid(`Invalid object: ${name}`, name);
  for (const key of Object.keys(v)) if (!allowed.includes(key)) throw unknown(`${name}[${key}]`);
  return v as Params;
}
export function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[]): T | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  const found = allowed.find((a) => a === v);
  if (!found) throw invalid(`Invalid ${name}: must be one of ${allowed.join(", ")}`, name);
  return found;
}
/** Stripe's pagination parameters, which every list endpoint takes. */
export const PAGE_PARAMS = ["limit", "starting_after", "ending_before"];
export function page(p: Params): PageInput {
  return { limit: int(p, "limit"), startingAfter: str(p, "starting_after"), endingBefore: str(p, "ending_before") };
}
export const unknown = (param: string) => invalid(`Received unknown parameter: ${param}`, param, "parameter_unknown");
