export * from "./machines";
export * from "./errors";
export * from "./apply-transition";
