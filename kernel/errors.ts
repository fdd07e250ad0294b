/**
 * The one error vocabulary. A use case's expected failure (`fail(code, …)` in lib/result.ts) names a code; every
 * code is one of five kernel kinds, or a domain code that declares which kind it is. The edges map the KIND (plus
 * the few exceptions they list) and never a list of codes of their own: the API to problem+json in
 * lib/api/problem-of.ts, the server actions to words in lib/actions/refusal.ts.
 *
 * It lives in the kernel (pure, no project import) because lib/result.ts types `fail` with it, so a code that is
 * not declared here does not compile, and db/, lib/, app/ and tests may all name the codes.
 */

/**
 * - `not_found`: the caller may not see it (an id of another workspace answers exactly like one that does not exist).
 * - `forbidden`: the caller sees it, but their role or scope does not allow this.
 * - `invalid`: what was sent is wrong (field errors name the fields).
 * - `conflict`: someone else got there first, or changed it meanwhile (a taken time, a taken name, a stale view).
 * - `rule`: the state of things forbids it (a status, a moment, a policy, an outside service that said no).
 */
export const ERROR_KINDS = ["not_found", "forbidden", "invalid", "conflict", "rule"] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Every domain code and its kind. Add a code here (and nowhere else) before a use case returns it. */
export const DOMAIN_ERRORS = {
  // who is asking
  unauthenticated: "forbidden",
  not_allowed: "forbidden",
  role_not_allowed: "forbidden",
  wrong_account: "forbidden",
  rate_limited: "rule",
  wrong_password: "invalid",
  invalid_token: "invalid",
  invalid_invitation: "invalid",
  email_taken: "conflict",
  slug_taken: "conflict",
  already_member: "conflict",
  last_owner: "rule",
  invalid_studios: "invalid",
  invalid_brand: "invalid",
  // bookings
  slot_taken: "conflict",
  series_conflict: "conflict",
  slot_free: "conflict",
  room_inactive: "rule",
  not_held: "rule",
  hold_expired: "rule",
  not_cancellable: "rule",
  not_waiting: "rule",
  wrong_status: "rule",
  too_early: "rule",
  wrong_day: "rule",
  wrong_studio: "rule",
  payment_overdue: "rule",
  card_required: "rule",
  // studio setup
  name_taken: "conflict",
  invalid_time: "invalid",
  in_past: "rule",
  too_many: "rule",
  currency_locked: "rule",
  stripe_tax: "invalid",
  // billing and Stripe
  not_voidable: "rule",
  not_creditable: "rule",
  not_connected: "rule",
  not_ready: "rule",
  not_platform: "rule",
  no_stripe: "rule",
  refused: "rule",
  unreachable: "rule",
  stripe_error: "rule",
  sync_failed: "rule",
  bad_signature: "invalid",
  // samples and storage
  insufficient: "conflict",
  closed: "rule",
  taken: "conflict",
  // brand webhooks
  url_not_allowed: "invalid",
  endpoint_disabled: "rule",
  in_progress: "conflict",
  malformed: "invalid",
  stale: "invalid",
  mismatch: "invalid",
} as const satisfies Record<string, ErrorKind>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;
export type ErrorCode = ErrorKind | DomainErrorCode;

const KINDS: ReadonlySet<string> = new Set(ERROR_KINDS);

export function isErrorCode(code: string): code is ErrorCode {
  return KINDS.has(code) || Object.hasOwn(DOMAIN_ERRORS, code);
}

/** The kernel kind of a code: itself for a kind, the declared kind for a domain code. */
export function kindOf(code: ErrorCode): ErrorKind {
  return KINDS.has(code) ? (code as ErrorKind) : DOMAIN_ERRORS[code as DomainErrorCode];
}
