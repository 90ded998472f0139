/**
 * Seeded randomness for reproducible fits, searches and tests.
 * @module
 */
export * from "./random.ts";
