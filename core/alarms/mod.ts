/**
 * Alarms for now-tests: a line on stderr always, plus a webhook and email
 * per model, with state on disk so a restart neither repeats nor loses one.
 * @module
 */
export * from "./alarm_config.ts";
export * from "./alarm_event.ts";
export * from "./alarm_state.ts";
export * from "./alarm_email.ts";
export * from "./apply_verdict.ts";
export * from "./json_schema.ts";
export * from "./locked_alarm_state.ts";
export * from "./raise_alarm.ts";
export * from "./send_email.ts";
export * from "./send_webhook.ts";
