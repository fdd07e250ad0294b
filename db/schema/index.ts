export * from "./accounts";
export * from "./studios";
export * from "./bookings";
export * from "./samples";
export * from "./storage";
export * from "./billing";
export * from "./delivery";
