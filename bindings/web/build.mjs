// Assembles the inspector into one self-contained HTML file: the page's template, its style,
// the wasm-bindgen glue (--target no-modules) and the core's module in base64, its text and its
// script, all inline, under a Content-Security-Policy that allows exactly those two inline
// blocks (by hash), WebAssembly compilation, and nothing else: no connection, no other source.
//
// Usage: node bindings/web/build.mjs GLUE.js MODULE.wasm OUT_DIR
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [glue, wasm, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node bindings/web/build.mjs GLUE.js MODULE.wasm OUT_DIR');
  process.exit(2);
}
const page = join(dirname(fileURLToPath(import.meta.url)), 'page');
const read = (path) => readFileSync(path, 'utf8');

const style = read(join(page, 'style.css'));
const script = [
  read(glue),
  `const USERSIG_WASM = '${readFileSync(wasm).toString('base64')}';`,
  read(join(page, 'strings.js')),
  read(join(page, 'app.js')),
].join('\n');
for (const [name, text] of [['style', style], ['script', script]]) {
  if (/<\/(style|script)/i.test(text)) throw new Error(`the ${name} would end its element early`);
}

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(style)}`,
  "img-src 'none'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const parts = { CSP: csp, STYLE: style, SCRIPT: script };
const html = read(join(page, 'index.html')).replace(/\{\{(CSP|STYLE|SCRIPT)\}\}/g, (_, name) => parts[name]);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'index.html'), html);
console.log(`${join(out, 'index.html')}: ${html.length} bytes`);
