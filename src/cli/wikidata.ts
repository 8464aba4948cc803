// `wikidata quickstatements | reconcile | accept | mixnmatch`: options and printing; the work is in src/wikidata.

import { Option, type Command } from 'commander';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { formatProblems } from '../corpus/errors.js';
import { DEFAULT_BASE_IRI, parseBaseIri } from '../core/iri.js';
import type { Dataset } from '../model/types.js';
import { RECONCILE_KINDS, type ReconcileKind } from '../wikidata/kinds.js';
import { UsageError, type Io } from './io.js';
import { packageJson } from '../core/package.js';

async function dataset(io: Io, corpus: string): Promise<Dataset> {
  const { loadDataset } = await import('../pipeline/build.js');
  const dir = resolve(io.cwd, corpus);
  const { dataset: d, problems } = loadDataset(dir, relative(io.cwd, dir) || dir);
  if (!d || problems.length) {
    io.err(`${formatProblems(problems)}\n`);
    throw new UsageError(`the corpus has ${problems.length} problem(s); fix them first (see \`validate\`)`);
  }
  return d;
}

const today = (): string => new Date().toISOString().slice(0, 10);

function checkDay(v: string, what: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(v) ||
    Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
    new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v
  )
    throw new UsageError(`${what} "${v}" is not a date YYYY-MM-DD`);
  return v;
}

