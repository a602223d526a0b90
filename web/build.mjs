// Builds the web front end: bundles src/main.tsx (and the CSS it imports) with esbuild into
// $BINHDANG_WEB_OUT (default ../build/web) under content-hashed names, writes index.html that
// references them, and a gzip copy (level 9) beside every .js/.css/.html/.svg file so the
// server can send precompressed files. Pages that draw charts load ECharts with import(), so
// esbuild splits it into chunks the entry never carries; the build prints the compressed size of
// what the first page loads (entry script, its CSS, index.html) and fails above 200 KB. The map's
// boundaries (../shared/data/vn-provinces-2025.topo.json beside the repository) are copied in.
import * as esbuild from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, process.env.BINHDANG_WEB_OUT || '../build/web');

// Files this script produces; only these are removed before a build, so pointing
// BINHDANG_WEB_OUT at a directory with other files never deletes them.
const ours = /^(index\.html|favicon\.svg|vn-provinces-2025\.topo\.json|(main|chunk|bars|map)-[A-Za-z0-9]+\.(js|css)(\.map)?)(\.gz)?$/;
const FIRST_PAGE_LIMIT = 200 * 1024;
const topoName = 'vn-provinces-2025.topo.json';
const topoSource = path.resolve(here, process.env.BINHDANG_SHARED_DATA || '../../shared/data', topoName);

await mkdir(outDir, { recursive: true });
for (const name of await readdir(outDir)) {
  if (ours.test(name)) await rm(path.join(outDir, name));
}

const result = await esbuild.build({
  entryPoints: [path.join(here, 'src/main.tsx')],
  outdir: outDir,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  splitting: true,
  assetNames: '[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

let js = '';
let css = '';
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  const base = path.basename(file);
  // Modules loaded with import() are entry points too: the page's own is src/main.tsx.
  if (info.entryPoint && /(^|\/)src\/main\.tsx$/.test(info.entryPoint) && base.endsWith('.js')) js = base;
  else if (base.endsWith('.css')) css = base;
}
if (!js) throw new Error('esbuild produced no JavaScript entry');

const html = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>binhdang — Bình đẳng giới</title>
<link rel="icon" href="./favicon.svg" type="image/svg+xml">
${css ? `<link rel="stylesheet" href="./${css}">\n` : ''}<script type="module" src="./${js}"></script>
</head>
<body>
<div id="app"><noscript>binhdang cần JavaScript để chạy. / binhdang needs JavaScript.</noscript></div>
</body>
</html>
`;
await writeFile(path.join(outDir, 'index.html'), html);
await copyFile(path.join(here, 'public/favicon.svg'), path.join(outDir, 'favicon.svg'));
if (existsSync(topoSource)) {
  await copyFile(topoSource, path.join(outDir, topoName));
} else {
  console.warn(`warning: ${topoSource} not found; the map page will say it cannot load the boundaries`);
}

let total = 0;
const gzSize = {};
for (const name of await readdir(outDir)) {
  if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
  const data = await readFile(path.join(outDir, name));
  const gz = gzipSync(data, { level: zlibConstants.Z_BEST_COMPRESSION });
  await writeFile(path.join(outDir, name + '.gz'), gz);
  total += data.length;
  gzSize[name] = gz.length;
  console.log(`${name.padEnd(28)} ${String(data.length).padStart(8)} B  gzip ${String(gz.length).padStart(7)} B`);
}
console.log(`web front end built in ${outDir} (${total} bytes before compression)`);
// The first page: index.html, the entry script and the chunks it imports statically, the CSS.
const entryOut = Object.entries(result.metafile.outputs).find(([f]) => path.basename(f) === js)[1];
const firstFiles = ['index.html', js, ...(css ? [css] : []), ...entryOut.imports.filter((i) => i.kind === 'import-statement').map((i) => path.basename(i.path))];
const first = firstFiles.reduce((n, f) => n + (gzSize[f] ?? 0), 0);
console.log(`first page (${firstFiles.join(', ')}): ${(first / 1024).toFixed(1)} KB gzip (limit ${FIRST_PAGE_LIMIT / 1024} KB)`);
if (first > FIRST_PAGE_LIMIT) {
  console.error('the first page is over its limit: load the new code with import() on the page that needs it');
  process.exit(1);
}
