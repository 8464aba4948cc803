// Mentions of persons, organisations and places in letter texts and notes, found from the name variants: at each
// word start, only the forms beginning with that word are tried (longest form first), so the cost is linear in the
// text and does not grow with the number of forms. Namesakes are resolved per letter by the variants' letter
// scopes. Capitalised words no variant covers are reported for curators.

import type { EntityKind, Letter, Mention, NameVariant, UnresolvedName } from './types.js';
import { iriPath } from '../core/iri.js';

export interface Named {
  id: string;
  kind: EntityKind;
  variants: NameVariant[];
}

interface Candidate {
  entity: Named;
  letters?: Set<string>;
}

const LEADING_LETTERS = /^\p{L}*/u;

/** Words that start sentences or are not names, so the unresolved-names report stays readable. */
const NOT_NAMES = new Set(
  `A About After Again Along Also Although An And Another Any Are As At Be Because Before Both But By Can
Com Coms Comrade Comrades Conference Council Consequently Do Does Don Each Early Either Even Everything Finally First For From Given Go
Have He Hence Here His How However I If In Instead Is It Its Just Keep Late Let Let's Lets Material Maybe Meanwhile Mr Messrs Millions
My No Not Now Obviously Of Oh On Once One Only Or Our Otherwise People Perhaps Persons Prof Regarding Regards Right Received Second
See Set She Should Since So Some Someone Soon Still Subsequently That The Their Them Then There These They Things This Those Though
Thus To Today Too Two Under Unless Until Very We Well What When Where Whether Which While Who Whole Why With Without Yes Yet You Your
January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday
Saturday Sunday U.S. Ed Trans P.S. P.P.S. Letter Just`.split(/\s+/),
);

/** Character classes by code point, as the regular expressions \p{L}, \p{Lu}, \p{Ll}, \p{N} and \s see them. */
const LETTER = 1;
const UPPER = 2;
const LOWER = 4;
const NUMBER = 8;
const SPACE = 16;
const classes = new Map<number, number>();
function classOf(cp: number): number {
  let c = classes.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c =
      (/\p{L}/u.test(ch) ? LETTER : 0) |
      (/\p{Lu}/u.test(ch) ? UPPER : 0) |
      (/\p{Ll}/u.test(ch) ? LOWER : 0) |
      (/\p{N}/u.test(ch) ? NUMBER : 0) |
      (/\s/.test(ch) ? SPACE : 0);
    classes.set(cp, c);
  }
  return c;
}
const charLength = (cp: number): number => (cp > 0xffff ? 2 : 1);
/** The code point that ends just before `at`. */
function codePointBefore(text: string, at: number): number | undefined {
  if (at <= 0) return undefined;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(at - 2);
  }
  return low;
}

/** Where `text` matches `form` at `at` (a space in the form matches any run of white space), or -1. */
function matchForm(text: string, at: number, form: string): number {
  let i = at;
  for (let k = 0; k < form.length; k++) {
    const f = form.charCodeAt(k);
    if (f === 32) {
      if (i >= text.length || !(classOf(text.codePointAt(i)!) & SPACE)) return -1;
      while (i < text.length && classOf(text.codePointAt(i)!) & SPACE) i++;
    } else if (text.charCodeAt(i) === f) i++;
    else return -1;
  }
  return i;
}

/** A number for the length and first code unit of `text.slice(from, to)`. */
const shapeOf = (text: string, from: number, to: number): number =>
  (to - from) * 0x10000 + (to > from ? text.charCodeAt(from) : 0);

export class MentionMatcher {
  /** Leading letter run of a form ('' when it starts with another character) -> its forms, longest first. */
  private readonly byKey = new Map<string, string[]>();
  /** First characters of the forms that do not start with a letter. */
  private readonly otherStarts = new Set<number>();
  private readonly byForm = new Map<string, Candidate[]>();
  /** Keys with many forms (organisations that share a first word): their forms by text, and the lengths in use. */
  private readonly formSets = new Map<string, { forms: Set<string>; lengths: number[] }>();

