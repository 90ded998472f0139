/**
 * Floating-point summation in numpy's orders, for bit-exact parity.
 * @module
 */
export * from "./numpy_sum.ts";
