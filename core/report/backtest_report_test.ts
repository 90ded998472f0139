import assert from "node:assert/strict";
import type { BacktestResult } from "../backtest/mod.ts";
import { backtestReport } from "./backtest_report.ts";
import {
  binaryCase,
  MALICIOUS,
  multiclassCase,
  regressionCase,
  type TestCase,
} from "./_test_results.ts";

function _unescape(text: string): string {
  return text.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e as string]!,
  );
}

// The figure of each charted metric, by metric name.
function _figures(page: string): Map<string, string> {
  const out = new Map<string, string>();
  for (
    const m of page.matchAll(
      /<figure class="metric[^"]*"><figcaption><h3>([^<]+)<\/h3>[\s\S]*?<\/figure>/g,
    )
  ) {
    out.set(m[1]!, m[0]);
  }
  return out;
}

function _section(page: string, id: string): string {
  const start = page.indexOf(`<h2 id="${id}">`);
  assert.ok(start >= 0, `no section ${id}`);
  const end = page.indexOf("<h2 ", start + 1);
  return page.slice(start, end < 0 ? undefined : end);
}

async function _report(c: TestCase, options: { title?: string } = {}): Promise<string> {
  return await backtestReport(c.result, { requirements: c.requirements, ...options });
}

// Runs a fixture command in sh with `ratchet` replaced by a function that
// prints its arguments and stdin, as the real CLI would receive them.
async function _runInShell(command: string): Promise<{ args: string[]; stdin: string }> {
  const script =
    `ratchet() { for a in "$@"; do printf '%s\\0' "$a"; done; printf '\\001'; cat; }\n${command}\n`;
  const out = await new Deno.Command("/bin/sh", {
    args: ["-c", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const [args, stdin] = new TextDecoder().decode(out.stdout).split("\x01") as [string, string];
  return { args: args.split("\0").slice(0, -1), stdin };
}

function _commands(page: string): string[] {
  return [...page.matchAll(/<pre class="command"><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) =>
    _unescape(m[1]!)
  );
}

function _chartedMetrics(result: BacktestResult): string[] {
  const names = new Set(result.partitions.flatMap((p) => Object.keys(p.metrics)));
  return [...names].filter((m) => result.partitions.some((p) => typeof p.metrics[m] === "number"));
}

Deno.test("the report is one self-contained document that loads nothing", async () => {
  for (const c of [binaryCase(), multiclassCase(), regressionCase()]) {
    const page = await _report(c);
    assert.ok(page.startsWith("<!doctype html>\n"));
    for (const tag of ["<!doctype", "<html", "</html>", "<head>", "</head>", "<body>", "</body>"]) {
      assert.equal(page.split(tag).length - 1, 1, `${tag} once`);
    }
    const head = page.slice(page.indexOf("<head>"), page.indexOf("</head>"));
    assert.match(head, /^<head>\n<meta charset="utf-8">/);
    assert.equal(head.split("<title>").length - 1, 1);
    assert.doesNotMatch(page, /<script|<link|<iframe|<object|<embed|<img|@import|url\(/i);
    assert.doesNotMatch(page, /https?:/i);
    assert.doesNotMatch(page, /<[a-z][^>]*\s(src|href)\s*=\s*(?!"#|#)/i, "only in-page links");
    assert.doesNotMatch(page, /<[a-z][^>]*\son[a-z]+\s*=/i, "no event handler attributes");
  }
});

Deno.test("binary: one chart per metric with its thresholds, failures and gaps marked", async () => {
  const { result, requirements } = binaryCase();
  const page = await backtestReport(result, { requirements });
  const figures = _figures(page);
  const charted = _chartedMetrics(result);
  assert.deepEqual([...figures.keys()].sort(), [...charted].sort());
  for (const [metric, figure] of figures) assert.equal(figure.split("<svg").length - 1, 1, metric);

  const auc = figures.get("roc_auc")!;
  assert.match(auc, />min 0\.7<\/text>/);
  assert.match(auc, /class="badge fail">FAIL/);
  assert.match(auc, /class="badge primary"/);
  const below = result.partitions.filter((p) =>
    typeof p.metrics.roc_auc === "number" && p.metrics.roc_auc < 0.7
  );
  assert.ok(below.length > 0);
  for (const p of below) {
    assert.match(auc, new RegExp(`<title>${p.partition}: [^<]*below min 0\\.7</title>`));
  }
  assert.equal(
    auc.split("below min 0.7</title>").length - 1,
    below.length,
    "only the failing partitions are red",
  );
  const undefinedHere = result.partitions.find((p) => p.undefined?.roc_auc)!;
  assert.ok(
    auc.includes(
      `<title>${undefinedHere.partition}: roc_auc undefined: ${
        undefinedHere.undefined!.roc_auc
      }</title>`,
    ),
  );
  const broken = result.partitions.find((p) => p.error)!;
  assert.ok(auc.includes(`<title>${broken.partition}: could not be scored: `));
  assert.ok(!auc.includes("<corrupt footer>") && auc.includes("&lt;corrupt footer&gt;"));

  assert.match(figures.get("log_loss")!, />max 0\.55<\/text>/);
  assert.match(figures.get("accuracy")!, />required mean 0\.8<\/text>/);
  assert.match(figures.get("f1")!, />range \[0\.5, 0\.9\]<\/text>/);
  assert.match(figures.get("precision")!, /no requirement/);

  const calibration = _section(page, "calibration");
  assert.equal(calibration.split("<svg").length - 1, 2);
  assert.match(calibration, /positive class/);
  for (const bin of result.diagnostics.calibration!) {
    const cells = `<td>${bin.lo.toFixed(1)}–${bin.hi.toFixed(1)}</td>\\s*<td>${bin.rows}</td>`;
    assert.match(calibration, new RegExp(cells));
  }
});

Deno.test("binary: the verdict and the checks table name every failure", async () => {
  const { result, requirements } = binaryCase();
  const page = await backtestReport(result, { requirements });
  const verdict = page.slice(page.indexOf('<section class="verdict'), page.indexOf("</section>"));
  assert.match(verdict, /class="verdict failed"/);
  assert.match(verdict, /FAILED/);
  const failed = result.requirements.checks.filter((c) => !c.passed);
  assert.ok(failed.length > 0 && failed.length < result.requirements.checks.length);
  const checks = _section(page, "checks");
  const failRows = [...checks.matchAll(/<tr class="fail">[\s\S]*?<\/tr>/g)].map((m) =>
    _unescape(m[0])
  );
  assert.equal(failRows.length, failed.length);
  for (const c of failed) {
    assert.ok(failRows.some((row) => row.includes(c.message)), c.message);
    assert.ok(_unescape(verdict).includes(c.message));
  }
  for (const p of result.partitions.filter((p) => p.error)) {
    assert.ok(_unescape(verdict).includes(`${p.partition}</code>: ${p.error}`));
  }
});

Deno.test("worst partitions: the five worst by the primary metric, worst first", async () => {
  const { result, requirements } = binaryCase();
  const section = _section(await backtestReport(result, { requirements }), "worst-partitions");
  const shown = [...section.matchAll(/<tr class="scored"><td>\d+<\/td><td>([^<]+)<\/td>/g)].map((
    m,
  ) => m[1]);
  const expected = result.partitions.filter((p) => typeof p.metrics.roc_auc === "number")
    .sort((a, b) => a.metrics.roc_auc! - b.metrics.roc_auc!).slice(0, 5).map((p) => p.partition);
  assert.deepEqual(shown, expected);
});

Deno.test("worst rows: values escaped, and each command adds the row as an outlier fixture", async () => {
  for (const c of [binaryCase(), regressionCase()]) {
    const page = await _report(c);
    assert.ok(!page.includes(MALICIOUS) && !page.includes("<b>hot</b>"));
    const worst = c.result.diagnostics.worst;
    const commands = _commands(page);
    assert.equal(commands.length, worst.length);
    for (const [k, w] of worst.entries()) {
      const { args, stdin } = await _runInShell(commands[k]!);
      assert.deepEqual(args.slice(0, 11), [
        "fixtures",
        "add",
        c.result.model,
        "--input",
        "-",
        "--kind",
        "outlier",
        "--dataset",
        c.result.dataset,
        "--partition",
        w.partition,
      ]);
      assert.equal(args[11], "--note");
      assert.ok(args[12]!.includes(`${c.result.model}@${c.result.version}`));
      assert.deepEqual(JSON.parse(stdin), w.row);
    }
  }
  const page = await _report(binaryCase());
  assert.ok(
    page.includes("&quot;&lt;img src=x onerror=alert(1)&gt;&quot;"),
    "the feature value is shown, as text",
  );
});

Deno.test("multiclass: top-class calibration, and a metric undefined everywhere is explained, not charted", async () => {
  const { result, requirements } = multiclassCase();
  const page = await backtestReport(result, { requirements });
  assert.ok(result.passed);
  assert.match(page, /class="verdict passed"/);
  assert.ok(!page.includes('<tr class="fail">'));
  assert.ok(!_figures(page).has("brier"));
  assert.ok(
    page.includes(
      '<li class="plain"><b>brier</b>: brier is defined for binary classification only</li>',
    ),
  );
  assert.match(_section(page, "calibration"), /top class/);
  assert.ok(_section(page, "worst-rows").includes("sun 0.84"));
});

Deno.test("regression: residual charts, and thresholds drawn on rmse and r2", async () => {
  const { result, requirements } = regressionCase();
  const page = await backtestReport(result, { requirements });
  assert.ok(!page.includes('id="calibration"'));
  const residuals = _section(page, "residuals");
  assert.equal(residuals.split("<svg").length - 1, 2);
  assert.ok(residuals.includes(`A uniform sample of ${result.diagnostics.residuals!.length} rows`));
  const figures = _figures(page);
  assert.deepEqual([...figures.keys()], _chartedMetrics(result));
  const rmse = figures.get("rmse")!;
  assert.match(rmse, />max 3\.2<\/text>/);
  assert.match(rmse, />required mean 2\.8<\/text>/);
  const above = result.partitions.filter((p) => (p.metrics.rmse ?? 0) > 3.2).map((p) =>
    p.partition
  );
  assert.equal(rmse.split("above max 3.2</title>").length - 1, above.length);
  assert.match(figures.get("r2")!, />range \[0\.6, 1\]<\/text>/);
  assert.ok(figures.get("mape")!.includes("the target is 0 in some rows"));
  assert.ok(_section(page, "worst-rows").includes("|error|"));
});

Deno.test("without checks the requirements file still draws the thresholds and names the primary metric", async () => {
  const { result, requirements } = regressionCase();
  const unchecked: BacktestResult = {
    ...result,
    partitions: result.partitions.filter((p) => !p.error),
    requirements: { passed: true, checks: [], note: "temp-tomorrow has no requirements" },
    passed: true,
  };
  const drawn = await backtestReport(unchecked, { requirements });
  assert.match(_figures(drawn).get("rmse")!, />max 3\.2<\/text>/);
  assert.match(
    _section(drawn, "worst-partitions"),
    /partitions with the highest rmse, worst first/,
  );
  assert.match(drawn, /class="verdict unchecked"/);
  assert.ok(drawn.includes("temp-tomorrow has no requirements"));

  const bare = await backtestReport(unchecked);
  assert.doesNotMatch(_figures(bare).get("rmse")!, />max 3\.2<\/text>/);
  assert.match(_section(bare, "worst-partitions"), /partitions with the lowest r2, worst first/);
});

Deno.test("the title is escaped", async () => {
  const page = await _report(regressionCase(), { title: `<Q3> & "review"` });
  assert.ok(page.includes("<title>&lt;Q3&gt; &amp; &quot;review&quot;</title>"));
  assert.ok(page.includes("<h1>&lt;Q3&gt; &amp; &quot;review&quot;</h1>"));
});

Deno.test("a back-test where no partition could be scored still renders, and labels stay text", async () => {
  const label = `<script>alert("x")</script>`;
  const result: BacktestResult = {
    model: "rain-tomorrow",
    version: 1,
    task: "binary",
    dataset: "seattle",
    target: "rain",
    engine: "sql",
    window: { from: label, to: "2015-02" },
    partitions: [
      { partition: label, rows: 0, metrics: {}, error: "unreadable" },
      { partition: "2015-02", rows: 0, metrics: {}, error: "unreadable too" },
    ],
    summary: {},
    requirements: { passed: false, checks: [], note: "2 partition(s) could not be scored" },
    diagnostics: {
      calibration: Array.from({ length: 10 }, (_, k) => ({
        lo: k / 10,
        hi: (k + 1) / 10,
        rows: 0,
        predicted: (k + 0.5) / 10,
        observed: 0,
      })),
      worst: [],
    },
    passed: false,
  };
  const page = await backtestReport(result);
  assert.doesNotMatch(page, /<script/i);
  assert.match(page, /class="verdict failed"/);
  assert.ok(page.includes("2 partitions could not be scored"));
  assert.ok(page.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</code>: unreadable"));
  assert.equal(_figures(page).size, 0);
  assert.match(_section(page, "calibration"), /No rows were scored/);
  assert.match(_section(page, "worst-rows"), /No rows were scored/);
});

Deno.test("a partition label with markup is escaped in the charts too", async () => {
  const { result, requirements } = regressionCase();
  const label = `<img src=x>`;
  const partitions = result.partitions.map((p, k) => (k === 0 ? { ...p, partition: label } : p));
  const page = await backtestReport({ ...result, partitions }, { requirements });
  assert.ok(!page.includes(label));
  const rmse = _figures(page).get("rmse")!;
  assert.ok(rmse.includes(">&lt;img src=x&gt;</text>"), "the tick label is text");
});
