// npm's prepack step: builds what the tarball needs and git does not hold, the WebAssembly module
// (wasm/, from the Rust crate usersig-node) and the licences (copied from the repository's root),
// or fails saying how to get them. Without it `npm pack` would pack a package that cannot load.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const version = /^wasm-bindgen = "=(.+)"$/m.exec(readFileSync(join(here, 'Cargo.toml'), 'utf8'))?.[1];
const how = `Install Rust (https://rustup.rs), then \`rustup target add wasm32-unknown-unknown\` and
\`cargo install wasm-bindgen-cli --version =${version} --locked\`; or run scripts/test-node.sh --pack DIR
from the repository, which installs them, tests the package and packs it.`;

/** Runs a build tool, or exits with what failed and how to fix it. */
function run(tool, args) {
  try {
    return execFileSync(tool, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    const why = error.code === 'ENOENT' ? `${tool} is not installed` : `\`${tool} ${args.join(' ')}\` failed`;
    console.error(`usersig prepack: ${why}, so the WebAssembly module cannot be built.\n${how}`);
    process.exit(1);
  }
}

const found = run('wasm-bindgen', ['--version']).trim();
if (found !== `wasm-bindgen ${version}`) {
  console.error(`usersig prepack: ${found} is on PATH, but the module needs wasm-bindgen ${version}.\n${how}`);
  process.exit(1);
}
run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'usersig-node']);
const target = process.env.CARGO_TARGET_DIR ?? join(repo, 'target');
rmSync(join(here, 'wasm'), { recursive: true, force: true });
run('wasm-bindgen', ['--target', 'nodejs', '--out-dir', join(here, 'wasm'),
  join(target, 'wasm32-unknown-unknown', 'release', 'usersig_node.wasm')]);
for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) {
  copyFileSync(join(repo, licence), join(here, licence));
}
