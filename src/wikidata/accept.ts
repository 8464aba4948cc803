// Accepting a reconciliation match: a curator names the entity (a person, organisation, place, post or edition),
// the QID, who they are and why; the match is added to corpus/reference/wikidata-accepted.tsv, which the build
// reads beside the verified reference file (so the entity is linked from the next build on). A QID that was not
// among the entity's reconciliation candidates is refused unless the curator says --force, and is then recorded
// as "not a candidate". `--from FILE` takes many matches at once (a Mix'n'match match export, or any TSV with an
// entity and a QID column), all or nothing. Every check comes first; the file is written aside and renamed, so a
// refused match leaves it byte for byte as it was.

import { isItemId } from 'wikibase-sdk';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { UsageError } from '../core/errors.js';
import { parseYamlDocument } from '../corpus/yaml.js';
import type { Dataset } from '../model/types.js';
import { ACCEPTED_HEADER, parseAccepted, parseReference, type AcceptedRow } from '../model/entities.js';

export interface AcceptInput {
  entity: string;
  qid: string;
  by: string;
  why: string;
  /** `YYYY-MM-DD` */
  on: string;
  /** Record a QID that is not among the entity's reconciliation candidates (noted as such in the file). */
  force?: boolean;
}

export interface AcceptFiles {
  accepted: string;
  reference: string;
  /** Folder of the reconciliation files (to note the candidate's name and score, if it was one). */
  reconciliation: string;
}

export interface Accepted {
  key: string;
  qid: string;
  /** The reconciliation candidate it was, if it was one. */
  candidate?: { name: string; score: number };
  /** What the file records in its `candidate` column when the QID was not a candidate. */
  note?: string;
}

export const ACCEPT_KINDS = ['person', 'organization', 'place', 'post', 'edition'] as const;
export type AcceptKind = (typeof ACCEPT_KINDS)[number];
/** What the `candidate` column says of a QID accepted with --force. */
export const NOT_A_CANDIDATE = 'not a candidate (--force)';

interface Named {
  id: string;
  wikidata?: { qid: string };
}
const listsOf = (d: Dataset): Record<AcceptKind, readonly Named[]> => ({
  person: d.persons,
  organization: d.organizations,
  place: d.places,
  post: d.posts,
  edition: d.editions,
});

/** The entity as `kind/id`; a bare id is looked up in every kind and must be unique. */
export function resolveEntity(d: Dataset, name: string): { kind: AcceptKind; id: string; qid?: string } {
  const lists = listsOf(d);
  const m = /^(person|organization|place|post|edition)\/(.+)$/.exec(name);
  const hits = ACCEPT_KINDS.flatMap((kind) =>
    m && m[1] !== kind
      ? []
      : lists[kind]
          .filter((e) => e.id === (m ? m[2] : name))
          .map((e) => ({ kind, id: e.id, ...(e.wikidata ? { qid: e.wikidata.qid } : {}) })),
  );
  if (!hits.length)
    throw new UsageError(
      `unknown entity "${name}": give the id of a person, organization, place, post or edition of corpus/*.yaml (e.g. person/piatakov, post/chairman-gosbank, edition/molotov-1930)`,
    );
  if (hits.length > 1)
    throw new UsageError(
      `"${name}" is the id of a ${hits.map((h) => h.kind).join(' and a ')}: say which, e.g. ${hits[0]!.kind}/${name}`,
    );
  return hits[0]!;
}

/** What the checks of every match share: the corpus, the accepted file as it is, the reference file. */
interface Context {
  d: Dataset;
  files: AcceptFiles;
  text: string;
  /** The accepted matches, and (`file`) those of a --from file checked so far. */
  rows: (AcceptedRow & { file?: string })[];
  reference: ReturnType<typeof parseReference>;
}

