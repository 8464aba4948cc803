// Synthetic corpus for the benchmark (`npm run gen -- --scale N [--seed S] [--out DIR]`): N× the real corpus, with
// the same record types, field shapes and ratios (letters with footnotes and archival citations incl. ibid.,
// persons with name variants and namesakes, organisations, places, posts, changes, resolutions, proposals,
// annotations of lost dashes). Deterministic from the seed. Every quote occurs in its note, ids are unique and
// references resolve, so the output builds without problems. Never written into corpus/ and never committed.

import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MONTHS } from '../src/corpus/dates.js';

/** Counts per unit of scale, measured on corpus/ (18 letters, 69 notes, 76 citations). */
const PER_SCALE = {
  letters: 18,
  persons: 101,
  organizations: 74,
  places: 46,
  posts: 51,
  changes: 58,
  resolutions: 74,
  proposals: 50,
  annotations: 17,
} as const;
/** Letters per edition (source file): the real editions hold 17 and 1; synthetic volumes stay file-sized. */
const LETTERS_PER_EDITION = 100;

// Latin and Cyrillic syllables side by side, so names get a plausible nameRu.
const SYLLABLES: [string, string][] = [
  ['ba', 'ба'],
  ['bo', 'бо'],
  ['ve', 'ве'],
  ['go', 'го'],
  ['da', 'да'],
  ['zo', 'зо'],
  ['ka', 'ка'],
  ['ko', 'ко'],
  ['la', 'ла'],
  ['lo', 'ло'],
  ['ma', 'ма'],
  ['mi', 'ми'],
  ['no', 'но'],
  ['pa', 'па'],
  ['ro', 'ро'],
  ['sa', 'са'],
  ['to', 'то'],
  ['fe', 'фе'],
  ['zu', 'зу'],
  ['ru', 'ру'],
  ['ni', 'ни'],
  ['vi', 'ви'],
  ['du', 'ду'],
  ['sho', 'шо'],
];
const ENDINGS: [string, string][] = [
  ['v', 'в'],
  ['nov', 'нов'],
  ['kin', 'кин'],
  ['ich', 'ич'],
  ['skii', 'ский'],
  ['enko', 'енко'],
];
const GIVEN = ['Ivan', 'Petr', 'Nikolai', 'Sergei', 'Mikhail', 'Grigorii', 'Aleksei', 'Vasilii', 'Fedor', 'Andrei'];
const FILLER = `the question of supplies must be settled without delay and the matter should be raised again at the next
meeting with the commission since the figures are still bad and the work has hardly started while the officials wait
for instructions from the center about grain exports credits cadres and the plan for the coming quarter`.split(/\s+/);
const ORG_KINDS = [
  'state',
  'state',
  'state',
  'economic',
  'economic',
  'party',
  'party',
  'press',
  'police',
  'international',
  'academic',
  'foreign-firm',
  'foreign-government',
  'judicial',
  'cooperative',
  'trade-union',
];
const PLACE_KINDS = [
  'country',
  'country',
  'country',
  'region',
  'region',
  'region',
  'city',
  'city',
  'republic',
  'town',
  'river',
  'lake',
  'sea',
  'mountains',
  'other',
];
const ROLES = [
  'chairman',
  'chairman',
  'chairman',
  'deputy-chairman',
  'deputy-chairman',
  'member',
  'head',
  'commissar',
  'director',
  'assistant',
  'secretary',
  'first-secretary',
  'deputy-commissar',
  'manager',
  'plenipotentiary',
];
// Tenure changes with the real corpus's weights; `relieved` also seats a successor on the same day.
const CHANGE_TYPES = [
  'appointed',
  'appointed',
  'appointed',
  'appointed',
  'appointed',
  'confirmed',
  'confirmed',
  'reprimanded',
  'dismissed',
  'recalled',
  'relieved',
  'relieved',
  'retained',
  'removed',
  'released',
  'expelled',
  'transferred',
];
const PROPOSAL_KINDS = [
  'appointment',
  'removal',
  'replacement',
  'transfer',
  'retention',
  'reorganization',
  'punishment',
];
const WORKS = [
  {
    id: 'dokumenty-vneshnei-politiki-sssr',
    cite: (r: Rng) =>
      `Dokumenty vneshnei politiki SSSR, vol. ${r.int(10, 20)} [Moscow, ${r.int(1960, 1975)}], ${r.int(100, 700)}`,
  },
  { id: 'kpss-v-rezoliutsiiakh', cite: (r: Rng) => `KPSS v rezoliutsiiakh, vol. ${r.int(2, 6)}, ${r.int(100, 500)}` },
];

