/**
 * Who may do what, in one place (deny unless a rule allows):
 * - `grants.ts`: every permission and the roles it is granted to (`can(actor, "bookings.cancel")`);
 * - `roles.ts`: what a role's membership ties it to and for whom it acts (`isStudioScoped`, `actsForSelfOnly`,
 *   `canBeBookedFor`), and who may give which role to whom;
 * - `studios.ts`: which studios an actor works in, books in, reserves storage in;
 * - `row-scopes.ts`: which rows of each kind an actor sees (`bookingScope`, `shipmentScope`, `chargeScope`, …),
 *   which each domain turns into its WHERE condition with `scopeWhere` (`scope-sql.ts`).
 */
export { can, PERMISSIONS, ROLES, type Actor, type Permission } from "./grants";
export {
  actsForSelfOnly,
  assignableRoles,
  canBeBookedFor,
  canManageMember,
  isBrandScoped,
  isStudioScoped,
  ownsAsCreator,
  removesAnOwner,
  seesAllStudios,
} from "./roles";
export { canBookInStudio, canOperateStudio, canReserveStorageIn } from "./studios";
export {
  bookingScope,
  chargeScope,
  shipmentScope,
  stockScope,
  storageReservationScope,
  webhookScope,
  type RowScope,
} from "./row-scopes";
