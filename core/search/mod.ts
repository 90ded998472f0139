/**
 * Candidate search: fit a plugin over a hyperparameter space on a training
 * window, rank candidates by the model's primary metric on a validation
 * window, publish the best as candidate versions, and write a leaderboard.
 *
 * @module
 */
export * from "./search_candidates.ts";
export * from "./leaderboard.ts";
export * from "./leaderboard_html.ts";
export * from "./search_space.ts";
export * from "./resolve_space.ts";
export * from "./candidate_params.ts";
export * from "./parse_budget.ts";
export * from "./parse_window.ts";
