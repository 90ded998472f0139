import assert from "node:assert/strict";
import { alarmsJsonSchema } from "./json_schema.ts";

Deno.test("schema/alarms.schema.json is up to date with the zod schema (run `deno task schema`)", () => {
  const committed = Deno.readTextFileSync(
    new URL("../../schema/alarms.schema.json", import.meta.url),
  );
  assert.equal(committed, alarmsJsonSchema());
});

Deno.test("the alarms JSON Schema names the channels and has no place for a password", () => {
  const schema = JSON.parse(alarmsJsonSchema());
  assert.deepEqual(Object.keys(schema.properties), [
    "webhook",
    "email",
    "repeat_after_hours",
    "drift",
  ]);
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.properties.webhook.required, ["url"]);
  assert.deepEqual(schema.properties.email.required, ["to", "from", "smtp"]);
  const smtp = schema.properties.email.properties.smtp;
  assert.equal(smtp.additionalProperties, false);
  assert.ok(!("password" in smtp.properties));
  assert.ok("password_env" in smtp.properties);
});
