// Writes a .gz (gzip level 9) and a .br (brotli quality 11) beside each asset of www/, for hosts
// that serve precompressed files, and prints each asset's sizes. Node's zlib only: nothing else to
// install. Usage: node scripts/compress.mjs [www dir]
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { readdirSync, readFileSync, writeFileSync, statSync, rmSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.argv[2] || "www";
const assets = /\.(html|css|js|mjs|wasm|json|svg)$/;

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

let total = { raw: 0, gz: 0, br: 0 };
for (const path of walk(root)) {
  if (/\.(gz|br)$/.test(path)) {
    rmSync(path); // a stale one from an earlier build
    continue;
  }
  if (!assets.test(path)) continue;
  const bytes = readFileSync(path);
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${path}.gz`, gz);
  writeFileSync(`${path}.br`, br);
  total = { raw: total.raw + bytes.length, gz: total.gz + gz.length, br: total.br + br.length };
  if (path.endsWith(".wasm")) {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`   ${relative(root, path)}: ${kb(bytes.length)}, gzip ${kb(gz.length)}, brotli ${kb(br.length)}`);
  }
}
