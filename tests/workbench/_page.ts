/**
 * Helpers of the browser test: finding the demo notebook, waiting for the
 * kernel to settle, reading cells and frames, screenshots.
 *
 * @module
 */
/// <reference lib="dom" />
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";

/** Where screenshots go (ignored by git). */
export const REPORTS = new URL("../../reports/", import.meta.url).pathname;
/** How long a step may wait for the page. */
export const TIMEOUT = 60_000;

/** The demo notebook the walk-through uses: the one with a slider and rows a model scored. */
export function demoNotebook(root: string): string {
  const names = [...Deno.readDirSync(join(root, "notebooks"))].map((e) => e.name).filter((n) =>
    n.endsWith(".md") && n !== "README.md"
  ).sort();
  const text = (n: string) => Deno.readTextFileSync(join(root, "notebooks", n));
  const best = names.find((n) => /slider\(/.test(text(n)) && /\.score\(/.test(text(n))) ??
    names.find((n) => /slider\(/.test(text(n)));
  assert.ok(best, `a demo notebook with a slider under notebooks/: ${names.join(", ")}`);
  return best;
}

/** Text of every cell's outputs but `except`'s, by cell id. */
export function outputsBy(page: Page, except?: string): Promise<Record<string, string>> {
  return page.$$eval("section.cell", (cells, except) =>
    Object.fromEntries(
      cells.filter((c) => (c as HTMLElement).dataset.id !== except).map((c) => [
        (c as HTMLElement).dataset.id!,
        // What the outputs show: text, and the documents of their frames (not frame sizes).
        c.querySelector(".outputs")!.textContent +
        [...c.querySelectorAll(".outputs iframe")].map((f) => f.getAttribute("srcdoc")).join("|"),
      ]),
    ), except);
}

/** Waits until no cell is queued or running (and, with `ran`, every cell has run). */
export async function settled(page: Page, ran = false): Promise<void> {
  await page.waitForFunction(
    (ran) =>
      (document.querySelector(".notebook") as HTMLElement).dataset.pending === "0" &&
      [...document.querySelectorAll("section.cell")].every((s) =>
        !s.classList.contains("running") && !s.classList.contains("queued") &&
        !(ran && s.classList.contains("idle"))
      ),
    ran,
    { timeout: TIMEOUT },
  );
}

/**
 * A screenshot of the whole page. The viewport first grows to the page's height: Chromium
 * leaves frames that are out of view blank in a full-page screenshot.
 */
export async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(height, 12_000) });
  await page.waitForTimeout(300); // frames lay out and report their height
  await page.screenshot({ path: join(REPORTS, name), fullPage: true });
  await page.setViewportSize(size);
}

/**
 * With RATCHET_README_SCREENSHOT=1, the README's picture of the notebook page: the view around
 * its first slider.
 */
export async function readmeShot(page: Page): Promise<void> {
  if (Deno.env.get("RATCHET_README_SCREENSHOT") !== "1") return;
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 1560 });
  await page.evaluate(() => {
    const slider = document.querySelector(".output.input")!.closest("section.cell")!;
    scrollTo(0, slider.getBoundingClientRect().top + scrollY - 190);
  });
  await page.waitForTimeout(500);
  await page.screenshot({
    path: new URL("../../tools/readme/workbench-notebook.png", import.meta.url).pathname,
  });
  await page.setViewportSize(size);
}

/** Adds a cell at the end of the notebook with "+ cell" and types `source` into it. */
export async function addCell(page: Page, source: string) {
  const cells = await page.$$("section.cell");
  await cells.at(-1)!.$eval("button.add-cell", (b) => (b as HTMLElement).click());
  await page.waitForFunction(
    (n) => document.querySelectorAll("section.cell").length === n,
    cells.length + 1,
  );
  await settled(page);
  const added = (await page.$$("section.cell")).at(-1)!;
  await (await added.$("textarea.source"))!.fill(source);
  return added;
}

/** The frame of the iframe at `selector`, once the page has settled (outputs are replaced as events come). */
export async function frameOf(page: Page, selector: string): Promise<Frame> {
  await settled(page);
  for (let attempt = 0;; attempt++) {
    const handle = await page.waitForSelector(selector, { timeout: TIMEOUT });
    const frame = await handle.contentFrame();
    if (frame && !frame.isDetached()) return frame;
    assert.ok(attempt < 20, `no frame at ${selector}`);
    await page.waitForTimeout(100);
  }
}
