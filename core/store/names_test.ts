import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { parseModelRef, parseVersion, validateModelName } from "./names.ts";

Deno.test("model names that could leave models/ are refused with the reason", () => {
  const cases: [string, string][] = [
    ["..", "'..'"],
    ["a..b", "'..'"],
    ["../etc", "'..'"],
    ["a/b", "path separator"],
    ["a\\b", "path separator"],
    ["%2e%2e", "characters other than"],
    ["a\0b", "NUL"],
    ["x".repeat(256), "256 bytes"],
    ["é".repeat(128), "256 bytes"],
    ["", "empty"],
    [".hidden", "characters other than"],
    ["-flag", "characters other than"],
  ];
  for (const [name, why] of cases) {
    assert.throws(() => validateModelName(name), (e: unknown) => {
      assert.ok(e instanceof RatchetError && e.status === 400);
      assert.ok(e.message.includes(why), `${JSON.stringify(name)}: ${e.message}`);
      return true;
    });
  }
  for (const ok of ["churn", "churn-v2", "house_prices.2026", "A1", "x".repeat(255)]) {
    validateModelName(ok);
  }
});

Deno.test("versions are whole numbers from 1 without leading zeros", () => {
  assert.equal(parseVersion("7"), 7);
  for (const bad of ["0", "07", "-1", "1.5", "1e3", "", "3/../4", "9999999999"]) {
    assert.throws(() => parseVersion(bad), /Invalid model version/);
  }
});

Deno.test("model references name a version, an alias or nothing", () => {
  assert.deepEqual(parseModelRef("churn"), { name: "churn", ref: undefined });
  assert.deepEqual(parseModelRef("churn@12"), { name: "churn", ref: 12 });
  assert.deepEqual(parseModelRef("churn@challenger"), { name: "churn", ref: "challenger" });
  assert.deepEqual(parseModelRef("churn@latest"), { name: "churn", ref: "latest" });
  assert.throws(() => parseModelRef("churn@best"), /after '@'/);
  assert.throws(() => parseModelRef("../x@1"), /Invalid model name/);
  assert.throws(() => parseModelRef("churn@01"), /Invalid model version/);
});
