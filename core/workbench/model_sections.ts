/**
 * The requirements and fixtures sections of the model page.
 *
 * @module
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ModelStatus } from "./model_status.ts";

type _Html = HtmlEscapedString | Promise<HtmlEscapedString>;

function _badge(passed: boolean | undefined): _Html {
  if (passed === undefined) return html`<span class="muted">skipped</span>`;
  return passed ? html`<span class="pass">pass</span>` : html`<span class="fail">FAIL</span>`;
}

function _number(v: unknown): string {
  if (typeof v === "number") {
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  }
  if (Array.isArray(v)) return `[${v.map(_number).join(", ")}]`;
  return v === null || v === undefined ? "—" : String(v);
}

/**
 * Requirement checks of a version on the model's evaluation sample, and the
 * latest entries of the requirements' history.
 *
 * @example
 * ```ts
 * import { requirementsSection } from "./model_sections.ts";
 * const out = String(await requirementsSection("m", { version: 1, fixtures: [] }));
 * if (!out.includes("ratchet requirements init m")) throw new Error(out);
 * ```
 */
export function requirementsSection(name: string, status: ModelStatus): _Html {
  const r = status.requirements;
  if (!r) {
    return html`
      <h2>Requirements</h2>
      <p
        class="fail">None yet. Write them with <code>ratchet requirements init ${name} --input FILE --sample</code>.</p>
    `;
  }
  const where = r.evaluation
    ? `on ${r.evaluation.sample}${
      r.evaluation.partition_by ? `, per ${r.evaluation.partition_by}` : ""
    }`
    : "";
  return html`
    <h2>Requirements <small>version ${status.version} ${where}; primary ${r.primary}</small></h2>
        ${status.checkError ? html`<p class="fail">${status.checkError}</p>` : ""}
        ${status.checks
          ? html`
            <table>
              <thead>
                <tr>
                  <th></th>
                  <th>metric</th>
                  <th>requirement</th>
                  <th>actual</th>
                  <th>detail</th>
                </tr>
              </thead>
              <tbody>
                  ${status.checks.checks.map((c) =>
                    html`
                      <tr>
                        <td>${_badge(c.passed)}</td>
                        <td>${c.metric}</td>
                        <td>${c.kind} ${_number(c.threshold)}</td>
                        <td>${_number(c.actual)}</td>
                        <td>${c.message}</td>
                      </tr>
                    `
                  )}</tbody>
            </table>
          `
          : ""}
        <details>
      <summary>History (${r.history.length} changes)</summary>
      <ul>
        ${r.history.slice().reverse().map((h) =>
          html`<li><code>${h.date.slice(0, 10)}</code> ${h.action}: ${h.reason}</li>`
        )}
        </ul>
    </details>
  `;
}

/**
 * Fixture results of a version: id, kind, expected, actual.
 *
 * @example
 * ```ts
 * import { fixturesSection } from "./model_sections.ts";
 * const out = String(await fixturesSection("m", { version: 1, fixtures: [] }));
 * if (!out.includes("ratchet fixtures add m")) throw new Error(out);
 * ```
 */
export function fixturesSection(name: string, status: ModelStatus): _Html {
  if (status.fixtures.length === 0) {
    return html`
      <h2>Fixtures</h2>
      <p
        class="fail">None yet. Record some with <code>ratchet fixtures add ${name} --input ROW.json</code>.</p>
    `;
  }
  const failed = status.fixtures.filter((f) => f.status === "failed").length;
  // Superseded cases are skipped, not passed: count only the cases checked.
  const checked = status.fixtures.filter((f) => f.status !== "skipped").length;
  return html`
    <h2>Fixtures <small>version ${status.version}: ${checked -
      failed} of ${checked} pass</small></h2>
    <table>
      <thead>
        <tr>
          <th></th>
          <th>id</th>
          <th>kind</th>
          <th>expected</th>
          <th>actual</th>
          <th>detail</th>
        </tr>
      </thead>
      <tbody>
        ${status.fixtures.map((f) =>
          html`
            <tr>
              <td>${_badge(f.status === "skipped" ? undefined : f.passed)}</td>
              <td><code>${f.id}</code></td>
              <td>${f.kind}</td>
              <td>${predictionText(f.expected)}</td>
              <td>${predictionText(f.actual)}</td>
              <td>${f.message}</td>
            </tr>
          `
        )}</tbody>
    </table>
  `;
}

/**
 * An expectation or a prediction in words: the value, the probabilities,
 * the bounds.
 *
 * @example
 * ```ts
 * import { predictionText } from "./model_sections.ts";
 * const t = predictionText({ prediction: "yes", probabilities: { no: 0.25, yes: 0.75 } });
 * if (t !== "yes; p(no) 0.25, p(yes) 0.75") throw new Error(t);
 * ```
 */
export function predictionText(p: unknown): string {
  if (p === null || p === undefined) return "—";
  const o = p as {
    prediction?: unknown;
    probabilities?: Record<string, number>;
    bounds?: Record<string, [number, number]>;
  };
  const parts: string[] = [];
  if (o.prediction !== undefined) parts.push(_number(o.prediction));
  if (o.probabilities) {
    parts.push(Object.entries(o.probabilities).map(([k, v]) => `p(${k}) ${_number(v)}`).join(", "));
  }
  if (o.bounds) {
    parts.push(
      Object.entries(o.bounds).map(([k, [lo, hi]]) => `p(${k}) in [${lo}, ${hi}]`).join(", "),
    );
  }
  return parts.join("; ") || "—";
}
