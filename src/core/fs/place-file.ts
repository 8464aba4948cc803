// Puts one file of a folder being written as a whole (a site): written anew, or — where the folder it replaces holds
// the same bytes under the same name — a hard link to that file. Why: a re-run of `site` replaces ~9,000 files, and
// on ext4 creating thousands of files shortly after thousands were deleted costs seconds of kernel time (the inode
// allocator skips every recently deleted inode, `recently_deleted()`; bench/results.md), while a link
// allocates no inode; an unchanged file also keeps its modification time, so web servers' ETag and Last-Modified
// stay valid for caches. A link is made only after the old file's bytes were read and compared, so a file edited
// in the old folder is written anew. The old folder is never written to (it is renamed aside and removed).

import { closeSync, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Whether the regular file at `path` holds exactly `bytes` (false if it is missing, not a plain file, or unreadable). */
export function sameBytes(path: string, bytes: Uint8Array): boolean {
  let fd: number | undefined;
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size !== bytes.length) return false;
    fd = openSync(path, 'r');
    if (fstatSync(fd).size !== bytes.length) return false;
    const old = new Uint8Array(bytes.length);
    let read = 0;
    while (read < old.length) {
      const n = readSync(fd, old, read, old.length - read, read);
      if (n === 0) return false;
      read += n;
    }
    return Buffer.from(old.buffer, old.byteOffset, old.length).equals(bytes);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Places `bytes` at `root/rel`: a link to `previous/rel` when that holds the same bytes, else a new file. */
export function placeFile(root: string, rel: string, bytes: Uint8Array, previous?: string): 'linked' | 'written' {
  const target = join(root, rel);
  if (previous !== undefined && sameBytes(join(previous, rel), bytes)) {
    try {
      linkSync(join(previous, rel), target);
      return 'linked';
    } catch {
      // a file system without hard links, or the old file gone meanwhile: write it
    }
  }
  writeFileSync(target, bytes);
  return 'written';
}

/** Places the files of one folder (placeFile), making each sub-folder once; counts the files and the links. */
export class FilePlacer {
  private readonly dirs = new Set<string>();
  files = 0;
  linked = 0;
  constructor(
    readonly root: string,
    readonly previous?: string,
  ) {}

  place(rel: string, bytes: Uint8Array): void {
    const dir = dirname(join(this.root, rel));
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    if (placeFile(this.root, rel, bytes, this.previous) === 'linked') this.linked++;
    this.files++;
  }
}
