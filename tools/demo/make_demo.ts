/**
 * Regenerates the shipped demo: `data/samples/*.csv` and the `churn`
 * model's versions under `models/`. Run from the repository root:
 *
 * ```sh
 * deno run -A tools/demo/make_demo.ts
 * ```
 *
 * churn@1 is trained by ratchet (logistic) and is the champion; churn@2 is a
 * scikit-learn pipeline (gradient boosting) imported with the exporter, the
 * challenger. Needs Debian's python3-sklearn and python3-pandas for @2.
 *
 * @module
 */
import { join } from "node:path";
import { runCli } from "../../core/cli/mod.ts";
import { PYTHON } from "../../core/testing/mod.ts";
import { customersCsv, generateCustomers } from "./churn_data.ts";

async function cli(...args: string[]): Promise<void> {
  const code = await runCli(args);
  if (code !== 0) throw new Error(`ratchet ${args.join(" ")} exited ${code}`);
}

async function main(): Promise<void> {
  const root = Deno.cwd();
  const samples = join(root, "data", "samples");
  Deno.mkdirSync(samples, { recursive: true });
  try {
    Deno.removeSync(join(root, "models", "churn"), { recursive: true });
  } catch { /* first run */ }
  const history = generateCustomers(6000, 24, 2024);
  Deno.writeTextFileSync(join(samples, "churn.csv"), customersCsv(history));
  const fresh = generateCustomers(200, 1, 2026).map((c, i) => ({
    ...c,
    customer_id: `N${String(1000 + i)}`,
  }));
  Deno.writeTextFileSync(
    join(samples, "new_customers.csv"),
    customersCsv(fresh, ["churned", "month"]),
  );

  await cli(
    "train",
    "logistic",
    "--name",
    "churn",
    "--input",
    join(samples, "churn.csv"),
    "--target",
    "churned",
    "--exclude",
    "customer_id,month",
    "--positive",
    "yes",
    "--param",
    "C=1",
    "--description",
    "Will a customer leave next month? Logistic regression trained by ratchet.",
    "--alias",
    "champion",
    "--root",
    root,
  );
  const tmp = Deno.makeTempDirSync();
  try {
    const pkl = join(tmp, "churn.pkl");
    const train = await new Deno.Command(PYTHON, {
      args: [join(root, "tools", "demo", "train_sklearn.py"), join(samples, "churn.csv"), pkl],
    }).output();
    if (!train.success) throw new Error(new TextDecoder().decode(train.stderr));
    const exported = await new Deno.Command(PYTHON, {
      args: [
        join(root, "tools", "export_sklearn.py"),
        pkl,
        "--target",
        "churned",
        "--positive",
        "yes",
        "--description",
        "Gradient boosting pipeline from scikit-learn, the challenger.",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!exported.success) throw new Error(new TextDecoder().decode(exported.stderr));
    const artifact = join(tmp, "churn.json");
    Deno.writeFileSync(artifact, exported.stdout);
    await cli("models", "add", "churn", artifact, "--alias", "challenger", "--root", root);
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
}

if (import.meta.main) await main();
