// A plain static server for the tests: python's http.server on a free port of 127.0.0.1, the
// same server README's serve command uses.

import { spawn } from "node:child_process";

export async function serve(dir) {
  const child = spawn("python3", ["-u", "-m", "http.server", "--bind", "127.0.0.1", "0", "--directory", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`no server: ${text}`)), 10000);
    const onData = (chunk) => {
      text += chunk;
      const m = text.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${text}`)));
  });
  return { base: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}
