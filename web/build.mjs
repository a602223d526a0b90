// Builds the web front end: bundles src/main.tsx (and the CSS it imports) with esbuild into
// $BINHDANG_WEB_OUT (default ../build/web) under content-hashed names, writes index.html that
// references them, and a gzip copy (level 9) beside every .js/.css/.html/.svg file so the
// server can send precompressed files.
import * as esbuild from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, process.env.BINHDANG_WEB_OUT || '../build/web');

// Files this script produces; only these are removed before a build, so pointing
// BINHDANG_WEB_OUT at a directory with other files never deletes them.
const ours = /^(index\.html|favicon\.svg|main-[A-Za-z0-9]+\.(js|css)(\.map)?)(\.gz)?$/;

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
  assetNames: '[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

let js = '';
let css = '';
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  const base = path.basename(file);
  if (info.entryPoint && base.endsWith('.js')) js = base;
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

let total = 0;
for (const name of await readdir(outDir)) {
  if (!/\.(js|css|html|svg)$/.test(name)) continue;
  const data = await readFile(path.join(outDir, name));
  const gz = gzipSync(data, { level: zlibConstants.Z_BEST_COMPRESSION });
  await writeFile(path.join(outDir, name + '.gz'), gz);
  total += data.length;
  console.log(`${name.padEnd(28)} ${String(data.length).padStart(8)} B  gzip ${String(gz.length).padStart(7)} B`);
}
console.log(`web front end built in ${outDir} (${total} bytes before compression)`);
