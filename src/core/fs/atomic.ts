// Writes single files all or nothing: a temporary twin renamed into place.

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { streamInto } from './sink.js';
import { refuseFileAsFolder } from './output-folder.js';

/** Writes one file by writing a temporary twin and renaming it into place (generated code under dist/). */
export function writeFileAtomically(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    streamInto(tmp, (sink) => sink(content));
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Writes a few files into a folder that holds others too (QuickStatements, reconciliation candidates): each file
 * goes to a temporary twin first, and only when all are written are they renamed into place, one by one.
 */
export class AtomicWriter {
  private readonly temps: [string, string][] = [];
  constructor(private readonly outDir: string) {
    refuseFileAsFolder(outDir);
  }

  text(rel: string, content: string): void {
    const target = join(this.outDir, rel);
    const tmp = `${target}.${process.pid}.tmp`;
    this.temps.push([tmp, target]);
    streamInto(tmp, (sink) => sink(content));
  }

  bytes(rel: string, data: Uint8Array): void {
    const target = join(this.outDir, rel);
    const tmp = `${target}.${process.pid}.tmp`;
    this.temps.push([tmp, target]);
    writeFileSync(tmp, data);
  }

  commit(): void {
    for (const [tmp, target] of this.temps) renameSync(tmp, target);
    this.temps.length = 0;
  }

  abort(): void {
    for (const [tmp] of this.temps) rmSync(tmp, { force: true });
    this.temps.length = 0;
  }
}
