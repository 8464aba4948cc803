// The `release` command: options and printing; the work is in src/release/release.ts.

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { formatProblems } from '../corpus/errors.js';
import type { Io } from './io.js';
import { DEFAULT_BASE_IRI, parseBaseIri } from '../core/iri.js';

interface ReleaseCliOptions {
  version?: string;
  out: string;
  previous?: string;
  date?: string;
  corpus: string;
  baseIri: string;
  quiet?: boolean;
}

export function registerReleaseCommand(p: Command, io: Io): void {
  p.command('release')
    .description(
      'write a versioned release of the open profile (no texts of the letters): dumps and .gz, VoID with checksums, CMIF, README, CITATION.cff, licence, CHANGES.md, a quality report, a linkset, RO-Crate metadata, and a reproducible .tar.gz',
    )
    .option('--version <semver>', 'release version (default: package.json version)')
    .option('--out <dir>', 'folder that receives stalin-letters-lod-<version>/ and its .tar.gz', 'release')
    .option('--previous <dir>', 'the previous release folder, for CHANGES.md (checked against its void.ttl)')
    .option(
      '--date <YYYY-MM-DD>',
      'release date (default: SOURCE_DATE_EPOCH, else the date of the git commit; "today" takes the clock)',
    )
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .option('--base-iri <iri>', 'base IRI of the dataset', DEFAULT_BASE_IRI)
    .option('-q, --quiet', 'print nothing on success')
    .action(async (o: ReleaseCliOptions) => {
      const [{ runRelease, checkVersion }, { releaseDate }, { version, SHAPES_FILE }] = await Promise.all([
        import('../release/release.js'),
        import('../release/release-date.js'),
        import('../pipeline/build.js'),
      ]);
      const v = checkVersion(o.version ?? version());
      const base = parseBaseIri(o.baseIri, { slashOnly: true });
      (await import('../core/fs/output-folder.js')).refuseFileAsFolder(resolve(io.cwd, o.out));
      const date = releaseDate(o.date, process.env, io.cwd);
      const r = await runRelease({
        corpusDir: resolve(io.cwd, o.corpus),
        outDir: resolve(io.cwd, o.out),
        base,
        version: v,
        date: date.date,
        dateSource: date.source,
        shapes: SHAPES_FILE,
        ...(o.previous !== undefined ? { previous: resolve(io.cwd, o.previous) } : {}),
      });
      if (r.problems.length) {
        io.err(`${formatProblems(r.problems)}\n${r.problems.length} problem(s); nothing was written.\n`);
        p.setOptionValue('exit', 1);
        return;
      }
      if (!o.quiet) {
        io.out(
          `released ${v} (dated ${date.date}, from ${date.source}): ${r.files!.length} files, ${r.triples} triples → ${r.dir}/\n`,
        );
        io.out(`archive: ${r.tarball} (sha256 ${r.tarballSha256})\n`);
      }
      p.setOptionValue('exit', 0);
    });
}
