/** Times on the webhook pages, to the minute in UTC: the same clock as the `created` field of the payloads. */
export const fmt = (d: Date | null, none = "never") => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : none);
