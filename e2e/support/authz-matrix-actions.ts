import type { ActionOutcome, PerActor } from "./authz-matrix";

/**
 * The server-action rows of the authorization matrix (re-exported by e2e/support/authz-matrix.ts, which explains
 * the actors and the outcomes). EVERY EXPORT OF A "use server" FILE NEEDS A ROW HERE.
 */

const everyone = (outcome: ActionOutcome): PerActor<ActionOutcome> => ({
  owner: outcome,
  manager: outcome,
  staff: outcome,
  creator: outcome,
  brand: outcome,
  outsider: outcome,
  anonymous: outcome,
});

/** An action for owners and managers only (studios.manage, policies.manage): every other actor is denied. */
const ownersAndManagers = (gate: string): ActionRow => ({
  args: "state-and-form",
  gate,
  expect: {
    owner: "allowed",
    manager: "allowed",
    staff: "denied",
    creator: "denied",
    brand: "denied",
    outsider: "denied",
    anonymous: "denied",
  },
});

/** An action for brands only (webhooks.manage): every other role, like a non-member, is denied. */
const brandsOnly = (gate: string): ActionRow => ({
  args: "state-and-form",
  gate,
  expect: {
    owner: "denied",
    manager: "denied",
    staff: "denied",
    creator: "denied",
    brand: "allowed",
    outsider: "denied",
    anonymous: "denied",
  },
});

/** Stock work at the studio (inventory.manage): owners, managers and staff pass the gate; nobody else does. */
const stockWork = (gate: string): ActionRow => ({
  args: "state-and-form",
  gate,
  expect: {
    owner: "allowed",
    manager: "allowed",
    staff: "allowed",
    creator: "denied",
    brand: "denied",
    outsider: "denied",
    anonymous: "denied",
  },
});

/** Payments (payments.manage): owners pass the gate (then hear which mode the server is in); nobody else does. */
const ownersOnly = (gate: string): ActionRow => ({
  args: "state-and-form",
  gate,
  expect: {
    owner: "allowed",
    manager: "denied",
    staff: "denied",
    creator: "denied",
    brand: "denied",
    outsider: "denied",
    anonymous: "denied",
  },
});

const SETUP = "app/w/[workspace]/setup";
const PAYMENT_ACTIONS = "app/w/[workspace]/settings/payments/actions.ts";
const STUDIO_ACTIONS = `${SETUP}/studios/[studioId]/actions.ts`;
const ROOM_ACTIONS = `${SETUP}/rooms/[roomId]/actions.ts`;
const WEBHOOK_ACTIONS = "app/w/[workspace]/settings/webhooks/actions.ts";

/**
 * How the browser calls the action: "state-and-form" = useActionState(action) → action(prevState, formData);
 * "form" = <form action={action}> → action(formData).
 */
export type ActionArgs = "state-and-form" | "form";
export type ActionRow = { args: ActionArgs; gate: string; expect: PerActor<ActionOutcome> };

