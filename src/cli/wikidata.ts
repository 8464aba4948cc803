// `wikidata quickstatements | reconcile | accept`: options and printing; the work is in src/publish/wikidata.

import { Option, type Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { formatProblems } from '../corpus/errors.js';
import { checkBaseIri, DEFAULT_BASE_IRI } from '../rdf/vocab.js';
import type { Dataset, EntityKind } from '../model/types.js';
import { UsageError, type Io } from './io.js';

async function dataset(io: Io, corpus: string): Promise<Dataset> {
  const [{ readCorpus }, { assemble }] = await Promise.all([import('../corpus/read.js'), import('../model/assemble.js')]);
  const dir = resolve(io.cwd, corpus);
  const { dataset: d, problems } = assemble(readCorpus(dir, relative(io.cwd, dir) || dir));
  if (!d || problems.length) {
    io.err(`${formatProblems(problems)}\n`);
    throw new UsageError(`the corpus has ${problems.length} problem(s); fix them first (see \`validate\`)`);
  }
  return d;
}

const today = (): string => new Date().toISOString().slice(0, 10);

function checkDay(v: string, what: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) throw new UsageError(`${what} "${v}" is not a date YYYY-MM-DD`);
  return v;
}

function positive(v: string, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${what} "${v}" must be a whole number`);
  return n;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function registerWikidataCommand(p: Command, io: Io): void {
  const wd = p.command('wikidata').description('round trip with Wikidata: QuickStatements export, reconciliation, accepted matches');

  wd.command('quickstatements')
    .description('write QuickStatements (V1) for the offices held whose holder and post have QIDs, and a report of what could not go')
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .option('--out <dir>', 'output folder', 'build/wikidata')
    .option('--base-iri <iri>', 'base IRI of the dataset (reference URLs)', DEFAULT_BASE_IRI)
    .option('--retrieved <date>', 'day the references are retrieved (S813), YYYY-MM-DD (default: today)')
    .option('--always-new', 'start every statement with !P39 (never add to an existing Wikidata statement)')
    .action(async (o: { corpus: string; out: string; baseIri: string; retrieved?: string; alwaysNew?: boolean }) => {
      checkBaseIri(o.baseIri);
      (await import('../publish/write.js')).refuseFileAsFolder(resolve(io.cwd, o.out));
      const retrieved = checkDay(o.retrieved ?? today(), '--retrieved');
      const d = await dataset(io, o.corpus);
      const [{ wikidataStatements }, { toQuickStatements, ALWAYS_LEFT_OUT }, { AtomicWriter }] = await Promise.all([
        import('../model/wikidata.js'), import('../publish/wikidata/quickstatements.js'), import('../publish/write.js'),
      ]);
      const { statements, skipped } = wikidataStatements(d);
      const r = toQuickStatements(statements, skipped, { base: o.baseIri, retrieved, ...(o.alwaysNew ? { alwaysNew: true } : {}) });
      const out = new AtomicWriter(resolve(io.cwd, o.out));
      out.text('quickstatements.tsv', r.commands);
      out.text('quickstatements-report.tsv', r.report);
      out.commit();
      io.out(`quickstatements: ${r.exported} statement(s) → ${join(o.out, 'quickstatements.tsv')}; ${r.notExported} office(s) held not exported ` +
        `(why: ${join(o.out, 'quickstatements-report.tsv')})\nnote: ${ALWAYS_LEFT_OUT}\n`);
    });

  wd.command('reconcile')
    .description('ask a W3C reconciliation service for candidates for the entities without a QID; writes corpus/reconciliation/<kind>.yaml')
    .addOption(new Option('--kind <kind>', 'which entities (default: all three)').choices(['person', 'organization', 'place']))
    .option('--service <url>', 'reconciliation service endpoint (Reconciliation API v0.2)', 'https://wikidata.reconci.link/en/api')
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .option('--out <dir>', 'folder for the candidate files (default: <corpus>/reconciliation)')
    .option('--timeout <ms>', 'milliseconds to wait for one answer', '30000')
    .option('--batch <n>', 'queries per request', '10')
    .option('--retries <n>', 'further attempts after HTTP 429, 5xx or a timeout', '3')
    .option('--backoff <ms>', 'first wait before a retry (doubled each time)', '1000')
    .option('--limit <n>', 'candidates per query', '5')
    .action(async (o: { kind?: EntityKind; service: string; corpus: string; out?: string; timeout: string; batch: string; retries: string; backoff: string; limit: string }) => {
      if (!/^https?:\/\/\S+$/.test(o.service)) throw new UsageError(`--service "${o.service}" must be an http(s) URL`);
      (await import('../publish/write.js')).refuseFileAsFolder(resolve(io.cwd, o.out ?? join(o.corpus, 'reconciliation')));
      const opts = {
        service: o.service, timeout: positive(o.timeout, '--timeout'), batchSize: Math.max(1, positive(o.batch, '--batch')),
        retries: positive(o.retries, '--retries'), backoff: positive(o.backoff, '--backoff'), limit: Math.max(1, positive(o.limit, '--limit')),
        userAgent: `stalin-letters-lod/${version()} (reconciliation for curators; https://w3id.org/stalin-letters/)`,
      };
      const d = await dataset(io, o.corpus);
      const [{ reconciliationQueries, reconcile, candidatesYaml }, { AtomicWriter }] = await Promise.all([import('../publish/wikidata/reconcile.js'), import('../publish/write.js')]);
      const kinds: EntityKind[] = o.kind ? [o.kind] : ['person', 'organization', 'place'];
      // every kind is asked before anything is written: a failure leaves the previous files as they were
      const files: [string, string, number, number][] = [];
      for (const kind of kinds) {
        const entries = reconciliationQueries(d, kind, opts.limit);
        const results = await reconcile(entries, opts);
        files.push([`${kind}.yaml`, candidatesYaml(kind, o.service, results), results.length, results.reduce((n, r) => n + r.candidates.length, 0)]);
      }
      const outDir = resolve(io.cwd, o.out ?? join(o.corpus, 'reconciliation'));
      const out = new AtomicWriter(outDir);
      for (const [name, text] of files) out.text(name, text);
      out.commit();
      for (const [name, , n, c] of files) io.out(`reconcile: ${n} entities, ${c} candidates → ${relative(io.cwd, join(outDir, name))}\n`);
      io.out('nothing was accepted: check the candidates, then `wikidata accept ENTITY QID --by NAME --why TEXT`\n');
    });

  wd.command('accept')
    .description('record a reconciliation match a curator accepts (who and why) in corpus/reference/wikidata-accepted.tsv')
    .argument('<entity>', 'the entity, as kind/id (person/piatakov) or a unique id')
    .argument('<qid>', 'the Wikidata item, e.g. Q855')
    .requiredOption('--by <name>', 'who accepts the match')
    .requiredOption('--why <text>', 'why it is the entity the texts name (sources checked, dates, posts)')
    .option('--on <date>', 'day of the decision, YYYY-MM-DD (default: today)')
    .option('--corpus <dir>', 'corpus folder', 'corpus')
    .action(async (entity: string, qid: string, o: { by: string; why: string; on?: string; corpus: string }) => {
      const on = checkDay(o.on ?? today(), '--on');
      // the QID is checked before the corpus is read: a typo costs nothing
      const { isItemId } = await import('wikibase-sdk');
      if (!isItemId(qid)) throw new UsageError(`"${qid}" is not a QID: Q followed by digits, e.g. Q855`);
      const d = await dataset(io, o.corpus);
      const { acceptMatch } = await import('../publish/wikidata/accept.js');
      const dir = resolve(io.cwd, o.corpus);
      const key = acceptMatch(d, { entity, qid, by: o.by, why: o.why, on }, {
        accepted: join(dir, 'reference/wikidata-accepted.tsv'), reference: join(dir, 'reference/wikidata-verified.tsv'), reconciliation: join(dir, 'reconciliation'),
      });
      io.out(`accepted: ${key} = ${qid} (by ${o.by.trim()}); the next build links it\n`);
    });
}
