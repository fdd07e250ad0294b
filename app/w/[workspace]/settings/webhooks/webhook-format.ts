import { formatInZone } from "@/lib/studios/local-time";

/** Times on the webhook pages, on the workspace's clock and saying so (the payloads' `created` stays ISO UTC). */
export const fmt = (d: Date | null, zone: string, none = "never") => (d ? formatInZone(d, zone) : none);
