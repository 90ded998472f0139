/**
 * Observable Plot with a server-side DOM (linkedom), loaded on demand: the
 * CLI's other commands never pay for either.
 *
 * @module
 */
import type * as PlotModule from "@observablehq/plot";
import { Html } from "./html.ts";

/** The document type Plot draws into (Deno's types have no DOM of their own). */
export type PlotDocument = NonNullable<PlotModule.PlotOptions["document"]>;

/** Plot and the document it draws into. */
export interface ChartKit {
  /** The `@observablehq/plot` module. */
  Plot: typeof PlotModule;
  /** A linkedom document that Plot creates its SVG elements in. */
  document: PlotDocument;
}

/**
 * Loads Plot and linkedom.
 *
 * @example
 * ```ts
 * import { loadChartKit, renderChart } from "./chart_kit.ts";
 * const kit = await loadChartKit();
 * const svg = renderChart(kit, { marks: [kit.Plot.ruleY([1])] });
 * if (!svg.text.startsWith("<svg")) throw new Error(svg.text);
 * ```
 */
export async function loadChartKit(): Promise<ChartKit> {
  const [Plot, { parseHTML }] = await Promise.all([
    import("@observablehq/plot"),
    import("linkedom"),
  ]);
  // linkedom types its window against the DOM library, which Deno's types lack.
  const { document } = parseHTML(
    "<!doctype html><html><head></head><body></body></html>",
  ) as unknown as {
    document: PlotDocument;
  };
  return { Plot, document };
}

/**
 * Renders a chart to SVG markup. linkedom escapes text and attributes when
 * it serialises, so labels taken from data cannot become markup.
 */
export function renderChart(kit: ChartKit, options: PlotModule.PlotOptions): Html {
  const chart = kit.Plot.plot({
    style: { fontSize: "11px", background: "transparent" },
    ...options,
    document: kit.document,
  });
  return new Html(chart.outerHTML);
}