/** Keyed by `<file under app/>#<exported name>`, as in the build's server-reference manifest. */
export const ACTIONS: Record<string, ActionRow> = {
  "app/actions.ts#signOutAction": {
    args: "form",
    gate: "public (signing out of nothing is harmless)",
    expect: everyone("allowed"),
  },
  "app/(auth)/sign-in/actions.ts#signInAction": { args: "state-and-form", gate: "public", expect: everyone("allowed") },
  "app/(auth)/sign-in/actions.ts#magicLinkAction": {
    args: "state-and-form",
    gate: "public",
    expect: everyone("allowed"),
  },
  "app/(auth)/sign-up/actions.ts#signUpAction": { args: "state-and-form", gate: "public", expect: everyone("allowed") },
  "app/(auth)/forgot-password/actions.ts#requestResetAction": {
    args: "state-and-form",
    gate: "public",
    expect: everyone("allowed"),
  },
  "app/(auth)/reset-password/actions.ts#resetPasswordAction": {
    args: "state-and-form",
    gate: "public (needs the emailed token)",
    expect: everyone("allowed"),
  },
  "app/invite/[token]/actions.ts#acceptInvitationAction": {
    args: "state-and-form",
    gate: "signed in (then the invited email must match)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "allowed",
      outsider: "allowed",
      anonymous: "denied",
    },
  },
  "app/workspaces/new/actions.ts#createWorkspaceAction": {
    args: "state-and-form",
    gate: "signed in",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "allowed",
      outsider: "allowed",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/book/[roomId]/actions.ts#holdSlotAction": {
    args: "state-and-form",
    gate: "bookings.create",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/book/[roomId]/actions.ts#rescheduleSlotAction": {
    args: "state-and-form",
    gate: "bookings.create",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/bookings/actions.ts#checkOutOwnSessionAction": {
    args: "state-and-form",
    gate: "bookings.view (then only a creator, for their own session)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/bookings/actions.ts#operateBookingAction": {
    args: "state-and-form",
    gate: "bookings.operate (then the studio must be the actor's)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/run-sheet/actions.ts#checkInByCodeAction": {
    args: "state-and-form",
    gate: "bookings.operate (then the code's booking must be in the actor's studio)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/run-sheet/actions.ts#blockRoomAction": {
    args: "state-and-form",
    gate: "bookings.operate (then the room must be in the actor's studio)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/billing/actions.ts#startCardCheckoutAction": {
    args: "state-and-form",
    gate: "billing.view (then only creators keep a card)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/billing/actions.ts#openCustomerPortalAction": {
    args: "state-and-form",
    gate: "billing.view (then only creators have a portal)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/billing/actions.ts#voidChargeAction": {
    args: "state-and-form",
    gate: "billing.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/billing/actions.ts#creditChargeAction": {
    args: "state-and-form",
    gate: "billing.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/billing/actions.ts#recordOfflinePaymentAction": {
    args: "state-and-form",
    gate: "billing.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/bookings/actions.ts#confirmBookingAction": {
    args: "state-and-form",
    gate: "bookings.create (then the booking must be visible)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/bookings/actions.ts#cancelBookingAction": {
    args: "state-and-form",
    gate: "bookings.create (then the booking must be visible)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/bookings/actions.ts#cancelSeriesAction": {
    args: "state-and-form",
    gate: "bookings.create (then the series must be visible)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/bookings/actions.ts#withdrawWaitlistAction": {
    args: "state-and-form",
    gate: "bookings.create (then the waitlist entry must be visible)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/book/[roomId]/actions.ts#joinWaitlistAction": {
    args: "state-and-form",
    gate: "bookings.create",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/book/[roomId]/series/actions.ts#previewSeriesAction": {
    args: "state-and-form",
    gate: "bookings.create",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/book/[roomId]/series/actions.ts#bookSeriesAction": {
    args: "state-and-form",
    gate: "bookings.create",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/calendar/actions.ts#createFeedAction": {
    args: "state-and-form",
    gate: "bookings.view (creators: own; staff etc.: their studios)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/calendar/actions.ts#revokeFeedAction": {
    args: "state-and-form",
    gate: "bookings.view (own feeds only)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/actions.ts#updateProfileAction": {
    args: "state-and-form",
    gate: "profile.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "allowed",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/actions.ts#changePasswordAction": {
    args: "state-and-form",
    gate: "profile.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "allowed",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/tokens/actions.ts#createTokenAction": {
    args: "state-and-form",
    gate: "tokens.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "allowed",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/tokens/actions.ts#revokeTokenAction": {
    args: "state-and-form",
    gate: "tokens.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "allowed",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/members/actions.ts#inviteAction": {
    args: "state-and-form",
    gate: "members.invite",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/members/actions.ts#revokeInvitationAction": {
    args: "state-and-form",
    gate: "members.invite",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/members/actions.ts#changeRoleAction": {
    args: "state-and-form",
    gate: "members.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/settings/members/actions.ts#removeMemberAction": {
    args: "state-and-form",
    gate: "members.manage",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  [`${PAYMENT_ACTIONS}#connectStripeAction`]: ownersOnly("payments.manage, then platform mode"),
  [`${PAYMENT_ACTIONS}#continueOnboardingAction`]: ownersOnly(
    "payments.manage, then platform mode and a connected account",
  ),
  [`${PAYMENT_ACTIONS}#refreshStripeAccountAction`]: ownersOnly(
    "payments.manage, then platform mode and a connected account",
  ),
  [`${PAYMENT_ACTIONS}#openStripeDashboardAction`]: ownersOnly(
    "payments.manage, then platform mode and an onboarded account",
  ),
  [`${WEBHOOK_ACTIONS}#createEndpointAction`]: brandsOnly("webhooks.manage"),
  [`${WEBHOOK_ACTIONS}#updateEndpointAction`]: brandsOnly("webhooks.manage (then the endpoint must be the brand's)"),
  [`${WEBHOOK_ACTIONS}#setEndpointEnabledAction`]: brandsOnly(
    "webhooks.manage (then the endpoint must be the brand's)",
  ),
  [`${WEBHOOK_ACTIONS}#rotateSecretAction`]: brandsOnly("webhooks.manage (then the endpoint must be the brand's)"),
  [`${WEBHOOK_ACTIONS}#deleteEndpointAction`]: brandsOnly("webhooks.manage (then the endpoint must be the brand's)"),
  [`${WEBHOOK_ACTIONS}#sendTestEventAction`]: brandsOnly("webhooks.manage (then the endpoint must be the brand's)"),
  [`${WEBHOOK_ACTIONS}#replayDeliveryAction`]: brandsOnly("webhooks.manage (then the delivery must be the brand's)"),
  "app/w/[workspace]/shipments/new/actions.ts#createShipmentAction": {
    args: "state-and-form",
    gate: "shipments.create (owner, manager, brand)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "allowed",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/shipments/new/actions.ts#importItemsCsvAction": {
    args: "state-and-form",
    gate: "shipments.create (reads a CSV into the form; saves nothing)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "denied",
      creator: "denied",
      brand: "allowed",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  // Samples, staff side: inventory.manage (owner, manager, staff); the use cases then hold staff to their studios.
  "app/w/[workspace]/receiving/actions.ts#receiveShipmentAction": stockWork(
    "inventory.manage (then the shipment's studio must be the actor's)",
  ),
  "app/w/[workspace]/receiving/actions.ts#logUnexpectedBoxAction": stockWork(
    "inventory.manage (then the studio must be the actor's)",
  ),
  "app/w/[workspace]/inventory/actions.ts#createLocationAction": stockWork(
    "inventory.manage (then the studio must be the actor's)",
  ),
  "app/w/[workspace]/inventory/actions.ts#moveStockAction": stockWork(
    "inventory.manage (then the stock's studio must be the actor's)",
  ),
  "app/w/[workspace]/inventory/actions.ts#cycleCountAction": stockWork(
    "inventory.manage (then the stock's studio must be the actor's)",
  ),
  "app/w/[workspace]/inventory/actions.ts#stageStockAction": stockWork(
    "inventory.manage (then the stock and the session must be in the actor's studio)",
  ),
  "app/w/[workspace]/inventory/actions.ts#returnToShelfAction": stockWork(
    "inventory.manage (then the stock's studio must be the actor's)",
  ),
  "app/w/[workspace]/inventory/actions.ts#completeLeftoversAction": stockWork(
    "inventory.manage (then the shipment's studio must be the actor's)",
  ),
  "app/w/[workspace]/bookings/samples-actions.ts#assignSampleAction": stockWork(
    "inventory.manage (then the item and the session must be in the actor's studio)",
  ),
  // Overnight storage: storage.use (owner, manager, staff, creator); the use cases then hold creators to their own
  // reservations and staff to their studios'. Units are set up with storage.manage.
  "app/w/[workspace]/storage/actions.ts#reserveUnitAction": {
    args: "state-and-form",
    gate: "storage.use (then a creator for themselves, others for a creator in their studios)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/storage/actions.ts#cancelReservationAction": {
    args: "state-and-form",
    gate: "storage.use (then the reservation must be the creator's own, or in the actor's studio)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/storage/actions.ts#storeGoodsAction": {
    args: "state-and-form",
    gate: "storage.use (then the reservation must be the creator's own, or in the actor's studio)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/storage/actions.ts#collectGoodsAction": {
    args: "state-and-form",
    gate: "storage.use (then the reservation must be the creator's own, or in the actor's studio)",
    expect: {
      owner: "allowed",
      manager: "allowed",
      staff: "allowed",
      creator: "allowed",
      brand: "denied",
      outsider: "denied",
      anonymous: "denied",
    },
  },
  "app/w/[workspace]/storage/actions.ts#createStorageUnitAction": ownersAndManagers(
    "storage.manage (then the studio must be the workspace's)",
  ),
  [`${SETUP}/actions.ts#createStudioAction`]: ownersAndManagers("studios.manage"),
  [`${SETUP}/policies/actions.ts#updatePoliciesAction`]: ownersAndManagers("policies.manage"),
  [`${STUDIO_ACTIONS}#updateStudioAction`]: ownersAndManagers(
    "studios.manage (then the studio must be the workspace's)",
  ),
  [`${STUDIO_ACTIONS}#addClosureAction`]: ownersAndManagers("studios.manage (then the studio must be the workspace's)"),
  [`${STUDIO_ACTIONS}#removeClosureAction`]: ownersAndManagers(
    "studios.manage (then the closure must be the workspace's)",
  ),
  [`${STUDIO_ACTIONS}#createRoomAction`]: ownersAndManagers("studios.manage (then the studio must be the workspace's)"),
  [`${STUDIO_ACTIONS}#createAddOnAction`]: ownersAndManagers(
    "studios.manage (then the studio must be the workspace's)",
  ),
  [`${STUDIO_ACTIONS}#updateAddOnAction`]: ownersAndManagers(
    "studios.manage (then the add-on must be the workspace's)",
  ),
  [`${STUDIO_ACTIONS}#setAddOnActiveAction`]: ownersAndManagers(
    "studios.manage (then the add-on must be the workspace's)",
  ),
  [`${ROOM_ACTIONS}#updateRoomAction`]: ownersAndManagers("studios.manage (then the room must be the workspace's)"),
  [`${ROOM_ACTIONS}#addRoomBlockAction`]: ownersAndManagers("studios.manage (then the room must be the workspace's)"),
  [`${ROOM_ACTIONS}#removeRoomBlockAction`]: ownersAndManagers(
    "studios.manage (then the block must be the workspace's)",
  ),
  [`${ROOM_ACTIONS}#addPricingRuleAction`]: ownersAndManagers("studios.manage (then the room must be the workspace's)"),
  [`${ROOM_ACTIONS}#removePricingRuleAction`]: ownersAndManagers(
    "studios.manage (then the rule must be the workspace's)",
  ),
  [`${ROOM_ACTIONS}#removeRoomPhotoAction`]: ownersAndManagers(
    "studios.manage (then the photo must be the workspace's)",
  ),
};
