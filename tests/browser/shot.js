// Viewport screenshots of the served page for a human to look at, desktop (1366×900) and phone
// (390×844), English and Russian: node shot.js [www dir] [out dir]
import { launch, open, ready } from "./browser.js";
import { serve } from "./server.js";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [www = join(here, "..", "..", "www"), dir = join(here, "out", "shots")] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const server = await serve(www);
const { context, close } = await launch();
const views = [
  ["tab3", "#tab=3"],
  ["pecs", "#tab=pecs&sort=-issued"],
  ["reading", "#invalid=0.5&disputed=exclude&base=valid&tab=2"],
  ["robustness", "#tab=3&claim=putin_lost_no_region", "#robustness"],
  ["charts", "#tab=3", "#charts"],
];
for (const [vname, viewport] of [["desktop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  for (const lang of ["en", "ru"]) {
    for (const [name, hash, scrollTo] of views) {
      const { page } = await open(context, server.base, { viewport });
      await page.goto(`${server.base}${hash}&lang=${lang}`);
      await ready(page);
      await page.waitForFunction(() => window.__reweigh.sweep !== undefined, null, { timeout: 30000 });
      if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
      await page.waitForTimeout(400);
      const path = `${dir}/${name}-${vname}-${lang}.png`;
      await page.screenshot({ path });
      console.log(path);
      await page.close();
    }
  }
}
await close();
server.stop();