function positive(v: string, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${what} "${v}" must be a whole number`);
  return n;
}

const version = (): string => packageJson().version;

export function registerWikidataCommand(p: Command, io: Io): void {
  const wd = p
    .command('wikidata')
    .description('round trip with Wikidata: QuickStatements export, reconciliation, accepted matches');

  wd.command('quickstatements')
    .description(
      'write QuickStatements (V1) for the offices held whose holder and post have QIDs, and a report of what could not go',
    )
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .option('--out <dir>', 'output folder', 'build/wikidata')
    .option('--base-iri <iri>', 'base IRI of the dataset (reference URLs)', DEFAULT_BASE_IRI)
    .option('--retrieved <date>', 'day the references are retrieved (S813), YYYY-MM-DD (default: today)')
    .option('--always-new', 'start every statement with !P39 (never add to an existing Wikidata statement)')
    .option(
      '--stated-only',
      'leave out the presumed statements (holder or post not named by the note; otherwise sent with P1480 = presumably)',
    )
    .action(
      async (o: {
        corpus: string;
        out: string;
        baseIri: string;
        retrieved?: string;
        alwaysNew?: boolean;
        statedOnly?: boolean;
      }) => {
        const base = parseBaseIri(o.baseIri);
        (await import('../core/fs/output-folder.js')).refuseFileAsFolder(resolve(io.cwd, o.out));
        const retrieved = checkDay(o.retrieved ?? today(), '--retrieved');
        const d = await dataset(io, o.corpus);
        const [{ wikidataStatements }, { toQuickStatements, referencesNote }, { AtomicWriter }] = await Promise.all([
          import('../model/wikidata.js'),
          import('../wikidata/quickstatements.js'),
          import('../core/fs/atomic.js'),
        ]);
        const { statements, skipped } = wikidataStatements(d, d.offices, { statedOnly: o.statedOnly === true });
        const r = toQuickStatements(statements, skipped, {
          base,
          retrieved,
          ...(o.alwaysNew ? { alwaysNew: true } : {}),
        });
        const out = new AtomicWriter(resolve(io.cwd, o.out));
        out.text('quickstatements.tsv', r.commands);
        out.text('quickstatements-report.tsv', r.report);
        out.commit();
        io.out(
          `quickstatements: ${r.exported} statement(s) → ${join(o.out, 'quickstatements.tsv')}, ${r.presumed} of them presumed (P1480 = presumably); ` +
            `${r.notExported} office(s) held not exported (why, and which lines: ${join(o.out, 'quickstatements-report.tsv')})\nnote: ${referencesNote(statements)}\n`,
        );
      },
    );

  wd.command('reconcile')
    .description(
      'ask a W3C reconciliation service for candidates for the entities without a QID; writes corpus/reconciliation/<kind>.yaml',
    )
    .addOption(new Option('--kind <kind>', 'which entities (default: all five)').choices([...RECONCILE_KINDS]))
    .option(
      '--service <url>',
      'reconciliation service endpoint (Reconciliation API v0.2)',
      'https://wikidata.reconci.link/en/api',
    )
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .option('--out <dir>', 'folder for the candidate files (default: <corpus>/reconciliation)')
    .option('--timeout <ms>', 'milliseconds to wait for one answer', '30000')
    .option('--batch <n>', 'queries per request', '10')
    .option('--retries <n>', 'further attempts after HTTP 429, 5xx or a timeout', '3')
    .option('--backoff <ms>', 'first wait before a retry (doubled each time)', '1000')
    .option('--limit <n>', 'candidates per query', '5')
    .action(
      async (o: {
        kind?: ReconcileKind;
        service: string;
        corpus: string;
        out?: string;
        timeout: string;
        batch: string;
        retries: string;
        backoff: string;
        limit: string;
      }) => {
        if (!/^https?:\/\/\S+$/.test(o.service))
          throw new UsageError(`--service "${o.service}" must be an http(s) URL`);
        (await import('../core/fs/output-folder.js')).refuseFileAsFolder(
          resolve(io.cwd, o.out ?? join(o.corpus, 'reconciliation')),
        );
        const opts = {
          service: o.service,
          timeout: positive(o.timeout, '--timeout'),
          batchSize: Math.max(1, positive(o.batch, '--batch')),
          retries: positive(o.retries, '--retries'),
          backoff: positive(o.backoff, '--backoff'),
          limit: Math.max(1, positive(o.limit, '--limit')),
          userAgent: `stalin-letters-lod/${version()} (reconciliation for curators; https://w3id.org/stalin-letters/)`,
        };
        const d = await dataset(io, o.corpus);
        const [{ reconciliationQueries, reconcile, candidatesYaml }, { AtomicWriter }] = await Promise.all([
          import('../wikidata/reconcile.js'),
          import('../core/fs/atomic.js'),
        ]);
        const kinds: ReconcileKind[] = o.kind ? [o.kind] : [...RECONCILE_KINDS];
        // every kind is asked before anything is written: a failure leaves the previous files as they were
        const files: [string, string, number, number][] = [];
        for (const kind of kinds) {
          const entries = reconciliationQueries(d, kind, opts.limit);
          const results = await reconcile(entries, opts);
          files.push([
            `${kind}.yaml`,
            candidatesYaml(kind, o.service, results),
            results.length,
            results.reduce((n, r) => n + r.candidates.length, 0),
          ]);
        }
        const outDir = resolve(io.cwd, o.out ?? join(o.corpus, 'reconciliation'));
        const out = new AtomicWriter(outDir);
        for (const [name, text] of files) out.text(name, text);
        out.commit();
        for (const [name, , n, c] of files)
          io.out(`reconcile: ${n} entities, ${c} candidates → ${relative(io.cwd, join(outDir, name))}\n`);
        io.out('nothing was accepted: check the candidates, then `wikidata accept ENTITY QID --by NAME --why TEXT`\n');
      },
    );

  wd.command('accept')
    .description(
      'record a match a curator accepts (who and why) in corpus/reference/wikidata-accepted.tsv: one ENTITY QID, or --from a TSV of many',
    )
    .argument(
      '[entity]',
      'the entity, as kind/id (person/piatakov, post/chairman-gosbank, edition/molotov-1930) or a unique id',
    )
    .argument('[qid]', 'the Wikidata item, e.g. Q855')
    .option(
      '--by <name>',
      'who accepts the match (required; with --from, a `user` or `accepted_by` column may give it per row)',
    )
    .option(
      '--why <text>',
      'why it is the entity the texts name (sources checked, dates, posts) (required; with --from, a `why` column may give it)',
    )
    .option('--on <date>', 'day of the decision, YYYY-MM-DD (default: today)')
    .option('--force', 'accept a QID that is not among the reconciliation candidates (recorded as "not a candidate")')
    .option(
      '--from <file>',
      "a TSV with a header: an entity column (entity, external_id, id) and a QID column (qid, q), e.g. a Mix'n'match match export; all rows or none",
    )
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .action(
      async (
        entity: string | undefined,
        qid: string | undefined,
        o: { by?: string; why?: string; on?: string; force?: boolean; from?: string; corpus: string },
      ) => {
        const on = checkDay(o.on ?? today(), '--on');
        if (o.from && (entity || qid)) throw new UsageError('give either ENTITY QID or --from FILE, not both');
        if (!o.from && (!entity || !qid))
          throw new UsageError('give ENTITY QID (e.g. post/chairman-gosbank Q123), or --from FILE');
        // the QID is checked before the corpus is read: a typo costs nothing
        const { isItemId } = await import('wikibase-sdk');
        if (qid !== undefined && !isItemId(qid))
          throw new UsageError(`"${qid}" is not a QID: Q followed by digits, e.g. Q855`);
        if (!o.from)
          for (const [what, v] of [
            ['--by', o.by],
            ['--why', o.why],
          ] as const)
            if (v === undefined) throw new UsageError(`${what} is required: say who accepts the match and why`);
        let fromText = '';
        if (o.from) {
          const path = resolve(io.cwd, o.from);
          if (!existsSync(path)) throw new UsageError(`--from ${o.from}: no such file`);
          fromText = readFileSync(path, 'utf8');
        }
        const d = await dataset(io, o.corpus);
        const { acceptMatch, acceptFrom } = await import('../wikidata/accept.js');
        const dir = resolve(io.cwd, o.corpus);
        const files = {
          accepted: join(dir, 'reference/wikidata-accepted.tsv'),
          reference: join(dir, 'reference/wikidata-verified.tsv'),
          reconciliation: join(dir, 'reconciliation'),
        };
        if (o.from) {
          const r = acceptFrom(
            d,
            o.from,
            fromText,
            { ...(o.by !== undefined ? { by: o.by } : {}), ...(o.why !== undefined ? { why: o.why } : {}), on },
            files,
          );
          if (r.problems.length) {
            for (const line of r.problems) io.err(`error: ${line}\n`);
            io.err(`${r.problems.length} problem(s) in ${o.from}; nothing was written\n`);
            p.setOptionValue('exit', 1);
            return;
          }
          io.out(
            `accepted: ${r.accepted.length} match(es) from ${o.from} (${r.accepted.map((a) => `${a.key} = ${a.qid}`).join(', ')}); the next build links them\n`,
          );
          return;
        }
        const a = acceptMatch(
          d,
          { entity: entity!, qid: qid!, by: o.by!, why: o.why!, on, ...(o.force ? { force: true } : {}) },
          files,
        );
        io.out(`accepted: ${a.key} = ${a.qid} (by ${o.by!.trim()}); the next build links it\n`);
        if (a.note)
          io.out(`note: ${a.qid} was not among the reconciliation candidates for ${a.key}; recorded as "${a.note}"\n`);
      },
    );

  wd.command('mixnmatch')
    .description("write a Mix'n'match catalogue (TSV: id, name, desc, url, type) of every entity without a QID")
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .option('--out <file>', 'catalogue file', 'build/wikidata/mixnmatch.tsv')
    .option('--base-iri <iri>', 'base IRI of the dataset (the url column)', DEFAULT_BASE_IRI)
    .action(async (o: { corpus: string; out: string; baseIri: string }) => {
      const base = parseBaseIri(o.baseIri);
      const d = await dataset(io, o.corpus);
      const [{ mixnmatchRows, mixnmatchTsv }, { AtomicWriter }] = await Promise.all([
        import('../wikidata/mixnmatch.js'),
        import('../core/fs/atomic.js'),
      ]);
      const rows = mixnmatchRows(d, base);
      const out = new AtomicWriter(resolve(io.cwd, dirname(o.out)));
      out.text(basename(o.out), mixnmatchTsv(rows));
      out.commit();
      const kinds = new Map<string, number>();
      for (const r of rows) kinds.set(r.id.split('/')[0]!, (kinds.get(r.id.split('/')[0]!) ?? 0) + 1);
      io.out(
        `mixnmatch: ${rows.length} entities without a QID (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}) → ${o.out}\n` +
          "import it at Mix'n'match (tab-separated); bring the matches back with `wikidata accept --from FILE --by NAME --why TEXT`\n",
      );
    });
}
