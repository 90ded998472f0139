/**
 * Browser tests drive Debian's Chromium through playwright-core. Without
 * `/usr/bin/chromium` they are skipped with a message, unless
 * `RATCHET_REQUIRE_BROWSER=1` (CI) makes that a failure.
 *
 * @module
 */
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const CHROMIUM = "/usr/bin/chromium";

/** The launch arguments: headless, and nothing that reaches the network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

function _present(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

/** Whether browser tests run here; prints why not, once, when they do not. */
export const BROWSER_TESTS = (() => {
  if (_present()) return true;
  if (Deno.env.get("RATCHET_REQUIRE_BROWSER") === "1") return true; // and fail at launch
  console.warn(
    `%cskipping browser tests: ${CHROMIUM} is absent (apt-get install -y chromium; set RATCHET_REQUIRE_BROWSER=1 to make this a failure)`,
    "color: #a15c00",
  );
  return false;
})();

/** Launches Chromium as the tests use it. */
export function launchChromium(): Promise<Browser> {
  if (!_present()) {
    throw new Error(
      `RATCHET_REQUIRE_BROWSER=1 but ${CHROMIUM} is absent: apt-get install -y chromium`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
