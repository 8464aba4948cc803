// read → transform: the whole corpus becomes one Dataset, or a list of every problem found (grouped by the CLI).

import type { CorpusFiles } from '../corpus/read.js';
import type { CorpusProblem } from '../corpus/errors.js';
import { LineIndex, markConsequences } from '../corpus/errors.js';
import { DateParseError, parseEdtf, type DateValue } from '../corpus/dates.js';
import { loadRecords, SchemaSet, type Located } from '../corpus/yaml.js';
import { buildLetters, workFromRecord, type EditionRecord, type WorkRecord } from './letters.js';
import {
  buildEntities,
  parseAccepted,
  parseReference,
  type OrganizationRecord,
  type PersonRecord,
  type PlaceRecord,
  type PostRecord,
} from './entities.js';
import type { ChangeRecord } from './changes.js';
import { evidenceChecker, problemSink } from './evidence.js';
import { buildEvents } from './events.js';
import type { ProposalRecord } from './proposals.js';
import type { ResolutionRecord } from './resolutions.js';
import { checkOffices, deriveOffices } from './offices.js';
import { checkEditionFacts, EDITIONS_REFERENCE_FILE, parseEditionsReference } from './reference-editions.js';
import { checkVerbatimRuns, VerbatimIndex } from './quotation.js';
import { findMentions, MentionMatcher, unresolvedNames, type Named } from './mentions.js';
import type { Archive, Correction, Dataset, Letter, LetterPart } from './types.js';
import { addedKinds, kindOfFile, recordKinds, type KindSpec } from './kinds.js';
import './added-kinds.js';

export interface AssembleResult {
  dataset?: Dataset;
  problems: CorpusProblem[];
}

interface AnnotationRecord {
  id: string;
  file: string;
  line: number;
  printed: string;
  corrected: string;
  kind: string;
  comment?: string;
}

export const REFERENCE_FILE = 'reference/wikidata-verified.tsv';
/** Matches curators accepted after reconciliation (`wikidata accept`); optional. */
export const ACCEPTED_FILE = 'reference/wikidata-accepted.tsv';

