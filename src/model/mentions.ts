// Mentions of persons, organisations and places in letter texts and notes, found from the name variants: at each
// word start, only the forms beginning with that word are tried (longest form first), so the cost is linear in the
// text and does not grow with the number of forms. Namesakes are resolved per letter by the variants' letter
// scopes. Capitalised words no variant covers are reported for curators.

import type { EntityKind, Letter, Mention, NameVariant, UnresolvedName } from './types.js';

export interface Named {
  id: string;
  kind: EntityKind;
  variants: NameVariant[];
}

interface Candidate {
  entity: Named;
  letters?: Set<string>;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LEADING_LETTERS = /^\p{L}*/u;

/** Words that start sentences or are not names, so the unresolved-names report stays readable. */
const NOT_NAMES = new Set(`A About After Again Along Also Although An And Another Any Are As At Be Because Before Both But By Can
Com Coms Comrade Comrades Conference Council Consequently Do Does Don Each Early Either Even Everything Finally First For From Given Go
Have He Hence Here His How However I If In Instead Is It Its Just Keep Late Let Let's Lets Material Maybe Meanwhile Mr Messrs Millions
My No Not Now Obviously Of Oh On Once One Only Or Our Otherwise People Perhaps Persons Prof Regarding Regards Right Received Second
See Set She Should Since So Some Someone Soon Still Subsequently That The Their Them Then There These They Things This Those Though
Thus To Today Too Two Under Unless Until Very We Well What When Where Whether Which While Who Whole Why With Without Yes Yet You Your
January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday
Saturday Sunday U.S. Ed Trans P.S. P.P.S. Letter Just`.split(/\s+/));

export class MentionMatcher {
  /** Leading letter run of a form ('' when it starts with another character) -> its forms, as one sticky regex. */
  private readonly byKey = new Map<string, RegExp>();
  /** Where a form may start: a word start, or an upper-case letter glued to a lower-case one. */
  private readonly starts: RegExp;
  private readonly byForm = new Map<string, Candidate[]>();
  constructor(entities: readonly Named[]) {
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
    const groups = new Map<string, string[]>();
    for (const f of forms) {
      const key = LEADING_LETTERS.exec(f)![0];
      const alternatives = groups.get(key) ?? groups.set(key, []).get(key)!;
      alternatives.push(escape(f).replace(/ /g, '\\s+'));
    }
    for (const [key, alternatives] of groups) this.byKey.set(key, new RegExp(`(?:${alternatives.join('|')})(?=(?:['’]s)?(?!\\p{L}))`, 'uy'));
    const otherStarts = [...new Set(forms.filter((f) => !LEADING_LETTERS.exec(f)![0]).map((f) => escape(String.fromCodePoint(f.codePointAt(0)!))))];
    this.starts = new RegExp(`(?:(?<![\\p{L}\\p{N}])|(?<=\\p{Ll})(?=\\p{Lu}))(?:\\p{L}${otherStarts.length ? `|${otherStarts.join('|')}` : ''})`, 'gu');
  }

  /** Which entity `form` denotes in `letter`: the one scoped to the letter, else the unscoped one. */
  resolve(form: string, letter: string): Named | undefined {
    const list = this.byForm.get(form) ?? [];
    return list.find((c) => c.letters?.has(letter))?.entity ?? (list.filter((c) => !c.letters).length === 1 ? list.find((c) => !c.letters)!.entity : undefined);
  }

  /** Forms used by more than one entity without a letter scope to tell them apart. */
  ambiguousForms(): string[] {
    return [...this.byForm.entries()].filter(([, l]) => l.filter((c) => !c.letters).length > 1).map(([f]) => f).sort();
  }

  find(text: string, letter: string): { entity: Named; start: number; end: number }[] {
    const out: { entity: Named; start: number; end: number }[] = [];
    const starts = new RegExp(this.starts);
    const run = /\p{L}*/uy;
    for (let s = starts.exec(text); s; s = starts.exec(text)) {
      const at = s.index;
      run.lastIndex = at;
      const re = this.byKey.get(run.exec(text)![0]);
      if (!re) continue;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) continue;
      const end = at + m[0].length;
      const entity = this.resolve(m[0].replace(/\s+/g, ' '), letter);
      if (entity) out.push({ entity, start: at, end });
      starts.lastIndex = end;
    }
    return out;
  }
}

const CONTEXT = 32;

export function findMentions(letters: readonly Letter[], matcher: MentionMatcher): Mention[] {
  const mentions: Mention[] = [];
  for (const letter of letters) {
    const texts: { note?: number; text: string }[] = [{ text: letter.text }, ...letter.footnotes.map((f) => ({ note: f.number, text: f.text }))];
    for (const { note, text } of texts) {
      for (const m of matcher.find(text, letter.id)) {
        const where = note === undefined ? 'text' : `note/${note}`;
        mentions.push({
          id: `letter/${letter.id}/${where}/mention/${m.start}-${m.end}`,
          entity: `${m.entity.kind}/${m.entity.id}`, kind: m.entity.kind, letter: letter.id,
          ...(note !== undefined ? { note } : {}),
          exact: text.slice(m.start, m.end), prefix: text.slice(Math.max(0, m.start - CONTEXT), m.start),
          suffix: text.slice(m.end, m.end + CONTEXT), start: m.start, end: m.end,
        });
      }
    }
  }
  return mentions;
}

/** Capitalised words (and runs of them) that no mention covers, with counts and a first location. */
export function unresolvedNames(letters: readonly Letter[], mentions: readonly Mention[], lineOf: (letter: Letter, note: number | undefined, offset: number) => { file: string; line: number }): UnresolvedName[] {
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
    const texts: { note?: number; text: string }[] = [{ text: letter.text }, ...letter.footnotes.map((f) => ({ note: f.number, text: f.text }))];
    for (const { note, text } of texts) {
      const spans = covered.get(`${letter.id}#${note ?? ''}`) ?? [];
      for (const m of text.matchAll(word)) {
        const start = m.index!;
        const end = start + m[0].length;
        if (spans.some(([s, e]) => start < e && end > s)) continue;
        const name = m[0].replace(/['’]s$/, '');
        if (NOT_NAMES.has(name) || NOT_NAMES.has(name.split(' ')[0]!)) continue;
        const sentenceStart = /(^|[.?!:;"“(\[]\s*|\n\s*|(?:\d+|[a-h])\)\s*)$/.test(text.slice(Math.max(0, start - 4), start));
        if (sentenceStart && !name.includes(' ')) continue;
        const prev = found.get(name);
        if (prev) prev.count++;
        else found.set(name, { name, count: 1, letter: letter.id, ...(note !== undefined ? { note } : {}), ...lineOf(letter, note, start) });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