function context(d: Dataset, files: AcceptFiles): Context {
  const text = existsSync(files.accepted) ? readFileSync(files.accepted, 'utf8') : `${ACCEPTED_HEADER.join('\t')}\n`;
  return {
    d,
    files,
    text,
    rows: parseAccepted(text),
    reference: parseReference(existsSync(files.reference) ? readFileSync(files.reference, 'utf8') : ''),
  };
}

function checkLine(what: string, v: string): void {
  if (!v.trim()) throw new UsageError(`${what} must say who accepts the match and why (non-empty)`);
  if (/[\t\r\n]/.test(v)) throw new UsageError(`${what} must be one line without tabs`);
}

/** Every check of one match; the row to append. `from`: the match comes from a file (its name and line). */
function check(
  c: Context,
  input: AcceptInput,
  from?: { file: string; line: number },
): { row: string[]; accepted: Accepted } {
  if (!isItemId(input.qid)) throw new UsageError(`"${input.qid}" is not a QID: Q followed by digits, e.g. Q855`);
  checkLine('--by', input.by);
  checkLine('--why', input.why);
  const e = resolveEntity(c.d, input.entity);
  const key = `${e.kind}/${e.id}`;
  if (e.qid) throw new UsageError(`${key} is already linked to ${e.qid}; remove that link first if it is wrong`);
  const lists = listsOf(c.d);
  for (const kind of ACCEPT_KINDS) {
    const other = lists[kind].find((x) => x.wikidata?.qid === input.qid);
    if (other)
      throw new UsageError(
        `${input.qid} is already the QID of ${kind}/${other.id}: one QID, one entity (namesakes?); nothing was written`,
      );
  }
  const pending = c.rows.find((r) => r.qid === input.qid);
  if (pending)
    throw new UsageError(
      `${input.qid} was already accepted for ${pending.entity} (${pending.file ?? c.files.accepted} line ${pending.line}); nothing was written`,
    );
  const twice = c.rows.find((r) => r.entity === key);
  if (twice)
    throw new UsageError(
      `${key} was already accepted as ${twice.qid} (${twice.file ?? c.files.accepted} line ${twice.line}); nothing was written`,
    );
  const ref = c.reference.get(input.qid);
  if (ref && ref.kind !== e.kind)
    throw new UsageError(`${input.qid} is a ${ref.kind} in the reference file ("${ref.label}"), not a ${e.kind}`);
  const candidate = candidateOf(c.files.reconciliation, e.kind, key, input.qid);
  let note: string | undefined;
  if (!candidate) {
    if (from) note = `listed in ${basename(from.file)} line ${from.line}`;
    else if (input.force) note = NOT_A_CANDIDATE;
    else {
      const file = `${c.files.reconciliation}/${e.kind}.yaml`;
      throw new UsageError(
        `${input.qid} was not among the reconciliation candidates for ${key} (${existsSync(file) ? file : `no ${file}: run \`wikidata reconcile --kind ${e.kind}\``}); ` +
          'check the item by hand, then repeat with --force to record it as not a candidate; nothing was written',
      );
    }
  }
  const row = [
    key,
    input.qid,
    input.by.trim(),
    input.on,
    input.why.trim(),
    candidate?.name ?? note ?? '',
    candidate ? String(candidate.score) : '',
  ];
  return { row, accepted: { key, qid: input.qid, ...(candidate ? { candidate } : {}), ...(note ? { note } : {}) } };
}

function write(c: Context, rows: string[][]): void {
  const next = `${c.text.endsWith('\n') ? c.text : `${c.text}\n`}${rows.map((r) => `${r.join('\t')}\n`).join('')}`;
  mkdirSync(dirname(c.files.accepted), { recursive: true });
  const tmp = `${c.files.accepted}.${process.pid}.tmp`;
  writeFileSync(tmp, next);
  renameSync(tmp, c.files.accepted);
}

export function acceptMatch(d: Dataset, input: AcceptInput, files: AcceptFiles): Accepted {
  const c = context(d, files);
  const { row, accepted } = check(c, input);
  write(c, [row]);
  return accepted;
}

/** Columns `--from` recognises (case-insensitive): ours, or a Mix'n'match export's (external id and q). */
const ENTITY_COLUMNS = ['entity', 'external_id', 'ext_id', 'id'];
const QID_COLUMNS = ['qid', 'q', 'wikidata', 'item'];

/**
 * Many matches from a TSV with a header row: an entity column (our `kind/id`, the Mix'n'match catalogue's id) and
 * a QID column; optional `accepted_by` / `user` and `why` columns override --by / --why per row. Every row is
 * checked (also against the rows before it); any problem: the list of them, one line each, and nothing written.
 */
export function acceptFrom(
  d: Dataset,
  file: string,
  text: string,
  defaults: { by?: string; why?: string; on: string },
  files: AcceptFiles,
): { accepted: Accepted[]; problems: string[] } {
  const c = context(d, files);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const col = (names: string[]): number => header.findIndex((h) => names.includes(h));
  const [entityCol, qidCol, byCol, whyCol] = [
    col(ENTITY_COLUMNS),
    col(QID_COLUMNS),
    col(['accepted_by', 'user', 'by']),
    col(['why']),
  ];
  if (entityCol < 0 || qidCol < 0) {
    return {
      accepted: [],
      problems: [
        `${file} line 1: the header must name an entity column (${ENTITY_COLUMNS.join(', ')}) and a QID column (${QID_COLUMNS.join(', ')}), tab-separated`,
      ],
    };
  }
  const problems: string[] = [];
  const rows: string[][] = [];
  const accepted: Accepted[] = [];
  const seen = new Map<string, number>();
  lines.forEach((line, i) => {
    if (i === 0 || !line.trim()) return;
    const n = i + 1;
    const f = line.split('\t');
    if (f.length !== header.length) {
      problems.push(`${file} line ${n}: ${f.length} field(s) where the header has ${header.length} (tab-separated)`);
      return;
    }
    const entity = f[entityCol]!.trim();
    const qid = f[qidCol]!.trim();
    try {
      const key = (() => {
        try {
          const e = resolveEntity(d, entity);
          return `${e.kind}/${e.id}`;
        } catch {
          return entity;
        }
      })();
      const first = seen.get(key);
      if (first !== undefined) throw new UsageError(`${key} is listed twice (line ${first} too): one QID per entity`);
      seen.set(key, n);
      const by = byCol >= 0 && f[byCol]!.trim() ? f[byCol]! : (defaults.by ?? '');
      const why = whyCol >= 0 && f[whyCol]!.trim() ? f[whyCol]! : (defaults.why ?? '');
      const r = check(c, { entity, qid, by, why, on: defaults.on }, { file, line: n });
      rows.push(r.row);
      accepted.push(r.accepted);
      // later rows are checked against this one too (a QID twice in the file)
      c.rows.push({ entity: r.accepted.key, qid, by, on: defaults.on, why, line: n, file });
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      problems.push(`${file} line ${n}: ${e.message.replace(/; nothing was written$/, '')}`);
    }
  });
  if (!problems.length && !rows.length) problems.push(`${file}: no matches (only a header)`);
  if (!problems.length) write(c, rows);
  return { accepted: problems.length ? [] : accepted, problems };
}

function candidateOf(
  dir: string,
  kind: string,
  entity: string,
  qid: string,
): { name: string; score: number } | undefined {
  const file = `${dir}/${kind}.yaml`;
  if (!existsSync(file)) return undefined;
  try {
    const doc = parseYamlDocument(readFileSync(file, 'utf8')) as {
      entities?: { entity: string; candidates?: { qid: string; name: string; score: number }[] }[];
    };
    const c = doc.entities?.find((x) => x.entity === entity)?.candidates?.find((x) => x.qid === qid);
    return c ? { name: c.name, score: c.score } : undefined;
  } catch {
    return undefined;
  }
}