export function assemble(corpus: CorpusFiles): AssembleResult {
  const problems: CorpusProblem[] = [...corpus.problems];
  // an oversized file (a line, word or nesting over the reader's limits) is left unread: what follows from its
  // absence is noise, so it is reported alone (issue 31)
  if (problems.some((p) => p.code === 'oversized')) return { problems };
  const root = corpus.root;
  const path = (f: string): string => `${root}/${f}`;
  const schemas = new SchemaSet(corpus.schemas);

  // every kind's file, loaded and checked by its schema once, in the registry's order
  const loaded = new Map<string, Located<{ id?: string }>[]>();
  const load = <T extends { id?: string }>(key: string): Located<T>[] => {
    const known = loaded.get(key);
    if (known) return known as Located<T>[];
    const spec = recordKinds().find((k) => k.key === key);
    if (!spec) throw new Error(`no record kind ${key} in model/kinds.ts`);
    const records = loadKind<T>(spec);
    loaded.set(key, records);
    return records;
  };
  const loadKind = <T extends { id?: string }>(spec: KindSpec): Located<T>[] => {
    const text = corpus.texts.get(spec.file);
    if (text === undefined) {
      if (!spec.optional)
        problems.push({
          code: 'missing-file',
          file: path(spec.file),
          message: `${spec.file} is missing`,
          hint: 'restore it from git',
        });
      return [];
    }
    if (!corpus.schemas[spec.schema]) {
      problems.push({
        code: 'missing-schema',
        file: path(`schema/${spec.schema}`),
        message: `no JSON Schema for ${spec.file}`,
      });
      return [];
    }
    const loaded = loadRecords<T>(path(spec.file), text, schemas, spec.schema);
    problems.push(...loaded.problems);
    return loaded.records;
  };

  for (const k of recordKinds()) load(k.key);
  const editionRecords = load<EditionRecord>('editions');
  const workRecords = load<WorkRecord>('works');
  const archiveRecords = load<Archive>('archives');
  const archives: Archive[] = archiveRecords.map((r) => r.value);
  const annotationRecords = load<AnnotationRecord>('annotations');
  const persons = load<PersonRecord>('persons');
  const organizations = load<OrganizationRecord>('organizations');
  const places = load<PlaceRecord>('places');
  const posts = load<PostRecord>('posts');
  const changes = load<ChangeRecord>('changes');
  const resolutions = load<ResolutionRecord>('resolutions');
  const proposals = load<ProposalRecord>('proposals');

  const letters = buildLetters(
    editionRecords,
    corpus.texts,
    root,
    workRecords.map((w) => w.value),
    archives,
  );
  problems.push(...letters.problems);
  const editionsReference = corpus.texts.get(EDITIONS_REFERENCE_FILE);
  const parsedReference =
    editionsReference === undefined
      ? undefined
      : parseEditionsReference(editionsReference, path(EDITIONS_REFERENCE_FILE));
  if (parsedReference) problems.push(...parsedReference.problems);
  const factsEvidence = checkEditionFacts(
    editionRecords,
    parsedReference?.entries,
    path('editions.yaml'),
    path(EDITIONS_REFERENCE_FILE),
    problems,
  );
  for (const e of letters.editions) {
    const seen = factsEvidence.get(e.id);
    if (seen?.length) e.factsEvidence = seen;
  }

  const reference = parseReference(corpus.texts.get(REFERENCE_FILE) ?? '');
  if (!corpus.texts.has(REFERENCE_FILE))
    problems.push({
      code: 'missing-file',
      file: path(REFERENCE_FILE),
      message: 'the Wikidata reference file is missing',
      hint: 'copy shared/reference/wikidata-verified.tsv into corpus/reference/',
    });
  const entities = buildEntities(
    {
      persons: path('persons.yaml'),
      organizations: path('organizations.yaml'),
      places: path('places.yaml'),
      posts: path('posts.yaml'),
      editions: path('editions.yaml'),
    },
    { persons, organizations, places, posts, editions: editionRecords },
    reference,
    path(REFERENCE_FILE),
    { rows: parseAccepted(corpus.texts.get(ACCEPTED_FILE) ?? ''), file: path(ACCEPTED_FILE) },
  );
  problems.push(...entities.problems);
  for (const e of letters.editions) {
    const w = entities.editionQids.get(e.id);
    if (w) e.wikidata = w;
  }

  // ids must be unique across entity kinds that share the mention matcher, and references must resolve
  const personIds = new Set(entities.persons.map((p) => p.id));
  const orgIds = new Set(entities.organizations.map((o) => o.id));
  const placeIds = new Set(entities.places.map((p) => p.id));
  const postIds = new Set(entities.posts.map((p) => p.id));
  const refProblem = (file: string, line: number, entry: string, field: string, id: string, what: string): void => {
    problems.push({
      code: 'unknown-reference',
      file,
      line,
      entry,
      message: `${field} "${id}" is not a known ${what}`,
      hint: `add it to the ${what} records or fix the id`,
      refersTo: what,
    });
  };
  for (const e of editionRecords) {
    for (const field of ['author', 'addressee'] as const) {
      if (persons.length && !personIds.has(e.value[field]))
        refProblem(path('editions.yaml'), e.fieldLines[field] ?? e.line, e.value.id, field, e.value[field], 'person');
    }
  }
  for (const o of entities.organizations) {
    if (o.parent && !orgIds.has(o.parent)) refProblem(o.src.file, o.src.line, o.id, 'parent', o.parent, 'organization');
    if (o.jurisdiction && !placeIds.has(o.jurisdiction))
      refProblem(o.src.file, o.src.line, o.id, 'jurisdiction', o.jurisdiction, 'place');
  }
  for (const p of entities.places)
    if (p.partOf && !placeIds.has(p.partOf)) refProblem(p.src.file, p.src.line, p.id, 'partOf', p.partOf, 'place');
  for (const p of entities.posts) {
    for (const x of p.incompatibleWith)
      if (!postIds.has(x)) refProblem(p.src.file, p.src.line, p.id, 'incompatibleWith', x, 'post');
    if (p.organization && !orgIds.has(p.organization))
      refProblem(p.src.file, p.src.line, p.id, 'organization', p.organization, 'organization');
    if (p.place && !placeIds.has(p.place)) refProblem(p.src.file, p.src.line, p.id, 'place', p.place, 'place');
  }

  const letterById = new Map(letters.letters.map((l) => [l.id, l]));
  for (const e of [...entities.persons, ...entities.organizations, ...entities.places]) {
    for (const v of e.variants)
      for (const l of v.letters ?? []) {
        if (!letterById.has(l))
          problems.push({
            code: 'unknown-reference',
            file: e.src.file,
            line: e.src.line,
            entry: e.id,
            message: `variant "${v.form}" is scoped to unknown letter "${l}"`,
            refersTo: 'letter',
          });
      }
  }

  // posts may carry the evidence that names them
  const checkEvidence = evidenceChecker({ letters: letterById }, problemSink(problems));
  const postById = new Map(entities.posts.map((p) => [p.id, p]));
  for (const r of posts) {
    if (!r.value.evidence) continue;
    const ev = checkEvidence(path('posts.yaml'), r, 'evidence', r.value.evidence);
    const post = postById.get(r.value.id);
    if (ev && post) post.evidence = ev;
  }

  // parts of a letter with their own author and addressee (Molotov's note and Stalin's reply, L55)
  for (const r of editionRecords) {
    const byLetter = new Map<string, LetterPart[]>();
    for (const [i, part] of (r.value.parts ?? []).entries()) {
      const field = 'parts';
      const where = {
        file: path('editions.yaml'),
        line: r.fieldLines[field] ?? r.line,
        entry: `${r.value.id} parts[${i}]`,
      };
      const letter = letterById.get(part.letter);
      if (!letter) {
        problems.push({
          code: 'unknown-reference',
          ...where,
          message: `parts letter "${part.letter}" is not a letter of the corpus`,
          refersTo: 'letter',
        });
        continue;
      }
      for (const who of [part.author, part.addressee])
        if (persons.length && !personIds.has(who))
          problems.push({
            code: 'unknown-reference',
            ...where,
            message: `"${who}" is not a known person`,
            refersTo: 'person',
          });
      const start = letter.blocks.findIndex((b) => b.text.startsWith(part.starts));
      if (start < 0) {
        problems.push({
          code: 'part-start-not-found',
          ...where,
          message: `no block of ${part.letter} starts with "${part.starts}"`,
          hint: 'copy the first words of the part exactly as printed',
        });
        continue;
      }
      const ev = checkEvidence(path('editions.yaml'), { ...r, value: { id: where.entry } }, field, part.evidence);
      if (!ev) continue;
      const list = byLetter.get(part.letter) ?? [];
      list.push({
        letter: part.letter,
        number: 0,
        authors: [part.author],
        addressees: [part.addressee],
        blocks: [letter.blocks[start]!.position],
        evidence: ev,
      });
      byLetter.set(part.letter, list);
    }
    for (const [id, parts] of byLetter) {
      const letter = letterById.get(id)!;
      // a part runs from its first block to the block before the next part; parts in reading order
      const startOf = (p: LetterPart): number => p.blocks[0]!;
      parts.sort((a, b) => startOf(a) - startOf(b));
      // the first part also holds the letter's words before it, but not the editors' date line (issue 25: Molotov's
      // part of letter 55 held the editors' "[Earlier than 20 April 1930]"): that belongs to the letter, not a part
      const firstText = letter.blocks.find((b) => b.kind !== 'editorial-date')?.position ?? startOf(parts[0]!);
      parts[0]!.blocks = [Math.min(firstText, startOf(parts[0]!))];
      parts.forEach((p, k) => {
        const next = parts[k + 1] ? startOf(parts[k + 1]!) : Infinity;
        p.number = k + 1;
        p.blocks = letter.blocks.map((b) => b.position).filter((pos) => pos >= startOf(p) && pos < next);
      });
      letter.parts = parts;
      letter.authors = [...new Set(parts.flatMap((p) => p.authors))];
      letter.addressees = [...new Set(parts.flatMap((p) => p.addressees))];
    }
  }

  // a body's division or abolition, with its evidence
  const orgById = new Map(entities.organizations.map((o) => [o.id, o]));
  for (const r of organizations) {
    const e = r.value.ended;
    if (!e) continue;
    const ev = checkEvidence(path('organizations.yaml'), r, 'ended', e.evidence);
    let date: DateValue | undefined;
    try {
      date = parseEdtf(e.date, e.dateAsPrinted);
    } catch (err) {
      if (!(err instanceof DateParseError)) throw err;
      problems.push({
        code: 'impossible-date',
        file: path('organizations.yaml'),
        line: r.fieldLines.ended ?? r.line,
        entry: r.value.id,
        message: `ended.date "${e.date}": ${err.message}`,
      });
    }
    for (const x of e.into ?? [])
      if (!orgIds.has(x))
        refProblem(
          path('organizations.yaml'),
          r.fieldLines.ended ?? r.line,
          r.value.id,
          'ended.into',
          x,
          'organization',
        );
    const org = orgById.get(r.value.id);
    if (ev && date && org)
      org.ended = {
        how: e.how,
        date,
        into: e.into ?? [],
        evidence: ev,
        ...(e.resolution ? { resolution: e.resolution } : {}),
      };
  }

  const events = buildEvents(
    { changes: path('changes.yaml'), resolutions: path('resolutions.yaml'), proposals: path('proposals.yaml') },
    { changes, resolutions, proposals },
    {
      letters: letterById,
      persons: personIds,
      organizations: orgIds,
      posts: postIds,
      places: placeIds,
      citations: letters.citations,
      ...editionYearOf(editionRecords.map((e) => e.value)),
    },
  );
  problems.push(...events.problems);

  const named: Named[] = [
    ...entities.persons.map((p) => ({ id: p.id, kind: 'person' as const, variants: p.variants })),
    ...entities.organizations.map((o) => ({ id: o.id, kind: 'organization' as const, variants: o.variants })),
    ...entities.places.map((p) => ({ id: p.id, kind: 'place' as const, variants: p.variants })),
  ];
  const matcher = new MentionMatcher(named);
  for (const form of matcher.ambiguousForms()) {
    const owners = named.filter((n) => n.variants.some((v) => v.form === form && !v.letters));
    const first = [...entities.persons, ...entities.organizations, ...entities.places].find(
      (e) => e.id === owners[1]?.id,
    );
    problems.push({
      code: 'ambiguous-variant',
      file: first?.src.file ?? path('persons.yaml'),
      line: first?.src.line ?? 1,
      entry: owners.map((o) => o.id).join(', '),
      message: `name form "${form}" belongs to ${owners.map((o) => `${o.kind} ${o.id}`).join(' and ')} with no letter scope to tell them apart`,
      hint: 'scope the form to the letters where it means each one: {form: …, letters: [...]}',
    });
  }
  const mentions = findMentions(letters.letters, matcher);
  // every name form must occur somewhere (it may be inside a longer form that the matcher preferred)
  const mentioned = new Set(mentions.map((m) => `${m.entity}\u0000${m.exact.replace(/\s+/g, ' ')}`));
  let allText: string | undefined;
  for (const e of [
    ...entities.persons.map((x) => ({ ...x, kind: 'person' })),
    ...entities.organizations.map((x) => ({ ...x, kind: 'organization' })),
    ...entities.places.map((x) => ({ ...x, kind: 'place' })),
  ]) {
    for (const v of e.variants) {
      if (mentioned.has(`${e.kind}/${e.id}\u0000${v.form}`)) continue;
      allText ??= letters.letters
        .flatMap((l) => [l.text, ...l.footnotes.map((f) => f.text)])
        .join('\n')
        .replace(/\s+/g, ' ');
      if (!allText.includes(v.form)) {
        problems.push({
          code: 'variant-not-in-text',
          file: e.src.file,
          line: e.src.line,
          entry: e.id,
          message: `name form "${v.form}" occurs nowhere in the texts${v.letters ? ` of ${v.letters.join(', ')}` : ''}`,
          hint: 'use the spelling of the edition, or remove the form',
          refersTo: 'letter',
        });
      }
    }
  }

  const indexes = new Map<string, LineIndex>();
  const lineOf = (letter: Letter, note: number | undefined, offset: number): { file: string; line: number } => {
    const file = letter.src.file;
    const rel = file.slice(root.length + 1);
    let idx = indexes.get(file);
    if (!idx) indexes.set(file, (idx = new LineIndex(corpus.texts.get(rel) ?? '')));
    const f = note === undefined ? undefined : letter.footnotes.find((x) => x.number === note);
    const base = f ? f.src.endOffset - f.text.length : letter.textOffset;
    return { file, line: idx.lineOf(base + offset) };
  };

  // short quotation only (the books are in copyright): no curated text repeats a long run of a source text
  const sourceTexts = [...corpus.texts].filter(([rel]) => rel.startsWith('sources/')).map(([, t]) => t);
  checkVerbatimRuns(
    recordKinds()
      .filter((k) => k.verbatim)
      .map((k) => [path(k.file), load(k.key)]),
    new VerbatimIndex(sourceTexts),
    problems,
  );

  // the added kinds (model/kinds.ts), each built by its own builder
  const extensions: Record<string, unknown[]> = {};
  for (const k of addedKinds()) {
    extensions[k.key] = k.build(load(k.key), {
      file: path(k.file),
      letters: letterById,
      ids: { persons: personIds, organizations: orgIds, places: placeIds, posts: postIds },
      ...editionYearOf(editionRecords.map((e) => e.value)),
      problems,
    });
  }

  const corrections = buildCorrections(annotationRecords, corpus, root, letters.letters, problems);
  const offices = deriveOffices(events.changes, entities.posts, entities.organizations);
  problems.push(...checkOffices(offices, entities.posts, path('changes.yaml'), events.changes, entities.organizations));

  markConsequences(problems, root, kindOfFile);
  if (problems.length) return { problems };
  const dataset: Dataset = {
    corpusRoot: root,
    editions: letters.editions,
    letters: letters.letters,
    archives,
    units: letters.units,
    works: workRecords.map((w) => workFromRecord(w.value)),
    citations: letters.citations,
    persons: entities.persons,
    organizations: entities.organizations,
    places: entities.places,
    posts: entities.posts,
    changes: events.changes,
    resolutions: events.resolutions,
    proposals: events.proposals,
    offices,
    mentions,
    corrections,
    extensions,
    reports: {
      markers: letters.parsed
        .flatMap((e) => e.findings)
        .map((f) => ({ file: f.file, line: f.line, letter: f.letter, footnote: f.footnote, message: f.message })),
      unresolvedNames: unresolvedNames(letters.letters, mentions, lineOf),
    },
  };
  return { dataset, problems };
}