export interface GenOptions {
  scale: number;
  seed: number;
  out: string;
  /** The real corpus: schemas, works, archives and the Wikidata reference are copied from it. */
  corpus: string;
}

export interface GenSummary {
  letters: number;
  notes: number;
  persons: number;
  changes: number;
  resolutions: number;
  proposals: number;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
}

const q = (s: string): string => JSON.stringify(s); // JSON strings are valid YAML double-quoted scalars
const list = (xs: readonly string[]): string => `[${xs.map(q).join(', ')}]`;
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const printed = (d: Date): string => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);

/** Unique names from syllables: the i-th name is i in mixed radix, so names never repeat (Latin and Cyrillic). */
function nameAt(i: number, prefix: [string, string]): { latin: string; cyrillic: string } {
  let n = i;
  let latin = prefix[0];
  let cyrillic = prefix[1];
  for (let k = 0; k < 2 || n > 0; k++) {
    const [l, c] = SYLLABLES[n % SYLLABLES.length]!;
    latin += l;
    cyrillic += c;
    n = Math.floor(n / SYLLABLES.length);
  }
  const [el, ec] = ENDINGS[i % ENDINGS.length]!;
  return { latin: latin + el, cyrillic: cyrillic + ec };
}

/** Breaks a note into lines at spaces before lower-case words, as the extraction did (never before a digit). */
function wrap(text: string, r: Rng): string[] {
  const lines: string[] = [];
  let from = 0;
  let cut = text.indexOf(' ', from + 90);
  while (cut >= 0) {
    if (/[a-z]/.test(text[cut + 1] ?? '') && r.chance(0.4)) {
      lines.push(text.slice(from, cut));
      from = cut + 1;
      cut = text.indexOf(' ', from + 90);
    } else cut = text.indexOf(' ', cut + 1);
  }
  lines.push(text.slice(from));
  return lines;
}

/** The real schemas, with the list of real letter ids replaced by the id pattern (synthetic letters have other ids). */
function copySchemas(corpus: string, out: string): void {
  const dir = join(out, 'schema');
  mkdirSync(dir, { recursive: true });
  const relax = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(relax);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o.enum) && o.enum.includes('molotov-55')) {
        delete o.enum;
        o.pattern = '^[a-z][a-z0-9-]*$';
      }
      Object.values(o).forEach(relax);
    }
  };
  for (const name of readdirSync(join(corpus, 'schema')).filter((f) => f.endsWith('.schema.json'))) {
    const schema: unknown = JSON.parse(readFileSync(join(corpus, 'schema', name), 'utf8'));
    relax(schema);
    writeFileSync(join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
  }
}

interface Entity {
  id: string;
  forms: string[];
  record: string[];
}
interface PostE {
  id: string;
  label: string;
  role: string;
  org: string;
  evidence?: string;
}
interface Proposed {
  person: Entity;
  post: PostE;
  change?: string;
  resolution?: string;
  quote?: string;
}
interface LetterE {
  id: string;
  file: string;
  lines: string[];
  noteLines: string[][];
}

