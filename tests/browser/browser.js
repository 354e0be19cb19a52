// Shared by the browser tests and the benchmark: Debian's chromium driven by playwright-core,
// with the network cut to the page's own host, and every request, console error, page error and
// CSP violation recorded.

import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "reweigh-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * Open a page that records what it does; requests to any other host are refused and recorded.
 * `expectConsole`: patterns of console errors this page is expected to log (a 404 for a missing
 * data file); any other console error fails assertClean.
 */
export async function open(context, base, { viewport = { width: 1280, height: 900 }, expectConsole = [], intercept = true } = {}) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const origin = new URL(base).origin;
  // `timed`: each request with the wall-clock time it was made (the benchmark keeps those made
  // before the page was ready, the page's worker's included).
  const log = { requests: [], timed: [], foreign: [], consoleErrors: [], pageErrors: [], csp: [], expectConsole };
  const record = (url) => {
    log.requests.push(url);
    log.timed.push({ url, at: Date.now() });
    const own = url.startsWith(origin) || url.startsWith("blob:") || url.startsWith("data:");
    if (!own) log.foreign.push(url);
    return own;
  };
  if (intercept) {
    await page.route("**/*", (route) => (record(route.request().url()) ? route.continue() : route.abort()));
  } else {
    // Recorded, not held: an intercepted request waits for a round trip to this process, which a
    // reader's browser never makes (the benchmark's timings). Nothing is refused then.
    page.on("request", (request) => record(request.url()));
  }
  page.on("console", (m) => { if (m.type() === "error") log.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => log.pageErrors.push(String(e)));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window.__csp ||= []).push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.cspViolations = async () => page.evaluate(() => window.__csp || []);
  return { page, log };
}

/** The page started and works: resolves when it is ready; a fatal error fails the test. */
export async function ready(page) {
  await page.waitForFunction(() => window.__reweigh?.ready === true || (window.__reweigh?.errors?.length ?? 0) > 0, null, { timeout: 30000 });
  const errors = await page.evaluate(() => window.__reweigh.errors);
  if (errors.length > 0) throw new Error(`the page failed to start: ${errors.join("; ")}`);
}

/** Everything the page draws after it is ready has arrived: the sweep's panel (it grows by
 * thousands of pixels above the charts) and the map. A click below them before then can land on
 * whatever the growth moved under the pointer. */
export async function settled(page) {
  await page.waitForFunction(() => window.__reweigh.sweep !== undefined && window.__reweigh.mapReady === true, null, { timeout: 60000 });
}

/** The page refused to start (the hardening tests): resolves with its fatal messages. */
export async function failed(page) {
  await page.waitForFunction(() => window.__reweigh?.ready === true || (window.__reweigh?.errors?.length ?? 0) > 0, null, { timeout: 30000 });
  const [isReady, errors] = await page.evaluate(() => [window.__reweigh.ready, window.__reweigh.errors]);
  if (isReady || errors.length === 0) throw new Error("the page started although it should have refused to");
  return errors;
}

/** After a test file: no page may have asked another host, broken the CSP, thrown, or logged an
 * error it was not expected to. */
export async function assertClean(pages, assert) {
  for (const { page, log } of pages) {
    if (!page.isClosed()) log.csp.push(...(await page.cspViolations()));
    assert.deepEqual(log.foreign, [], "no request may leave the page's own host");
    assert.deepEqual(log.csp, [], "no CSP violation");
    assert.deepEqual(log.pageErrors, [], "no uncaught error");
    const unexpected = log.consoleErrors.filter((text) => !log.expectConsole.some((pattern) => pattern.test(text)));
    assert.deepEqual(unexpected, [], "no console error");
  }
}
