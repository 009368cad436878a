// DashboardTest's browser half: Debian's Chromium, driven by playwright-core, loads the dashboard
// of a running `portscope serve` and checks what a person would look for. Prints "listener-seen",
// then waits for a line on stdin ("opened": the test has opened connections) and checks that the
// page shows them. Exit 0 when all holds; else the failed check on stderr and exit 1.
//   node dashboard.mjs URL SCREENSHOT LISTENER_PORT
import { chromium } from "playwright-core";
import { createInterface } from "node:readline";

const [url, screenshot, port] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise(resolve => lines.once("line", resolve));

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
let failed = null;
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const errors = [];
  page.on("pageerror", e => errors.push(e.message));
  await page.goto(url);
  const listener = page.locator(`#listeners tbody tr[data-port="${port}"]`);
  await listener.waitFor({ timeout: 15000 });
  const text = await listener.innerText();
  if (!text.includes("python3")) throw new Error(`the listener's row does not name its process: ${text}`);
  console.log("listener-seen");
  await nextLine();
  // the connections: an open event for the listener's port, and more ESTABLISHED in the chart's legend
  await page.locator(`#events tbody tr[data-event="open"]`, { hasText: `:${port}` }).first().waitFor({ timeout: 20000 });
  // (at least the test's 10 ends: the browser's own connections to the page come and go, so not "before + 10")
  await page.waitForFunction(() => {
    const s = document.querySelector('#legend span[data-state="ESTABLISHED"]');
    return s && Number(s.textContent.split(" ").pop()) >= 10;
  }, null, { timeout: 20000 });
  await page.locator("#who-port").fill(port);
  await page.locator("#who-form button").click();
  await page.locator("#who tbody tr", { hasText: "LISTEN" }).first().waitFor({ timeout: 10000 });
  const established = await page.locator("#who tbody tr", { hasText: "ESTABLISHED" }).count();
  if (established < 10) throw new Error(`who ${port} shows ${established} ESTABLISHED ends, not the test's 10`);
  // the throughput chart: the listening process receives the test's ~1 MB/s
  await page.waitForFunction(() => [...document.querySelectorAll('#rate-legend span')]
    .some(s => s.dataset.process.endsWith("/python3") && /[KM]\/s$/.test(s.textContent)), null, { timeout: 30000 });
  if (errors.length) throw new Error(`script errors on the page: ${errors.join("; ")}`);
  await page.screenshot({ path: screenshot, fullPage: true });
} catch (e) {
  failed = e;
} finally {
  await browser.close();
}
if (failed) {
  console.error(failed.message);
  process.exit(1);
}
console.log("ok");
process.exit(0);