  /** `formSets: false` tries every form of a key one by one (the reference the tests hold the sets to). */
  constructor(entities: readonly Named[], o: { formSets?: boolean } = {}) {
    for (const entity of entities) {
      for (const v of entity.variants) {
        const list = this.byForm.get(v.form) ?? [];
        list.push({ entity, ...(v.letters ? { letters: new Set(v.letters) } : {}) });
        this.byForm.set(v.form, list);
      }
    }
    const forms = [...this.byForm.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    // A form is a whole word or words: a space in it matches a line break too. Extraction damage glued some
    // names to the word before ("GromanSadyrin", "thePolitburo"): a lower-case letter directly before an
    // upper-case start still counts as a boundary. Digits may follow (footnote markers: "Italy6").
    // A form can only match where the text's run of letters equals the form's leading run (the character after
    // it is a space, punctuation or the end, never a letter), so that run picks the few forms worth trying.
    for (const f of forms) {
      const key = LEADING_LETTERS.exec(f)![0];
      (this.byKey.get(key) ?? this.byKey.set(key, []).get(key)!).push(f);
      if (!key && f) this.otherStarts.add(f.codePointAt(0)!);
      this.keyShapes.add(shapeOf(key, 0, key.length));
    }
    if (o.formSets === false) return;
    for (const [key, list] of this.byKey) {
      // a form with white space other than a plain space matches it only as written: not in a set
      if (list.length < MANY_FORMS || list.some((f) => /[^\S ]/.test(f))) continue;
      this.formSets.set(key, {
        forms: new Set(list),
        lengths: [...new Set(list.map((f) => f.length))].sort((a, b) => b - a),
      });
    }
  }

  /** Length and first code unit of every key: most words of a text are no key, and are passed over without a
   * string of their own (a 1 M-triple corpus spent most of this module's time slicing words to look them up). */
  private readonly keyShapes = new Set<number>();

  /** Which entity `form` denotes in `letter`: the one scoped to the letter, else the unscoped one. */
  resolve(form: string, letter: string): Named | undefined {
    const list = this.byForm.get(form) ?? [];
    return (
      list.find((c) => c.letters?.has(letter))?.entity ??
      (list.filter((c) => !c.letters).length === 1 ? list.find((c) => !c.letters)!.entity : undefined)
    );
  }

  /** Forms used by more than one entity without a letter scope to tell them apart. */
  ambiguousForms(): string[] {
    return [...this.byForm.entries()]
      .filter(([, l]) => l.filter((c) => !c.letters).length > 1)
      .map(([f]) => f)
      .sort();
  }

  /**
   * The mentions in `text`, left to right, never overlapping. Scanned by hand rather than with one regular
   * expression per leading word: the same matches, without compiling a hundred Unicode expressions on every
   * build (measured in bench/results.md).
   */
  find(text: string, letter: string): { entity: Named; start: number; end: number }[] {
    const out: { entity: Named; start: number; end: number }[] = [];
    for (let at = 0; at < text.length; ) {
      const cp = text.codePointAt(at)!;
      const cls = classOf(cp);
      const step = charLength(cp);
      const before = codePointBefore(text, at);
      const prev = before === undefined ? 0 : classOf(before);
      // a word start (nothing alphanumeric before) or a glued one (lower-case, then upper-case)
      const boundary = !(prev & (LETTER | NUMBER)) || (prev & LOWER && cls & UPPER);
      if (!boundary || !(cls & LETTER || this.otherStarts.has(cp))) {
        at += step;
        continue;
      }
      let runEnd = at;
      while (runEnd < text.length) {
        const c = text.codePointAt(runEnd)!;
        if (!(classOf(c) & LETTER)) break;
        runEnd += charLength(c);
      }
      const end = this.keyShapes.has(shapeOf(text, at, runEnd))
        ? this.longestForm(text, at, text.slice(at, runEnd))
        : -1;
      if (end < 0) {
        at += step;
        continue;
      }
      const entity = this.resolve(text.slice(at, end).replace(/\s+/g, ' '), letter);
      if (entity) out.push({ entity, start: at, end });
      at = end;
    }
    return out;
  }

  /** End of the first form (longest first) of the run `key` that matches at `at` and is not followed by a letter. */
  private longestForm(text: string, at: number, key: string): number {
    const set = this.formSets.get(key);
    if (set) return this.longestInSet(text, at, set);
    for (const form of this.byKey.get(key) ?? []) {
      const end = matchForm(text, at, form);
      if (end >= 0 && (end >= text.length || !(classOf(text.codePointAt(end)!) & LETTER))) return end;
    }
    return -1;
  }

  /**
   * longestForm over a set of forms: the text from `at` with each run of white space as one space (as a space in a
   * form matches it), cut at the longest form; its prefixes of the forms' lengths, longest first, looked up. Two
   * forms of one length cannot both match, so the first found is the one the longest-first scan would find.
   */
  private longestInSet(text: string, at: number, set: { forms: Set<string>; lengths: number[] }): number {
    const longest = set.lengths[0]!;
    const units: number[] = [];
    const starts: number[] = [];
    let i = at;
    while (i < text.length && units.length < longest) {
      starts.push(i);
      if (classOf(text.codePointAt(i)!) & SPACE) {
        units.push(32);
        while (i < text.length && classOf(text.codePointAt(i)!) & SPACE) i++;
      } else units.push(text.charCodeAt(i++));
    }
    starts.push(i);
    const window = String.fromCharCode(...units);
    for (const n of set.lengths) {
      if (n > units.length || !set.forms.has(window.slice(0, n))) continue;
      const end = starts[n]!;
      if (end >= text.length || !(classOf(text.codePointAt(end)!) & LETTER)) return end;
    }
    return -1;
  }
}

/** From this many forms on, a key's forms are looked up by the text instead of tried one by one. */
const MANY_FORMS = 8;

const CONTEXT = 32;

export function findMentions(letters: readonly Letter[], matcher: MentionMatcher): Mention[] {
  const mentions: Mention[] = [];
  for (const letter of letters) {
    const texts: { note?: number; text: string }[] = [
      { text: letter.text },
      ...letter.footnotes.map((f) => ({ note: f.number, text: f.text })),
    ];
    for (const { note, text } of texts) {
      for (const m of matcher.find(text, letter.id)) {
        const where = note === undefined ? 'text' : `note/${note}`;
        mentions.push({
          id: `${iriPath.letter(letter.id)}/${where}/mention/${m.start}-${m.end}`,
          entity: `${m.entity.kind}/${m.entity.id}`,
          kind: m.entity.kind,
          letter: letter.id,
          ...(note !== undefined ? { note } : {}),
          exact: text.slice(m.start, m.end),
          prefix: text.slice(Math.max(0, m.start - CONTEXT), m.start),
          suffix: text.slice(m.end, m.end + CONTEXT),
          start: m.start,
          end: m.end,
        });
      }
    }
  }
  return mentions;
}

/** Capitalised words (and runs of them) that no mention covers, with counts and a first location. */
export function unresolvedNames(
  letters: readonly Letter[],
  mentions: readonly Mention[],
  lineOf: (letter: Letter, note: number | undefined, offset: number) => { file: string; line: number },
): UnresolvedName[] {
  const covered = new Map<string, [number, number][]>();
  for (const m of mentions) {
    const key = `${m.letter}#${m.note ?? ''}`;
    const spans = covered.get(key);
    if (spans) spans.push([m.start, m.end]);
    else covered.set(key, [[m.start, m.end]]);
  }
  const found = new Map<string, UnresolvedName>();
  const word = /(?<![\p{L}\p{N}-])\p{Lu}[\p{Ll}'’-]+(?:[- ]\p{Lu}[\p{Ll}'’-]+)*/gu;
  for (const letter of letters) {
    const texts: { note?: number; text: string }[] = [
      { text: letter.text },
      ...letter.footnotes.map((f) => ({ note: f.number, text: f.text })),
    ];
    for (const { note, text } of texts) {
      const spans = covered.get(`${letter.id}#${note ?? ''}`) ?? [];
      for (const m of text.matchAll(word)) {
        const start = m.index!;
        const end = start + m[0].length;
        if (spans.some(([s, e]) => start < e && end > s)) continue;
        const name = m[0].replace(/['’]s$/, '');
        if (NOT_NAMES.has(name) || NOT_NAMES.has(name.split(' ')[0]!)) continue;
        const sentenceStart = /(^|[.?!:;"“([]\s*|\n\s*|(?:\d+|[a-h])\)\s*)$/.test(
          text.slice(Math.max(0, start - 4), start),
        );
        if (sentenceStart && !name.includes(' ')) continue;
        const prev = found.get(name);
        if (prev) prev.count++;
        else
          found.set(name, {
            name,
            count: 1,
            letter: letter.id,
            ...(note !== undefined ? { note } : {}),
            ...lineOf(letter, note, start),
          });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
