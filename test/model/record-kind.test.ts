// The recipe "add a record kind" (docs/architecture.md) proven by a throw-away kind, `meetings`, that touches only
// the places the recipe names: (1) its schema and data (test/fixtures/record-kind/, laid over a copy of the
// corpus), (2) a registry entry with its builder (registerKind), (3) a mapper (registerMapper), (4) its class and
// shape (fixtures/record-kind/shapes.ttl, appended to the shipped shapes). (5), a site page, is optional. Nothing in
// src/ names it, and the build loads, checks, maps and validates it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild, SHAPES_FILE } from '../../src/pipeline/build.js';
import { registerKind, unregisterKind, recordKinds } from '../../src/model/kinds.js';
import { registerMapper, unregisterMapper } from '../../src/rdf/kinds.js';
import { evidenceChecker, problemSink } from '../../src/model/evidence.js';
import { iriPath, DEFAULT_BASE_IRI } from '../../src/core/iri.js';
import { SL } from '../../src/rdf/vocab.js';
import type { Evidence } from '../../src/model/types.js';
import { CORPUS, FIXTURES } from '../helpers.js';

interface MeetingRecord {
  id: string;
  persons?: string[];
  evidence: { letter: string; note?: number; quote: string };
}
interface Meeting {
  id: string;
  persons: string[];
  evidence: Evidence;
  src: { file: string; line: number; entry: string };
}

const FX = join(FIXTURES, 'record-kind');
const MEETING = 'https://example.org/fixture#Meeting';

function registerMeetings(): void {
  registerKind<MeetingRecord, Meeting>({
    key: 'meetings',
    file: 'meetings.yaml',
    schema: 'meetings.schema.json',
    optional: true,
    kind: 'meeting',
    verbatim: true,
    build: (records, ctx) => {
      const check = evidenceChecker({ letters: ctx.letters as Map<string, never> }, problemSink(ctx.problems));
      return records.flatMap((r) => {
        for (const p of r.value.persons ?? []) {
          if (!ctx.ids.persons.has(p))
            ctx.problems.push({
              code: 'unknown-reference',
              file: ctx.file,
              line: r.fieldLines.persons ?? r.line,
              entry: r.value.id,
              message: `persons "${p}" is not a known person`,
              refersTo: 'person',
            });
        }
        const evidence = check(ctx.file, r, 'evidence', r.value.evidence);
        return evidence
          ? [
              {
                id: r.value.id,
                persons: r.value.persons ?? [],
                evidence,
                src: { file: ctx.file, line: r.line, entry: r.value.id },
              },
            ]
          : [];
      });
    },
  });
  registerMapper<Meeting>('meetings', (g, m) => {
    const s = g.node(`meeting/${m.id}`);
    g.type(s, MEETING, m.src);
    for (const p of m.persons) g.add(s, SL.person, g.node(iriPath.person(p)));
  });
}

function corpusWith(dir: string, meetings: string): string {
  const corpus = join(dir, 'corpus');
  cpSync(CORPUS, corpus, { recursive: true });
  cpSync(join(FX, 'schema/meetings.schema.json'), join(corpus, 'schema/meetings.schema.json'));
  writeFileSync(join(corpus, 'meetings.yaml'), meetings);
  writeFileSync(
    join(dir, 'shapes.ttl'),
    `${readFileSync(SHAPES_FILE, 'utf8')}\n${readFileSync(join(FX, 'shapes.ttl'), 'utf8')}`,
  );
  return corpus;
}

test('a kind added through the registry is loaded, checked by its schema and evidence, mapped and validated by its shape', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-kind-'));
  registerMeetings();
  t.after(() => {
    unregisterKind('meetings');
    unregisterMapper('meetings');
    rmSync(dir, { recursive: true, force: true });
  });
  assert.ok(recordKinds().some((k) => k.key === 'meetings'));
  const meetings = readFileSync(join(FX, 'meetings.yaml'), 'utf8');

  // only the named meeting: it builds, and its triples are in the dump
  const named = meetings.split('- id: no-one-named')[0]!;
  const ok = await runBuild({
    corpusDir: corpusWith(dir, named),
    outDir: '/nonexistent',
    base: DEFAULT_BASE_IRI,
    write: false,
    shapes: join(dir, 'shapes.ttl'),
  });
  assert.deepEqual(
    ok.problems.map((p) => `${p.code}: ${p.message}`),
    [],
  );
  const nt = ok.files!.get('stalin-letters.nt')!;
  assert.ok(
    nt.includes(
      `<${DEFAULT_BASE_IRI}meeting/bauman-release-poll> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${MEETING}> .`,
    ),
  );
  assert.ok(
    nt.includes(`<${DEFAULT_BASE_IRI}meeting/bauman-release-poll> <${SL.person}> <${DEFAULT_BASE_IRI}person/bauman> .`),
  );

  // both meetings: the one without a person breaks the fixture's shape, reported at its line of meetings.yaml
  const both = await runBuild({
    corpusDir: corpusWith(dir, meetings),
    outDir: '/nonexistent',
    base: DEFAULT_BASE_IRI,
    write: false,
    shapes: join(dir, 'shapes.ttl'),
  });
  assert.deepEqual(
    both.problems.map((p) => [p.code, p.file.endsWith('meetings.yaml'), p.line, p.entry]),
    [['shacl', true, 5, 'no-one-named']],
  );

  // a quote not in the note, an unknown person and a field the schema does not allow: each at its line
  const broken = `${named}- id: wrong\n  persons: [nobody]\n  evidence: {letter: molotov-55, note: 2, quote: "words not in the note"}\n- id: extra\n  colour: red\n  evidence: {letter: molotov-55, note: 2, quote: "Com. Bauman"}\n`;
  const bad = await runBuild({
    corpusDir: corpusWith(dir, broken),
    outDir: '/nonexistent',
    base: DEFAULT_BASE_IRI,
    write: false,
    shapes: join(dir, 'shapes.ttl'),
  });
  const where = bad.problems.map((p) => `${p.file.replace(/^.*\//, '')}:${p.line} [${p.entry}] ${p.code}`).sort();
  assert.deepEqual(
    where,
    [
      'meetings.yaml:6 [wrong] unknown-reference',
      'meetings.yaml:7 [wrong] quote-not-found',
      'meetings.yaml:8 [extra] schema',
    ].sort(),
    where.join('\n'),
  );
});

test('an added kind without a mapper stops the build with a message that says where to register one', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-kind-'));
  registerMeetings();
  unregisterMapper('meetings');
  t.after(() => {
    unregisterKind('meetings');
    rmSync(dir, { recursive: true, force: true });
  });
  await assert.rejects(
    runBuild({
      corpusDir: corpusWith(dir, readFileSync(join(FX, 'meetings.yaml'), 'utf8').split('- id: no-one-named')[0]!),
      outDir: '/nonexistent',
      base: DEFAULT_BASE_IRI,
      write: false,
    }),
    /meetings has no mapper: register one with registerMapper/,
  );
});
