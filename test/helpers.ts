// Shared test helpers: repository paths and an in-memory Io for driving the CLI in-process.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { Io } from '../src/cli/io.js';
import { NO_DAEMON_ENV } from '../src/cli/daemon-client.js';

/** Repository root (tests run from dist/test). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = join(ROOT, 'corpus');
export const BUILD = join(ROOT, 'build');
export const FIXTURES = join(ROOT, 'test/fixtures');
/** The program as npm and npx start it: package.json's bin (the esbuild bundle of dist/src/cli, scripts/bundle.ts). */
export const BIN = join(
  ROOT,
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[
    'stalin-letters-lod'
  ]!,
);

// Tests run the program in processes of their own: a daemon a developer runs for this package stays out of them
// (test/cli/daemon.test.ts asks for one of its own).
process.env[NO_DAEMON_ENV] ??= '1';

export interface CapturedIo extends Io {
  stdout: string;
  stderr: string;
}

export function captureIo(cwd = ROOT): CapturedIo {
  const io: CapturedIo = {
    stdout: '',
    stderr: '',
    isTTY: false,
    cwd,
    out: (t) => {
      io.stdout += t;
    },
    err: (t) => {
      io.stderr += t;
    },
  };
  return io;
}

const madeDirs: string[] = [];
// Each test file runs in its own process: removing at exit covers passing and failing tests alike.
process.on('exit', () => {
  for (const d of madeDirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh folder under the system temp folder, removed when the test process exits (also after a failure). */
export function tempDir(prefix = 'test'): string {
  const dir = mkdtempSync(join(tmpdir(), `sl-${prefix}-`));
  madeDirs.push(dir);
  return dir;
}

/** Every file below `dir`, as paths relative to it with "/", sorted (a release has a figures/ folder). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk('');
  return out.sort();
}