export function generate(o: GenOptions): GenSummary {
  const r = new Rng(o.seed);
  const n = (k: keyof typeof PER_SCALE): number =>
    Math.max(k === 'persons' ? 2 : 1, Math.round(PER_SCALE[k] * o.scale));
  if (resolve(o.out) === resolve(o.corpus))
    throw new Error(`--out ${o.out} is the real corpus; write synthetic data elsewhere (default ./synthetic)`);
  rmSync(o.out, { recursive: true, force: true });
  mkdirSync(join(o.out, 'sources'), { recursive: true });
  mkdirSync(join(o.out, 'reference'), { recursive: true });
  copySchemas(o.corpus, o.out);
  for (const f of ['works.yaml', 'archives.yaml', 'reference/wikidata-verified.tsv'])
    copyFileSync(join(o.corpus, f), join(o.out, f));
  const qids = new Map<string, string[]>();
  for (const line of readFileSync(join(o.corpus, 'reference/wikidata-verified.tsv'), 'utf8').split('\n').slice(1)) {
    const f = line.split('\t');
    if (f.length > 4) qids.set(f[1]!, [...(qids.get(f[1]!) ?? []), f[4]!]);
  }
  const wikidata = (kind: string, p: number): string[] =>
    r.chance(p) && qids.get(kind)?.length ? [`  wikidata: ${r.pick(qids.get(kind)!)}`] : [];

  // --- entities --------------------------------------------------------------------------------------------------
  const letterCount = n('letters');
  const volumeOf = (i: number): string => `v${String(Math.floor(i / LETTERS_PER_EDITION) + 1).padStart(3, '0')}`;
  const letterIds = Array.from({ length: letterCount }, (_, i) => `${volumeOf(i)}-${(i % LETTERS_PER_EDITION) + 1}`);
  const persons: Entity[] = [];
  const named: Entity[] = []; // persons with unscoped forms
  const scoped = new Map<string, string[]>(); // letter -> forms that must occur in it (namesakes)
  for (let i = 0; i < n('persons'); i++) {
    const { latin, cyrillic } = nameAt(i, ['Kr', 'Кр']);
    const given = r.pick(GIVEN);
    const id = latin.toLowerCase();
    const forms = [latin, ...(r.chance(0.25) ? [`${given[0]}. ${latin}`] : [])];
    const p: Entity = {
      id,
      forms,
      record: [
        `- id: ${id}`,
        `  name: ${q(latin)}`,
        ...(r.chance(0.3) ? [`  fullName: ${q(`${given} ${latin}`)}`] : []),
        ...(r.chance(0.87) ? [`  nameRu: ${cyrillic}`, '  nameRuSource: transliteration'] : []),
        `  variants: ${list(forms)}`,
        ...wikidata('person', 0.21),
        `  description: ${q(`Synthetic person ${i + 1}.`)}`,
      ],
    };
    persons.push(p);
    named.push(p);
    // a namesake shares the surname, scoped to one letter (as kosior-stanislav and kosior-iosif)
    if (r.chance(0.04)) {
      const letter = r.pick(letterIds);
      const other = `${id}-${given.toLowerCase()}`;
      persons.push({
        id: other,
        forms: [],
        record: [
          `- id: ${other}`,
          `  name: ${q(`${given[0]}. ${latin}`)}`,
          '  variants:',
          `    - {form: ${q(latin)}, letters: [${letter}]}`,
          `  description: ${q(`Namesake of ${latin}, meant in ${letter}.`)}`,
        ],
      });
      scoped.set(letter, [...(scoped.get(letter) ?? []), latin]);
    }
  }
  const places: Entity[] = [];
  for (let i = 0; i < n('places'); i++) {
    const { latin } = nameAt(i, ['Tr', 'Тр']);
    const id = `${latin.toLowerCase()}-place`;
    const forms = [latin, ...(r.chance(0.4) ? [`${latin}ian`] : [])];
    places.push({
      id,
      forms,
      record: [
        `- id: ${id}`,
        `  name: ${q(latin)}`,
        `  variants: ${list(forms)}`,
        `  kind: ${r.pick(PLACE_KINDS)}`,
        ...(i > 0 && r.chance(0.24) ? [`  partOf: ${places[r.int(0, i - 1)]!.id}`] : []),
        ...wikidata('place', 0.76),
        ...(r.chance(0.43) ? [`  description: ${q(`Synthetic place ${i + 1}.`)}`] : []),
      ],
    });
  }
  const organizations: Entity[] = [];
  for (let i = 0; i < n('organizations'); i++) {
    const { latin } = nameAt(i, ['Gl', 'Гл']);
    const id = latin.toLowerCase();
    const name = r.chance(0.5) ? latin : `Commissariat of ${latin}`;
    const forms = [name, ...(r.chance(0.5) ? [`${latin} Trust`] : [])];
    organizations.push({
      id,
      forms,
      record: [
        `- id: ${id}`,
        `  name: ${q(name)}`,
        `  variants: ${list(forms)}`,
        `  kind: ${i < 3 ? 'party' : r.pick(ORG_KINDS)}`,
        ...(i > 0 && r.chance(0.11) ? [`  parent: ${organizations[r.int(0, i - 1)]!.id}`] : []),
        ...(r.chance(0.15) ? [`  jurisdiction: ${r.pick(places).id}`] : []),
        ...wikidata('organization', 0.15),
        ...(r.chance(0.82) ? [`  description: ${q(`Synthetic organisation ${i + 1}.`)}`] : []),
      ],
    });
  }
  const orgName = new Map(organizations.map((e) => [e.id, e.forms[0]!]));
  const posts: PostE[] = [];
  const postIds = new Set<string>();
  for (let i = 0; i < n('posts'); i++) {
    const org = r.pick(organizations).id;
    const role = r.pick(ROLES);
    let id = `${role}-${org}`;
    for (let k = 2; postIds.has(id); k++) id = `${role}-${org}-${k}`;
    postIds.add(id);
    posts.push({ id, label: `${role.replace('-', ' ')} of ${orgName.get(org)}`, role, org });
  }
  const bodies = organizations.slice(0, 3).map((e) => e.id); // most decisions, as the Politburo's in the real notes

  // --- letters, notes and the facts they state -------------------------------------------------------------------
  const letters: LetterE[] = [];
  const changes: string[] = [];
  const resolutions: string[] = [];
  const proposals: string[] = [];
  const annotations = new Map<string, { letter: LetterE; note: number; printed: string; corrected: string }[]>();
  const allForms = [...persons, ...organizations, ...places].flatMap((e) => e.forms);
  let nextForm = 0; // every form occurs somewhere: handed out round-robin first, then at random
  const mention = (): string => (nextForm < allForms.length ? allForms[nextForm++]! : r.pick(allForms));
  const filler = (words: number): string => Array.from({ length: words }, () => r.pick(FILLER)).join(' ');
  const sentence = (names: number): string => {
    const parts = [filler(r.int(2, 4))];
    for (let k = 0; k < names; k++) parts.push(mention(), filler(r.int(1, 5)));
    return cap(parts.join(' '));
  };
  const rate = (k: keyof typeof PER_SCALE): number => n(k) / letterCount;
  const budget = { changes: 0, resolutions: 0, proposals: 0, annotations: 0 };
  let postCursor = 0;
  let changeCount = 0;
  const citeState = new Map<string, { delo: number; full: boolean }>();
  const start = Date.UTC(1925, 0, 1);

  for (let li = 0; li < letterCount; li++) {
    const id = letterIds[li]!;
    const file = `sources/synthetic-${volumeOf(li)}.txt`;
    const date = new Date(start + Math.floor((li / letterCount) * 15 * 365) * 86_400_000);
    const form = r.next();
    // "Earlier than 1 January" would give an empty interval (its earliest bound is 1 January of that year)
    const earlierThan = form >= 0.9 && addDays(date, 1).getUTCFullYear() === date.getUTCFullYear();
    const dateLine = earlierThan
      ? `[Earlier than ${printed(addDays(date, 1))}]`
      : form >= 0.8 && form < 0.9
        ? `[No earlier than ${printed(date)}]`
        : `[${printed(date)}]`;
    const earliest = earlierThan ? new Date(Date.UTC(date.getUTCFullYear(), 0, 1)) : date;
    const letter: LetterE = { id, file, lines: [], noteLines: [] };
    const cite = citeState.get(file) ?? { delo: 700, full: false };
    citeState.set(file, cite);
    // archival citations in reading order: the first of a file is full, later ones mostly ibid.
    const archival = (): { text: string; damaged?: { printed: string; corrected: string } } => {
      const a = r.int(2, 40);
      const damaged = r.chance(0.2) ? { printed: `ll. ${a}${a + 2}`, corrected: `ll. ${a}–${a + 2}` } : undefined;
      const folios = damaged?.printed ?? (r.chance(0.5) ? `l. ${a}` : `ll. ${a}, ${a + 1}`);
      let text: string;
      if (!cite.full || r.chance(0.28)) {
        cite.full = true;
        cite.delo += r.int(1, 3);
        text = `${r.chance(0.05) ? 'GARF f. 5446, op. 1' : 'RTsKhIDNI f. 17, op. 3'}, d. ${cite.delo}, ${folios}`;
      } else if (r.chance(0.65)) text = `ibid., ${folios}`;
      else text = `ibid., d. ${++cite.delo}, ${folios}`;
      if (r.chance(0.03)) text += `, and d. ${++cite.delo}, l. ${a}`; // an elliptic continuation
      return { text, ...(damaged ? { damaged } : {}) };
    };
    const proposed: Proposed[] = [];
    for (budget.proposals += rate('proposals'); budget.proposals >= 1; budget.proposals--)
      proposed.push({ person: r.pick(named), post: r.pick(posts) });
    const noteCount = r.int(1, 7);
    for (let ni = 1; ni <= noteCount; ni++) {
      const sentences: string[] = [];
      const when = addDays(date, ni === 1 ? r.int(5, 40) : r.int(-20, 30)); // note 1 answers the proposals: after the letter
      budget.resolutions += rate('resolutions') / noteCount;
      budget.changes += rate('changes') / noteCount;
      budget.annotations += rate('annotations') / noteCount;
      const answers = ni === 1 ? proposed.filter(() => r.chance(0.6)) : [];
      let resolution: string | undefined;
      let body: string | undefined;
      if (budget.resolutions >= 1 || answers.length) {
        budget.resolutions--;
        resolution = `res-${id}-${ni}`;
        body = r.chance(0.77) ? r.pick(bodies) : r.pick(organizations).id;
        const c = r.chance(0.88) ? archival() : undefined;
        if (c?.damaged && budget.annotations >= 1) {
          budget.annotations--;
          annotations.set(file, [...(annotations.get(file) ?? []), { letter, note: ni, ...c.damaged }]);
        }
        const lead = `On ${printed(when)}, the ${orgName.get(body)} resolved to ${filler(r.int(5, 9))}`;
        const tie = `{note: ${ni}, quote: ${q(lead.split(' ').slice(0, 12).join(' '))}}`;
        // the letter's latest day is known unless it is "No earlier than" (31 December is a convention)
        const openEnd = !earlierThan && form >= 0.8 && form < 0.9;
        const promptLines = (day: Date): string[] => {
          if (answers.length && day > date) {
            return [
              '  promptedBy:',
              `    - letter: ${id}`,
              `      request: ${q(`I propose to appoint ${answers[0]!.person.forms[0]} to the post of ${answers[0]!.post.label}`)}`,
              `      tie: ${tie}`,
              ...(openEnd
                ? [
                    '      orderBasis: inferred',
                    '      orderReason: "Synthetic: the note says the decision answers the letter."',
                  ]
                : []),
            ];
          }
          return day >= earliest
            ? ['  related:', `    - {letter: ${id}, note: ${ni}, quote: ${q(lead.split(' ').slice(0, 12).join(' '))}}`]
            : [];
        };
        sentences.push(`${lead}${c ? ` (${c.text})` : ''}.`);
        const items = Array.from({ length: r.chance(0.4) ? 2 : 1 }, () => cap(filler(r.int(6, 12))));
        resolutions.push(
          [
            `- id: ${resolution}`,
            `  body: ${body}`,
            '  bodyBasis: stated',
            `  date: ${q(iso(when))}`,
            `  dateAsPrinted: ${q(printed(when))}`,
            '  dateBasis: stated',
            ...(r.chance(0.16) ? [`  title: ${q(`On ${filler(3)}`)}`] : []),
            `  summary: ${q(`${cap(filler(r.int(8, 16)))}.`)}`,
            `  items: ${list(items)}`,
            ...(c ? [`  citation: ${q(c.text.replace(/, and d\..*$/, ''))}`] : []),
            ...promptLines(when), // a letter prompts only later decisions, and only with its request
            ...(r.chance(0.34) ? ['  comment: "Synthetic resolution."'] : []),
            `  evidence: {letter: ${id}, note: ${ni}, quote: ${q(lead.split(' ').slice(0, 12).join(' '))}}`,
          ].join('\n'),
        );
      }
      const change = (person: Entity, post: PostE, type: string, dated: boolean, decided: boolean): string => {
        const cid = `chg-${++changeCount}`;
        const phrase = `${person.forms[0]} was ${type} ${type === 'reprimanded' || type === 'expelled' ? 'as' : 'to the post of'} ${post.label}`;
        sentences.push(`${dated ? `On ${printed(when)}, ` : 'Soon afterward, '}${phrase}.`);
        const evidence = `{letter: ${id}, note: ${ni}, quote: ${q(phrase)}}`;
        post.evidence ??= evidence;
        changes.push(
          [
            `- id: ${cid}`,
            `  type: ${type}`,
            `  person: ${person.id}`,
            '  personBasis: stated',
            `  post: ${post.id}`,
            '  postBasis: stated',
            '  effect: {status: carried-out, basis: implied, reason: "the note reports the decision"}',
            ...(type === 'transferred' ? [`  fromPost: ${r.pick(posts).id}`] : []),
            ...(dated
              ? [`  date: ${q(iso(when))}`, `  dateAsPrinted: ${q(printed(when))}`, '  dateBasis: stated']
              : []),
            ...(decided && resolution ? [`  body: ${body}`, '  bodyBasis: stated', `  resolution: ${resolution}`] : []),
            ...(r.chance(0.69) ? ['  comment: "Synthetic change of office."'] : []),
            `  evidence: ${evidence}`,
          ].join('\n'),
        );
        // a relief seats a successor the same day, so derived offices get successors
        if (type === 'relieved' && dated) change(r.pick(named), post, 'appointed', true, decided);
        return cid;
      };
      for (const a of answers) {
        a.change = change(a.person, a.post, 'appointed', true, true);
        a.resolution = resolution;
        a.quote = `${a.person.forms[0]} was appointed to the post of ${a.post.label}`;
      }
      if (postCursor >= posts.length) budget.changes -= answers.length; // once every post is named, answers count as changes
      for (; budget.changes >= 1; budget.changes--)
        change(r.pick(named), posts[postCursor++ % posts.length]!, r.pick(CHANGE_TYPES), r.chance(0.88), r.chance(0.9));
      for (let k = r.int(1, 3); k > 0; k--) {
        const c = r.chance(0.15) ? archival() : undefined;
        sentences.push(
          `${sentence(r.int(2, 4))}${c ? ` (${c.text})` : r.chance(0.05) ? ` (${r.pick(WORKS).cite(r)})` : ''}.`,
        );
      }
      letter.noteLines.push(wrap(`${ni}. ${sentences.join(' ')}`, r));
    }
    // the letter's own text: a salutation, points carrying the note markers, the proposals, a signature
    const points = [
      ...proposed.map(
        (p) => `I propose to appoint ${p.person.forms[0]} to the post of ${p.post.label} ${filler(r.int(2, 5))}`,
      ),
      ...(scoped.get(id) ?? []).map((f) => `${filler(3)} ${f} ${filler(4)}`),
    ];
    while (points.length < noteCount) points.push(sentence(r.int(1, 3)));
    letter.lines.push(`Letter ${(li % LETTERS_PER_EDITION) + 1}`, dateLine, `${r.pick(GIVEN)},`);
    if (r.chance(0.5)) letter.lines.push(`${sentence(2)}. ${sentence(1)}.`);
    points.forEach((p, i) => {
      const label = i < 9 ? `${i + 1}) ` : '';
      letter.lines.push(`${label}${cap(p)}.${i < noteCount ? i + 1 : ''}${r.chance(0.3) ? ` ${sentence(1)}.` : ''}`);
    });
    letter.lines.push('J. Stalin', '');
    proposed.forEach((p, k) => {
      proposals.push(
        [
          `- id: ${id}-proposal-${k + 1}`,
          `  letter: ${id}`,
          `  summary: ${q(`Appoint ${p.person.forms[0]} ${p.post.label}.`)}`,
          `  kind: ${p.change ? 'appointment' : r.pick(PROPOSAL_KINDS)}`,
          `  persons: [${p.person.id}]`,
          `  posts: [${p.post.id}]`,
          ...(r.chance(0.3) ? [`  organizations: [${p.post.org}]`] : []),
          `  evidence: {letter: ${id}, quote: ${q(`I propose to appoint ${p.person.forms[0]} to the post of ${p.post.label}`)}}`,
          ...(p.change
            ? [
                '  outcome: enacted',
                ...(p.resolution ? [`  decision: ${p.resolution}`] : []),
                `  changes: [${p.change}]`,
                `  outcomeEvidence: {letter: ${id}, note: 1, quote: ${q(p.quote!)}}`,
                '  outcomeBasis: implied',
                '  outcomeReason: "the note records the change the letter asks for"',
              ]
            : ['  outcome: unknown']),
        ].join('\n'),
      );
    });
    letters.push(letter);
  }

  // --- files -----------------------------------------------------------------------------------------------------
  const editions: string[] = [];
  const annotationRecords: string[] = [];
  const byFile = new Map<string, LetterE[]>();
  for (const l of letters) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  for (const [file, ls] of byFile) {
    const lines: string[] = [];
    const noteLine = new Map<string, number>(); // `${letter}#${note}` -> 1-based line of the note's first line
    for (const l of ls) {
      lines.push(...l.lines);
      l.noteLines.forEach((nl, i) => {
        noteLine.set(`${l.id}#${i + 1}`, lines.length + 1);
        lines.push(...nl);
      });
    }
    writeFileSync(join(o.out, file), `${lines.join('\n')}\n`);
    const vol = file.replace(/^sources\/synthetic-|\.txt$/g, '');
    editions.push(
      [
        `- id: synthetic-${vol}`,
        `  label: ${q(`Synthetic letters, volume ${vol}`)}`,
        `  file: ${file}`,
        `  title: ${q(`Synthetic correspondence, volume ${vol}`)}`,
        '  publisher: Synthetic Press',
        '  place: Nowhere',
        '  year: 2003',
        `  pages: ${q(`1-${ls.length * 3}`)}`,
        '  unstated: [editors]',
        `  identifiedBy: ${q(`Letters are numbered within the volume; the id is ${vol}-<number>.`)}`,
        `  layout: {kind: numbered-letters, heading: Letter, idPrefix: ${vol}-}`,
        `  author: ${persons[0]!.id}`,
        `  addressee: ${persons[1]!.id}`,
      ].join('\n'),
    );
    for (const a of annotations.get(file) ?? []) {
      const line =
        noteLine.get(`${a.letter.id}#${a.note}`)! +
        a.letter.noteLines[a.note - 1]!.findIndex((x) => x.includes(a.printed));
      annotationRecords.push(
        `- {id: lost-dash-${annotationRecords.length + 1}, file: ${file}, line: ${line}, printed: ${q(a.printed)}, corrected: ${q(a.corrected)}, kind: lost-dash}`,
      );
    }
  }
  const unused = posts.filter((p) => !p.evidence);
  if (unused.length)
    throw new Error(
      `internal: posts ${unused
        .slice(0, 3)
        .map((p) => p.id)
        .join(', ')} are named by no change; raise PER_SCALE.changes`,
    );
  const write = (f: string, records: string[]): void =>
    writeFileSync(
      join(o.out, f),
      `# yaml-language-server: $schema=./schema/${f.replace('.yaml', '.schema.json')}\n# Synthetic (scripts/gen.ts, seed ${o.seed}, scale ${o.scale}): not the edition.\n${records.join('\n')}\n`,
    );
  write('editions.yaml', editions);
  write(
    'persons.yaml',
    persons.map((p) => p.record.join('\n')),
  );
  write(
    'organizations.yaml',
    organizations.map((p) => p.record.join('\n')),
  );
  write(
    'places.yaml',
    places.map((p) => p.record.join('\n')),
  );
  write(
    'posts.yaml',
    posts.map((p) =>
      [
        `- id: ${p.id}`,
        `  label: ${q(p.label)}`,
        `  role: ${p.role}`,
        `  organization: ${p.org}`,
        `  evidence: ${p.evidence}`,
      ].join('\n'),
    ),
  );
  write('changes.yaml', changes);
  write('resolutions.yaml', resolutions);
  write('proposals.yaml', proposals);
  write('annotations.yaml', annotationRecords);
  return {
    letters: letters.length,
    notes: letters.reduce((s, l) => s + l.noteLines.length, 0),
    persons: persons.length,
    changes: changes.length,
    resolutions: resolutions.length,
    proposals: proposals.length,
  };
}