function buildCorrections(
  records: Located<AnnotationRecord>[],
  corpus: CorpusFiles,
  root: string,
  letters: Letter[],
  problems: CorpusProblem[],
): Correction[] {
  const out: Correction[] = [];
  // per-file indexes, so that each annotation costs a binary search, not a scan of the file or of all letters
  const lineStarts = new Map<string, number[]>();
  const lettersOf = new Map<string, Letter[]>();
  for (const l of letters) {
    const list = lettersOf.get(l.src.file);
    if (list) list.push(l);
    else lettersOf.set(l.src.file, [l]);
  }
  for (const r of records) {
    const a = r.value;
    const file = `${root}/annotations.yaml`;
    const text = corpus.texts.get(a.file);
    if (text === undefined) {
      problems.push({
        code: 'unknown-reference',
        file,
        line: r.line,
        entry: a.id,
        message: `file ${a.file} does not exist`,
        refersTo: `file:${a.file}`,
      });
      continue;
    }
    let starts = lineStarts.get(a.file);
    if (!starts) lineStarts.set(a.file, (starts = lineStartsOf(text)));
    const lineStart = starts[a.line - 1] ?? -1;
    const lineEnd = text.indexOf('\n', lineStart);
    const at = lineStart < 0 ? -1 : text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).indexOf(a.printed);
    if (at < 0) {
      problems.push({
        code: 'annotation-text-not-found',
        file,
        line: r.line,
        entry: a.id,
        message: `"${a.printed}" does not occur on line ${a.line} of ${a.file}`,
        hint: 'the printed text must be copied exactly from that line',
      });
      continue;
    }
    const offset = lineStart + at;
    const sourceFile = `${root}/${a.file}`;
    const letter = containing(lettersOf.get(sourceFile) ?? [], offset);
    if (!letter) continue;
    const note = letter.footnotes.find((f) => f.src.offset <= offset && offset < f.src.endOffset);
    // the target is the note, the letter's text, or (before the text starts) the editorial date line
    const target = note ? 'note' : offset < letter.textOffset ? 'date' : 'text';
    const base = note
      ? note.src.endOffset - note.text.length
      : target === 'date'
        ? letter.blocks[0]!.loc.offset
        : letter.textOffset;
    out.push({
      id: a.id,
      letter: letter.id,
      target,
      ...(note ? { note: note.number } : {}),
      printed: a.printed,
      corrected: a.corrected,
      kind: a.kind,
      start: offset - base,
      end: offset - base + a.printed.length,
      ...(a.comment ? { comment: a.comment } : {}),
      src: { file, line: r.line, entry: a.id },
    });
  }
  return out;
}

/** Offsets where each line starts (line 1 at 0). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) starts.push(p + 1);
  return starts;
}

/** The letter whose source span holds `offset`; `letters` are one file's, in reading order (spans do not overlap). */
function containing(letters: readonly Letter[], offset: number): Letter | undefined {
  let lo = 0;
  let hi = letters.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = letters[mid]!;
    if (offset < l.src.offset) hi = mid - 1;
    else if (offset >= l.src.endOffset) lo = mid + 1;
    else return l;
  }
  return undefined;
}

/** The latest `year` of the editions (their publication), if any edition states one. */
function editionYearOf(editions: { year?: number | string }[]): { editionYear?: number } {
  const years = editions.map((e) => Number(e.year)).filter((y) => Number.isInteger(y) && y > 0);
  return years.length ? { editionYear: Math.max(...years) } : {};
}
