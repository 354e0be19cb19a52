// Screenshots of the served page for a human to look at: node shot.js http://127.0.0.1:8000/ out/
import { launch, open, ready } from "./browser.js";
import { mkdirSync } from "node:fs";

const [base = "http://127.0.0.1:8000/", dir = "out"] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const { context, close } = await launch();
const shots = [
  ["desktop-en", "#tab=3&lang=en", { width: 1280, height: 900 }],
  ["desktop-ru", "#tab=4&lang=ru", { width: 1280, height: 900 }],
  ["pecs", "#tab=pecs&lang=en&sort=-issued", { width: 1280, height: 900 }],
  ["phone", "#tab=2&lang=en", { width: 375, height: 800 }],
];
for (const [name, hash, viewport] of shots) {
  const { page, log } = await open(context, base, { viewport });
  await page.goto(base + hash);
  await ready(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  console.log(name, JSON.stringify({ ...log, requests: log.requests.length, csp: await page.cspViolations() }));
  await page.close();
}
await close();
