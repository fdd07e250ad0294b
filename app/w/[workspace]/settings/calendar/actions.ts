"use server";
import { memberAction } from "@/app/_lib/actions";
import { createFeed, revokeFeed } from "@/lib/calendar/feeds";
import { getEnv } from "@/lib/env";

export const createFeedAction = memberAction("bookings.view", {
  fields: { studioId: "string" },
  run: ({ db, gate, input }) => createFeed(db, gate, { studioId: input.studioId || undefined }),
  refused: { not_allowed: "You cannot make a feed of that calendar." },
  done: (feed, { gate }) => ({
    message: "Feed created. Copy its address now: it will not be shown again.",
    data: { url: `${getEnv().APP_URL}/api/calendar/${feed.token}.ics` },
    revalidate: [`/w/${gate.workspaceSlug}/settings/calendar`],
  }),
});

export const revokeFeedAction = memberAction("bookings.view", {
  fields: { feedId: "string" },
  run: ({ db, gate, input, now }) => revokeFeed(db, gate, input.feedId, now),
  refused: { not_found: "That feed does not exist or was already revoked." },
  done: (_, { gate }) => ({
    message: "Feed revoked: calendars using its address stop updating.",
    revalidate: [`/w/${gate.workspaceSlug}/settings/calendar`],
  }),
});
