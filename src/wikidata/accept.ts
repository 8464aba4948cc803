// Accepting a reconciliation match: a curator names the entity, the QID, who they are and why; the match is added
// to corpus/reference/wikidata-accepted.tsv, which the build reads beside the verified reference file (so the
// entity is linked from the next build on). Every check comes first; the file is written aside and renamed, so a
// refused match leaves it byte for byte as it was.

import { isItemId } from 'wikibase-sdk';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { load } from 'js-yaml';
import { UsageError } from '../core/errors.js';
import type { Dataset } from '../model/types.js';
import { ACCEPTED_HEADER, parseAccepted, parseReference } from '../model/entities.js';

export interface AcceptInput {
  entity: string;
  qid: string;
  by: string;
  why: string;
  /** `YYYY-MM-DD` */
  on: string;
}

export interface AcceptFiles {
  accepted: string;
  reference: string;
  /** Folder of the reconciliation files (to note the candidate's name and score, if it was one). */
  reconciliation: string;
}

const KINDS = ['person', 'organization', 'place'] as const;

/** The entity as `kind/id`; a bare id is looked up in every kind and must be unique. */
export function resolveEntity(d: Dataset, name: string): { kind: (typeof KINDS)[number]; id: string; qid?: string } {
  const lists = { person: d.persons, organization: d.organizations, place: d.places };
  const m = /^(person|organization|place)\/(.+)$/.exec(name);
  const hits = KINDS.flatMap((kind) => (m && m[1] !== kind ? [] : lists[kind].filter((e) => e.id === (m ? m[2] : name)).map((e) => ({ kind, id: e.id, ...(e.wikidata ? { qid: e.wikidata.qid } : {}) }))));
  if (!hits.length) throw new UsageError(`unknown entity "${name}": give the id of a person, organization or place of corpus/*.yaml (e.g. person/piatakov)`);
  if (hits.length > 1) throw new UsageError(`"${name}" is the id of a ${hits.map((h) => h.kind).join(' and a ')}: say which, e.g. ${hits[0]!.kind}/${name}`);
  return hits[0]!;
}

export function acceptMatch(d: Dataset, input: AcceptInput, files: AcceptFiles): string {
  if (!isItemId(input.qid)) throw new UsageError(`"${input.qid}" is not a QID: Q followed by digits, e.g. Q855`);
  for (const [what, v] of [['--by', input.by], ['--why', input.why]] as const) {
    if (!v.trim()) throw new UsageError(`${what} must say who accepts the match and why (non-empty)`);
    if (/[\t\r\n]/.test(v)) throw new UsageError(`${what} must be one line without tabs`);
  }
  const e = resolveEntity(d, input.entity);
  const key = `${e.kind}/${e.id}`;
  if (e.qid) throw new UsageError(`${key} is already linked to ${e.qid}; remove that link first if it is wrong`);
  const owners = [...d.persons.map((x) => ['person', x] as const), ...d.organizations.map((x) => ['organization', x] as const), ...d.places.map((x) => ['place', x] as const), ...d.posts.map((x) => ['post', x] as const)];
  const other = owners.find(([, x]) => x.wikidata?.qid === input.qid);
  if (other) throw new UsageError(`${input.qid} is already the QID of ${other[0]}/${other[1].id}: one QID, one entity (namesakes?); nothing was written`);
  const text = existsSync(files.accepted) ? readFileSync(files.accepted, 'utf8') : `${ACCEPTED_HEADER.join('\t')}\n`;
  const rows = parseAccepted(text);
  const pending = rows.find((r) => r.qid === input.qid);
  if (pending) throw new UsageError(`${input.qid} was already accepted for ${pending.entity} (${files.accepted} line ${pending.line}); nothing was written`);
  const ref = existsSync(files.reference) ? parseReference(readFileSync(files.reference, 'utf8')).get(input.qid) : undefined;
  if (ref && ref.kind !== e.kind) throw new UsageError(`${input.qid} is a ${ref.kind} in the reference file ("${ref.label}"), not a ${e.kind}`);
  const candidate = candidateOf(files.reconciliation, e.kind, key, input.qid);
  const row = [key, input.qid, input.by.trim(), input.on, input.why.trim(), candidate?.name ?? '', candidate ? String(candidate.score) : ''];
  const next = `${text.endsWith('\n') ? text : `${text}\n`}${row.join('\t')}\n`;
  mkdirSync(dirname(files.accepted), { recursive: true });
  const tmp = `${files.accepted}.${process.pid}.tmp`;
  writeFileSync(tmp, next);
  renameSync(tmp, files.accepted);
  return key;
}

function candidateOf(dir: string, kind: string, entity: string, qid: string): { name: string; score: number } | undefined {
  const file = `${dir}/${kind}.yaml`;
  if (!existsSync(file)) return undefined;
  try {
    const doc = load(readFileSync(file, 'utf8')) as { entities?: { entity: string; candidates?: { qid: string; name: string; score: number }[] }[] };
    const c = doc.entities?.find((x) => x.entity === entity)?.candidates?.find((x) => x.qid === qid);
    return c ? { name: c.name, score: c.score } : undefined;
  } catch {
    return undefined;
  }
}