function parseArgs(argv: string[]): GenOptions {
  const o: GenOptions = { scale: 1, seed: 1, out: 'synthetic', corpus: 'corpus' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i]!, argv[i + 1]];
    if (!['--scale', '--seed', '--out', '--corpus'].includes(flag) || value === undefined) {
      throw new Error(
        `unknown or incomplete option "${flag}"; usage: npm run gen -- [--scale N] [--seed S] [--out DIR] [--corpus DIR]`,
      );
    }
    i++;
    if (flag === '--scale' || flag === '--seed') {
      const v = Number(value);
      if (!(v > 0)) throw new Error(`${flag} must be a positive number, got "${value}"`);
      o[flag === '--scale' ? 'scale' : 'seed'] = v;
    } else o[flag === '--out' ? 'out' : 'corpus'] = value;
  }
  if (!existsSync(join(o.corpus, 'schema')))
    throw new Error(`${o.corpus}/schema not found: run from the repository root or pass --corpus DIR`);
  return o;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const o = parseArgs(process.argv.slice(2));
    const t0 = performance.now();
    const s = generate(o);
    process.stdout.write(
      `synthetic corpus (scale ${o.scale}, seed ${o.seed}) → ${o.out}/: ${s.letters} letters, ${s.notes} notes, ${s.persons} persons, ` +
        `${s.changes} changes, ${s.resolutions} resolutions, ${s.proposals} proposals (${(performance.now() - t0).toFixed(0)} ms)\n`,
    );
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
