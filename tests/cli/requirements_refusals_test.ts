/**
 * What `ratchet requirements` refuses, naming the file, the JSON path and
 * the metric.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { expectRatchet, trainChurn } from "./_requirements.ts";
import { withProject } from "./_ratchet.ts";

Deno.test("requirements refuses bad files and bad options, naming the file, path and metric", () =>
  withProject(async (root) => {
    const { holdout } = await trainChurn(root);
    await expectRatchet(["requirements", "init", "churn", "--input", holdout], root);
    const file = join(root, "models", "churn", "requirements.json");
    const good = Deno.readTextFileSync(file);
    const edit = (metrics: string) =>
      Deno.writeTextFileSync(file, good.replace('"metrics": {}', `"metrics": ${metrics}`));
    const cases: [string, RegExp][] = [
      ['{"roc_auc": {"min": NaN}}', /\$\.metrics\.roc_auc\.min\): NaN is not valid JSON/],
      ['{"auc": {"min": 0.7}}', /\$\.metrics\.auc: unknown metric "auc"/],
      [
        '{"roc_auc": {"range": [0.9, 0.8]}}',
        /\$\.metrics\.roc_auc\.range: inverted range \[0\.9, 0\.8\]/,
      ],
      [
        '{"log_loss": {"min": 0.3}}',
        /\$\.metrics\.log_loss\.min: log_loss is better when lower: use max, not min/,
      ],
      ['{"rmse": {"max": 3}}', /\$\.metrics\.rmse: rmse does not apply to a binary model/],
    ];
    for (const [metrics, pattern] of cases) {
      edit(metrics);
      for (
        const args of [["requirements", "show", "churn"], [
          "requirements",
          "check",
          "churn",
          "--input",
          holdout,
        ]]
      ) {
        const r = await expectRatchet(args, root, 2);
        assert.match(r.stderr, pattern, `${args.join(" ")} with ${metrics}`);
        assert.ok(r.stderr.includes(file), r.stderr);
      }
    }
    Deno.writeTextFileSync(file, good);
    const options: [string[], RegExp][] = [
      [["set", "churn", "--min", "log_loss=0.3", "--reason", "r"], /use --max log_loss=0\.3/],
      [["set", "churn", "--max", "f1=0.3", "--reason", "r"], /use --min f1=0\.3/],
      [["set", "churn", "--range", "f1=0.9..0.2", "--reason", "r"], /inverted range/],
      [["set", "churn", "--min", "f1=NaN", "--reason", "r"], /"NaN" is not a finite number/],
      [["set", "churn", "--min", "auc=0.7", "--reason", "r"], /unknown metric "auc"/],
      [["set", "churn", "--remove", "f1", "--reason", "r"], /f1 has no thresholds/],
      [["ratchet", "churn", "--margin", "-1"], /Invalid --margin -1/],
      [["ratchet", "churn"], /Give --input FILE: .* no evaluation sample/],
      [["init", "churn", "--input", holdout, "--force"], /give --reason/],
    ];
    for (const [args, pattern] of options) {
      const r = await expectRatchet(["requirements", ...args], root, 2);
      assert.match(r.stderr, pattern, args.join(" "));
    }
    assert.equal(Deno.readTextFileSync(file), good, "refused commands write nothing");
  }));
