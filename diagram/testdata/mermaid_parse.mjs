// Parses each erDiagram file named on the command line with Mermaid's own
// parser; run by TestMermaidParser when STRATA_TEST_MERMAID names a folder
// where `npm install mermaid@11 jsdom` was run. Exits non-zero on the
// first file Mermaid refuses, printing its error.
import { createRequire } from 'module';
import { pathToFileURL } from 'url';
import fs from 'fs';
import path from 'path';

const dir = process.env.STRATA_TEST_MERMAID;
const require = createRequire(path.join(dir, 'package.json'));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const { JSDOM } = await load('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import(pathToFileURL(path.join(path.dirname(require.resolve('mermaid')), 'mermaid.core.mjs')).href)).default;
mermaid.initialize({ startOnLoad: false });
for (const f of process.argv.slice(2)) {
  try {
    await mermaid.parse(fs.readFileSync(f, 'utf8'));
  } catch (e) {
    console.error(f + ': ' + (e.message || e));
    process.exit(1);
  }
}
