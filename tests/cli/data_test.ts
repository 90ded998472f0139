/**
 * `ratchet data import|list|show` as a user runs them, with real DuckDB and
 * real Parquet files, and every bad input the datasets issue names.
 */
import assert from "node:assert/strict";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv } from "../../core/table/mod.ts";
import { runDenoScript } from "../../core/testing/mod.ts";
import { expectExit, ratchet, withProject } from "./_ratchet.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** Daily rows from 2015-01-01: date, a number, a category. */
function dailyCsv(days: number, extra = ""): string {
  const t0 = Date.parse("2015-01-01T00:00:00Z");
  const lines = [`date,temp,kind${extra ? `,${extra}` : ""}`];
  for (let i = 0; i < days; i++) {
    const day = new Date(t0 + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},${(i * 0.7) % 13},${["a", "b"][i % 2]}${extra ? ",1" : ""}`);
  }
  return lines.join("\n") + "\n";
}

function write(root: string, name: string, text: string): string {
  const path = join(root, name);
  Deno.writeTextFileSync(path, text);
  return path;
}

async function importCsv(root: string, days = 90) {
  const csv = write(root, "days.csv", dailyCsv(days));
  return expectExit(
    await ratchet([
      "data",
      "import",
      csv,
      "--dataset",
      "days",
      "--time",
      "date",
      "--grain",
      "month",
      "--root",
      root,
    ]),
  );
}

async function showJson(root: string, ...extra: string[]) {
  return JSON.parse(
    expectExit(await ratchet(["data", "show", "days", "--json", "--root", root, ...extra])).stdout,
  );
}

Deno.test("data import, list and show: partitions by month, JSON and tables", async () => {
  await withProject(async (root) => {
    const imported = await importCsv(root);
    assert.match(
      imported.stdout,
      /Imported 90 rows into days \(import\): 3 partitions 2015-01 … 2015-03 — 3 new/,
    );
    const list = JSON.parse(
      expectExit(await ratchet(["data", "list", "--json", "--root", root])).stdout,
    );
    assert.deepEqual(list, [{
      name: "days",
      time: "date",
      grain: "month",
      partitions: 3,
      rows: 90,
      first: "2015-01",
      last: "2015-03",
      columns: 3,
    }]);
    assert.match(
      expectExit(await ratchet(["data", "list", "--root", root])).stdout,
      /days\s+date\s+month\s+3\s+90\s+2015-01\.\.2015-03\s+3/,
    );
    const shown = await showJson(root);
    assert.deepEqual(shown.columns, [
      { name: "date", type: "date" },
      { name: "temp", type: "number" },
      { name: "kind", type: "string" },
    ]);
    assert.deepEqual(
      shown.partitions.map((p: { label: string; rows: number }) => [p.label, p.rows]),
      [
        ["2015-01", 31],
        ["2015-02", 28],
        ["2015-03", 31],
      ],
    );
    assert.deepEqual(shown.problems, []);
    assert.equal(shown.history.length, 1);
    const text = expectExit(await ratchet(["data", "show", "days", "--root", root])).stdout;
    assert.match(text, /days: 90 rows in 3 partitions by month of date/);
    assert.match(text, /2015-02\s+28\s+1\s+\S+ \S+\s+ok/);
    assert.match(text, /No problems\./);
    const range = await showJson(root, "--from", "2015-02", "--to", "2015-03");
    assert.deepEqual(range.partitions.map((p: { label: string }) => p.label), [
      "2015-02",
      "2015-03",
    ]);
  });
});

Deno.test("data import appends, or replaces with --replace; several files at once", async () => {
  await withProject(async (root) => {
    await importCsv(root, 40);
    const a = write(root, "a.csv", dailyCsv(10));
    const b = write(root, "b.csv", dailyCsv(50));
    const appended = JSON.parse(
      expectExit(
        await ratchet(["data", "import", a, b, "--dataset", "days", "--json", "--root", root]),
      ).stdout,
    );
    assert.equal(appended.action, "append");
    assert.equal(appended.rows, 60);
    assert.deepEqual(appended.partitions, [
      { label: "2015-01", rows: 41, change: "appended" },
      { label: "2015-02", rows: 19, change: "appended" },
    ]);
    assert.equal((await showJson(root)).partitions[0].files.length, 3);
    const replaced = JSON.parse(
      expectExit(
        await ratchet([
          "data",
          "import",
          a,
          "--dataset",
          "days",
          "--replace",
          "--json",
          "--root",
          root,
        ]),
      ).stdout,
    );
    assert.deepEqual(replaced.partitions, [{ label: "2015-01", rows: 10, change: "replaced" }]);
    const shown = await showJson(root);
    assert.deepEqual(shown.partitions.map((p: { rows: number }) => p.rows), [10, 28]);
    assert.deepEqual(shown.problems, []);
    assert.deepEqual(shown.history.map((h: { action: string }) => h.action), [
      "import",
      "append",
      "replace",
    ]);
  });
});

Deno.test("bad input: a zero-byte or truncated Parquet file fails its partition, named by data show", async () => {
  await withProject(async (root) => {
    await importCsv(root);
    const before = await showJson(root);
    const dir = join(root, "data", "days");
    const [jan, feb] = before.partitions.map((p: { files: string[] }) => p.files[0]);
    Deno.writeFileSync(join(dir, jan), new Uint8Array());
    const bytes = Deno.readFileSync(join(dir, feb));
    Deno.writeFileSync(join(dir, feb), bytes.subarray(0, bytes.length - 100));
    const shown = await showJson(root);
    assert.deepEqual(
      shown.problems.map((p: { partition: string; path: string }) => [p.partition, p.path]),
      [
        ["2015-01", jan],
        ["2015-02", feb],
      ],
    );
    const text = expectExit(await ratchet(["data", "show", "days", "--root", root])).stdout;
    assert.match(text, /2015-01\s+31\s+1\s+\S+ \S+\s+FAILED/);
    assert.match(text, /2015-03\s+31\s+1\s+\S+ \S+\s+ok/);
    assert.ok(text.includes(`${jan}: partition 2015-01 failed: the file is unreadable`), text);
    assert.ok(text.includes(`${feb}: partition 2015-02 failed: the file is unreadable`), text);
  });
});

Deno.test("bad input: malformed partition folders (month=2024-13, month=) are problems, never read", async () => {
  await withProject(async (root) => {
    await importCsv(root);
    const dir = join(root, "data", "days");
    const file = (await showJson(root)).partitions[0].files[0];
    for (const folder of ["month=2024-13", "month="]) {
      Deno.mkdirSync(join(dir, folder));
      Deno.copyFileSync(join(dir, file), join(dir, folder, "part-1.parquet"));
    }
    const shown = await showJson(root);
    assert.equal(shown.rows, 90);
    const messages = Object.fromEntries(
      shown.problems.map((p: { path: string; message: string }) => [p.path, p.message]),
    );
    assert.match(
      messages["month=2024-13"],
      /malformed partition folder, never read: Invalid month label "2024-13": month 13 is not 01 to 12/,
    );
    assert.match(
      messages["month="],
      /malformed partition folder, never read: Invalid month label "": it is empty/,
    );
    assert.equal(shown.problems.length, 2);
  });
});

Deno.test("bad input: a column whose type changed, or added and missing columns, are refused and listed", async () => {
  await withProject(async (root) => {
    await importCsv(root);
    const changed = write(root, "changed.csv", "date,temp,kind,extra\n2015-04-01,warm,a,1\n");
    const r = expectExit(
      await ratchet(["data", "import", changed, "--dataset", "days", "--root", root]),
      2,
    );
    assert.match(
      r.stderr,
      /error: Cannot import .*changed\.csv into days: its columns differ from the dataset's: column temp changed type: number → string; added column extra \(number\)/,
    );
    const missing = write(root, "missing.csv", "date,temp\n2015-04-01,1\n");
    assert.match(
      expectExit(await ratchet(["data", "import", missing, "--dataset", "days", "--root", root]), 2)
        .stderr,
      /missing column kind \(string\)/,
    );
    assert.equal((await showJson(root)).history.length, 1);
  });
});

Deno.test("bad input: an empty import is refused; an unknown dataset is named with those there are", async () => {
  await withProject(async (root) => {
    const header = write(root, "header.csv", "date,temp,kind\n");
    assert.match(
      expectExit(
        await ratchet([
          "data",
          "import",
          header,
          "--dataset",
          "days",
          "--time",
          "date",
          "--grain",
          "month",
          "--root",
          root,
        ]),
        2,
      ).stderr,
      /Nothing to import into days: .*header\.csv is empty \(no rows\)/,
    );
    assert.match(expectExit(await ratchet(["data", "list", "--root", root])).stdout, /No datasets/);
    assert.match(
      expectExit(await ratchet(["data", "show", "sales", "--root", root]), 2).stderr,
      /No dataset named sales .*import one with/,
    );
    await importCsv(root, 5);
    assert.match(
      expectExit(await ratchet(["data", "show", "sales", "--root", root]), 2).stderr,
      /error: No dataset named sales in .*; datasets here: days/,
    );
  });
});

Deno.test("bad input: --from after --to, and a bound that is no label of the grain", async () => {
  await withProject(async (root) => {
    await importCsv(root, 5);
    const show = (...range: string[]) =>
      ratchet(["data", "show", "days", "--root", root, ...range]);
    assert.match(
      expectExit(await show("--from", "2015-03", "--to", "2015-01"), 2).stderr,
      /--from 2015-03 is after --to 2015-01/,
    );
    assert.match(
      expectExit(await show("--from", "2015-13"), 2).stderr,
      /Invalid month label "2015-13"/,
    );
  });
});

Deno.test("an interrupted import's leftovers are reported by show and removed by the next import", async () => {
  await withProject(async (root) => {
    await importCsv(root);
    const dir = join(root, "data", "days");
    const listed = (await showJson(root)).partitions[1].files[0];
    // what a killed import leaves: its lock, a staging folder, a placed but unlisted file
    Deno.writeTextFileSync(
      join(dir, ".import.lock"),
      JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), since: "x" }),
    );
    Deno.mkdirSync(join(dir, ".staging-1234"));
    const unlisted = "month=2015-02/part-00000000-0000-0000-0000-000000000000.parquet";
    Deno.copyFileSync(join(dir, listed), join(dir, unlisted));
    const shown = await showJson(root);
    assert.deepEqual(shown.problems.map((p: { path: string }) => p.path), [
      ".staging-1234",
      unlisted,
    ]);
    assert.equal(shown.rows, 90, "the unlisted file is not read");
    const next = expectExit(
      await ratchet([
        "data",
        "import",
        write(root, "more.csv", dailyCsv(3)),
        "--dataset",
        "days",
        "--root",
        root,
      ]),
    );
    assert.match(
      next.stderr,
      /Removed 2 leftovers of an interrupted import: \.staging-1234, month=2015-02\/part-0000/,
    );
    assert.deepEqual((await showJson(root)).problems, []);
  });
});

Deno.test("the committed demo dataset data/seattle holds data/samples/seattle-days.csv, partitioned by month", async () => {
  const csv = readCsv(Deno.readTextFileSync(join(REPO, "data/samples/seattle-days.csv")));
  const shown = JSON.parse(
    expectExit(await ratchet(["data", "show", "seattle", "--json", "--root", REPO])).stdout,
  );
  assert.deepEqual(shown.problems, []);
  assert.equal(shown.rows, csv.n);
  const months = new Map<string, number>();
  const dates = csv.column("date")!;
  for (let i = 0; i < csv.n; i++) {
    const m = String(dates[i]).slice(0, 7);
    months.set(m, (months.get(m) ?? 0) + 1);
  }
  assert.deepEqual(
    shown.partitions.map((p: { label: string; rows: number }) => [p.label, p.rows]),
    [...months],
  );
  assert.equal(
    shown.columns.find((c: { name: string }) => c.name === "rain_tomorrow").type,
    "string",
  );
});

Deno.test("--help and predict never load DuckDB", async () => {
  if (Deno.build.os !== "linux") return; // /proc/self/maps shows the loaded libraries
  const input = write(
    Deno.makeTempDirSync(),
    "row.json",
    JSON.stringify([{
      season: "winter",
      precipitation: 1,
      precipitation_yesterday: 0,
      temp_max: 8,
      temp_min: 2,
      wind: 3,
      weather: "rain",
    }]),
  );
  const cli = new URL("../../core/cli/mod.ts", import.meta.url).href;
  const r = await runDenoScript(
    `import { runCli } from ${JSON.stringify(cli)};
const help = await runCli(["--help"]);
const predict = await runCli(["predict", "rain-tomorrow", "--input", ${
      JSON.stringify(input)
    }, "--root", ${JSON.stringify(REPO)}]);
console.error(JSON.stringify({ help, predict, duckdb: Deno.readTextFileSync("/proc/self/maps").includes("duckdb") }));`,
  );
  Deno.removeSync(join(input, ".."), { recursive: true });
  assert.deepEqual(JSON.parse(r.stderr.trim().split("\n").at(-1)!), {
    help: 0,
    predict: 0,
    duckdb: false,
  });
});
