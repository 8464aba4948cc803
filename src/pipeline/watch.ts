// `build --watch`: the corpus folder watched for changes, each burst of changes answered by one rebuild. The build
// itself stays all or nothing (src/core/fs/output-folder.ts): a rebuild that fails or is stopped leaves the previous
// output as it was.
//
// The watcher is chokidar, not Node's own `fs.watch(dir, { recursive: true })`: on Linux, Node 20 watches each file
// of a recursive watch by itself, and a file replaced by a rename (how sed -i, vim and most editors save) is seen
// once and then never again (tried on Node 20.20: the second save of a file went unnoticed). chokidar watches the
// folders, so a rename into a folder is a change of that file however often it happens.

import { relative } from 'node:path';

/** The files the corpus reader reads (corpus/read.ts) and the schemas: editors' swap and backup files are not. */
const CORPUS_FILE = /\.(txt|ya?ml|tsv|json)$/;

export interface WatchOptions {
  corpusDir: string;
  /** Quiet time after the last change before a rebuild starts: an editor's save is often several events. */
  debounceMs?: number;
  /** The watcher is in place: from now on every change is seen. */
  ready?: () => void;
  /** One rebuild; `changed`: the files (relative to the corpus folder, `/`-separated, sorted) changed since the
   * last one started. Changes made while it runs are collected for the next one. */
  rebuild: (changed: string[]) => Promise<void>;
  /** Aborting it stops the watching; the promise of watchCorpus settles once a rebuild under way has ended. */
  signal: AbortSignal;
}

/** Watches until the signal is aborted; resolves then (after the running rebuild, if any, has finished). */
export async function watchCorpus(o: WatchOptions): Promise<void> {
  if (o.signal.aborted) return;
  const { watch } = await import('chokidar');
  const debounceMs = o.debounceMs ?? 150;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const watcher = watch(o.corpusDir, { ignoreInitial: true, persistent: true });

  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const finish = (e?: unknown): void => {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
      watcher
        .close()
        .then(() => (running ?? Promise.resolve()).then(() => (e === undefined ? resolve() : reject(e))), reject);
    };
    const onAbort = (): void => finish();
    const run = (): void => {
      timer = undefined;
      if (running || o.signal.aborted || pending.size === 0) return;
      const changed = [...pending].sort();
      pending.clear();
      running = o.rebuild(changed).then(
        () => {
          running = undefined;
          // changes that came in while it ran
          if (pending.size && !o.signal.aborted) schedule();
        },
        (e: unknown) => {
          running = undefined;
          if (!o.signal.aborted && !failed) {
            failed = true;
            finish(e);
          }
        },
      );
    };
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(run, debounceMs);
    };
    o.signal.addEventListener('abort', onAbort, { once: true });
    watcher.on('all', (_event, path) => {
      const file = relative(o.corpusDir, path).split('\\').join('/');
      if (!CORPUS_FILE.test(file)) return;
      pending.add(file);
      schedule();
    });
    watcher.on('ready', () => o.ready?.());
    watcher.on('error', (e) => {
      if (!failed) {
        failed = true;
        finish(e);
      }
    });
  });
}
