/** RFC 9457 problem details for every error of /api/v1/*. Never carries internals (SQL, stacks, messages of bugs). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
};

export function problem(status: number, init: Partial<Problem> & { code?: string } = {}) {
  const { code, ...rest } = init;
  const body: Problem = {
    type: `https://livebase.dev/problems/${code ?? (TITLES[status] ?? "error").toLowerCase().replace(/\s+/g, "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    ...rest,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/problem+json",
      ...(status === 401 ? { "www-authenticate": 'Bearer realm="livebase"' } : {}),
    },
  });
}

/** zod issues as problem `errors`, one per field. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]) {
  return issues.map((i) => ({ field: i.path.map(String).join(".") || "(body)", message: i.message }));
}
