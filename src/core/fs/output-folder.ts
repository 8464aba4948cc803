// Writes an output folder as a whole. Every file goes into a fresh sibling folder (`.build.new-<pid>` beside
// `build/`); only when all are written does that folder take the place of the old one, by two renames (the old
// folder aside, the new one in). A reader never sees a mixture of old and new files. Between the two renames the
// folder is briefly absent (POSIX has no atomic exchange of two directories); a build killed in that window leaves
// the old folder aside, and the next run puts it back before it does anything else. Leftovers of killed builds
// (staging folders whose process is gone) are removed by the next build. Large dumps are streamed into their file
// chunk by chunk, so no dump has to exist as one string in memory.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { streamInto, type Sink } from './sink.js';

/** Fault injection for the crash tests (test/pipeline/atomic-build.test.ts): SL_CRASH_AT=<point> kills the process there. */
function crashPoint(point: string): void {
  if (process.env.SL_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The sibling folders a run of this writer leaves while it works: `.<name>.new-<pid>` and `.<name>.old-<pid>`, and
 * `.<name>.trash-<pid>-<n>`, a replaced folder being removed in the background (OutputFolder.commit; `n` counts the
 * commits of one process, whose earlier trash may still be being removed). */
function siblings(parent: string, name: string): { path: string; kind: 'new' | 'old' | 'trash'; pid: number }[] {
  if (!existsSync(parent)) return [];
  const re = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(new|old|trash)-(\\d+)(?:-\\d+)?$`);
  return readdirSync(parent).flatMap((f) => {
    const m = re.exec(f);
    return m ? [{ path: join(parent, f), kind: m[1] as 'new' | 'old' | 'trash', pid: Number(m[2]) }] : [];
  });
}

/** Puts back a folder that a killed run had set aside, and removes the staging folders of dead runs (and replaced
 * folders whose removal in the background did not finish: never put back, they may be half removed). */
export function recoverOutput(outDir: string): void {
  const [parent, name] = [dirname(resolve(outDir)), basename(resolve(outDir))];
  for (const s of siblings(parent, name).sort((a, b) => a.kind.localeCompare(b.kind))) {
    if (s.kind === 'trash') {
      removeInBackground(s.path);
      continue;
    }
    if (alive(s.pid) && s.pid !== process.pid) continue;
    if (s.kind === 'old' && !existsSync(outDir)) renameSync(s.path, outDir);
    else rmSync(s.path, { recursive: true, force: true });
  }
}

/** The marker of a folder this writer made: replacing a folder without it could delete someone's files. */
export const OUTPUT_MARKER = 'void.ttl';

/** Refuses an --out (or another folder `option`) that names a file, or a path through one: the one line every
 * command gives for it. */
export function refuseFileAsFolder(outDir: string, option = '--out'): void {
  const target = resolve(outDir);
  // the nearest existing ancestor must be a folder too ("--out some.txt/sub")
  for (let p = target; ; p = dirname(p)) {
    if (existsSync(p)) {
      if (!statSync(p).isDirectory())
        throw new UsageError(
          `${option} ${outDir}: ${p === target ? 'is a file' : `${p} is a file`}, not a folder; name a folder (it is created if missing)`,
        );
      return;
    }
    if (dirname(p) === p) return;
  }
}

/** Refuses an output folder that is a file, or a folder of other files (it would be replaced as a whole). */
export function checkOutputFolder(outDir: string, marker = OUTPUT_MARKER): void {
  const target = resolve(outDir);
  refuseFileAsFolder(outDir);
  if (!existsSync(target)) return;
  const entries = readdirSync(target);
  if (entries.length && !entries.includes(marker)) {
    throw new UsageError(
      `--out ${outDir}: the folder holds other files (no ${marker}) and would be replaced as a whole; name a new or empty folder`,
    );
  }
}

export class OutputFolder {
  /** The new folder, filled before it is swapped in. */
  readonly staging: string;
  private readonly aside: string;
  private open = true;

  private readonly keep: readonly string[];

  /** `keep`: sub-folders that other commands write into this folder (copied into the new one before the swap);
   * `marker`: the file that shows a folder was written by this writer (`void.ttl` for a build). */
  constructor(
    private readonly outDir: string,
    o: { keep?: readonly string[]; marker?: string } = {},
  ) {
    this.keep = o.keep ?? [];
    checkOutputFolder(outDir, o.marker);
    const target = resolve(outDir);
    const [parent, name] = [dirname(target), basename(target)];
    try {
      mkdirSync(parent, { recursive: true });
    } catch (e) {
      throw new UsageError(
        `--out ${outDir}: cannot create ${parent} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      );
    }
    recoverOutput(target);
    this.staging = join(parent, `.${name}.new-${process.pid}`);
    this.aside = join(parent, `.${name}.old-${process.pid}`);
    rmSync(this.staging, { recursive: true, force: true });
    mkdirSync(this.staging);
  }

  /** Streams one file into the new folder. */
  stream(rel: string, write: (sink: Sink) => void): void {
    streamInto(join(this.staging, rel), write);
    crashPoint('after-first-file');
  }

  text(rel: string, content: string): void {
    this.stream(rel, (sink) => sink(content));
  }

  /** Writes one file of bytes into the new folder (archives, compressed dumps). */
  bytes(rel: string, data: Uint8Array): void {
    const path = join(this.staging, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }

  /** Puts the new folder in place of the old one. `removeOld: 'background'`: the old folder is removed by a detached
   * child process after the swap, so that the caller need not wait for thousands of unlinks (seconds on a slow disk;
   * `site`). A removal cut short is finished by the next run (recoverOutput). */
  commit(o: { removeOld?: 'now' | 'background' } = {}): void {
    const target = resolve(this.outDir);
    crashPoint('before-swap');
    const hadOld = existsSync(target);
    for (const k of this.keep) {
      if (hadOld && existsSync(join(target, k)) && !existsSync(join(this.staging, k)))
        cpSync(join(target, k), join(this.staging, k), { recursive: true });
    }
    if (hadOld) renameSync(target, this.aside);
    crashPoint('between-renames');
    renameSync(this.staging, target);
    crashPoint('after-swap');
    if (hadOld) {
      if (o.removeOld === 'background') {
        const trash = this.aside.replace(/\.old-(\d+)$/, `.trash-$1-${++trashed}`);
        renameSync(this.aside, trash);
        removeInBackground(trash);
      } else rmSync(this.aside, { recursive: true, force: true });
    }
    this.open = false;
  }

  /** Removes the new folder (after a failure); the old one was never touched. */
  abort(): void {
    if (this.open) rmSync(this.staging, { recursive: true, force: true });
    this.open = false;
  }
}

/** Folders this process has put aside for removal: each gets a name of its own (two commits in one process, as in
 * the tests, would otherwise rename the second onto the first while that one is still being removed: ENOTEMPTY). */
let trashed = 0;

/** Removes a folder in a detached child process that outlives this one (its output is discarded). */
function removeInBackground(dir: string): void {
  const child = spawn(
    process.execPath,
    ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })', dir],
    { detached: true, stdio: 'ignore' },
  );
  child.on('error', () => rmSync(dir, { recursive: true, force: true }));
  child.unref();
}
