// QuickStatements (V1 commands, tab-separated) for the offices held that Wikidata can take: holder and post
// with QIDs. Written for QuickStatements 2 (quickstatements.toolforge.org, the version Help:QuickStatements
// describes): a later tenure of the same post starts with `!P39`, which its parser reads as "a new statement,
// never merged with an existing one of the same value" (magnusmanske/quickstatements, pull request #35); a
// further reference of a statement is a line of its own without `!`, which QuickStatements adds to the last
// statement of that value, i.e. the one just written. Nothing quoted from the edition goes out (Wikidata is CC0,
// the books are in copyright): the values are QIDs, dates, our own IRIs and "Letter 63, note 2". A presumed
// statement (the note does not name the holder or the post) carries the qualifier P1480 = Q18122778
// ("sourcing circumstances: presumably", Property:P1480); the report says which lines and why. A reference names
// the edition (S248, stated in) once a curator has accepted a QID for it.

import {
  PRESUMABLY,
  WD_PROPERTY as P,
  targetKey,
  type WdSkipped,
  type WdStatement,
  type WdTime,
} from '../model/wikidata.js';
import { iriPath, type BaseIri } from '../core/iri.js';

export interface QuickStatementsOptions {
  base: BaseIri;
  /** Day the references were retrieved (S813), `YYYY-MM-DD`. */
  retrieved: string;
  /** Start every statement with `!P39`, also a first tenure (never add to a statement Wikidata already has). */
  alwaysNew?: boolean;
}

export interface QuickStatementsResult {
  /** The V1 commands, one per line, tab-separated. */
  commands: string;
  /** TSV: one row per office held: exported or not, why, and the lines of `commands` that state it. */
  report: string;
  exported: number;
  notExported: number;
  /** Statements exported as presumed (with P1480). */
  presumed: number;
}

/** A time in QuickStatements' syntax: `+1930-09-10T00:00:00Z/11`, `+1930-09-00T00:00:00Z/10`, `+1930-00-00T00:00:00Z/9`. */
export function qsTime(t: WdTime): string {
  const [y, m, d] = t.day.split('-') as [string, string, string];
  const day = t.precision >= 11 ? `${y}-${m}-${d}` : t.precision === 10 ? `${y}-${m}-00` : `${y}-00-00`;
  return `+${day}T00:00:00Z/${t.precision}`;
}

const str = (s: string): string => {
  // a string value is "…" with nothing inside that would end it or split the command
  if (/["\t\n|]/.test(s)) throw new Error(`cannot write ${JSON.stringify(s)} as a QuickStatements string`);
  return `"${s}"`;
};

const PRECISION_WORD: Record<number, string> = { 10: 'the month', 9: 'the year', 8: 'the decade' };

const sourceProp = (p: string): string => `S${p.slice(1)}`;

export function toQuickStatements(
  statements: readonly WdStatement[],
  skipped: readonly WdSkipped[],
  o: QuickStatementsOptions,
): QuickStatementsResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.retrieved)) throw new Error(`retrieved date "${o.retrieved}" is not YYYY-MM-DD`);
  const retrieved = qsTime({ day: o.retrieved, precision: 11 });
  const lines: string[] = [];
  const NO_HOLDER = 'the holder has no QID (reconcile the person, then accept a match)';
  const NO_POST = 'the post has no QID (`wikidata reconcile --kind post`, then `wikidata accept post/ID QID`)';
  const report: string[][] = skipped.map((s) => [
    s.office,
    s.holder,
    s.post,
    'no',
    s.reason ?? (s.postLinked ? NO_HOLDER : `${NO_HOLDER}; ${NO_POST}`),
    '',
  ]);
  let exported = 0;
  let presumed = 0;
  // a statement's lines must come before a later tenure's `!P39`: order by holder, value, tenure
  const ordered = [...statements].sort(
    (a, b) =>
      a.holderQid.localeCompare(b.holderQid) ||
      targetKey(a.value).localeCompare(targetKey(b.value)) ||
      a.ordinal - b.ordinal,
  );
  for (const s of ordered) {
    if (!('qid' in s.value)) {
      report.push([s.office, s.holder, s.post, 'no', NO_POST, '']);
      continue;
    }
    if (!s.references.length) {
      report.push([s.office, s.holder, s.post, 'no', 'no evidence to cite', '']);
      continue;
    }
    const leftOut: string[] = [];
    const notes: string[] = [];
    const head = [s.holderQid, o.alwaysNew || s.ordinal > 1 ? `!${P.positionHeld}` : P.positionHeld, s.value.qid];
    const qualifiers: string[] = [];
    for (const [prop, t, what] of [
      [P.startTime, s.start, 'start'],
      [P.endTime, s.end, 'end'],
    ] as const) {
      if (!t) {
        leftOut.push(`no ${what} date: the sources do not give it`);
        continue;
      }
      qualifiers.push(prop, qsTime(t));
      if (t.precision < 11)
        notes.push(
          `${what} known only to ${PRECISION_WORD[t.precision] ?? `precision ${t.precision}`} (written with precision ${t.precision})`,
        );
    }
    for (const [prop, t, what] of [
      [P.replaces, s.replaces, 'replaces'],
      [P.replacedBy, s.replacedBy, 'replaced by'],
    ] as const) {
      if (!t) continue;
      if ('qid' in t) qualifiers.push(prop, t.qid);
      else leftOut.push(`${what} (${prop}) left out: ${t.local} has no QID`);
    }
    if (s.presumed.length) {
      qualifiers.push(P.sourcingCircumstances, PRESUMABLY);
      presumed++;
      notes.push(
        `presumed (${P.sourcingCircumstances} = ${PRESUMABLY}, presumably): ${s.presumed.map((p) => `the ${p.what} is ${p.basis}, not named by the note${p.reason ? ` (${p.reason})` : ''}`).join('; ')}`,
      );
    }
    const [first, ...more] = s.references.map((r) => [
      ...(r.editionQid ? [sourceProp(P.statedIn), r.editionQid] : []),
      sourceProp(P.referenceUrl),
      str(o.base + r.evidence),
      sourceProp(P.section),
      str(r.section),
      sourceProp(P.retrieved),
      retrieved,
    ]);
    const from = lines.length + 1;
    lines.push([...head, ...qualifiers, ...first!].join('\t'));
    for (const ref of more) lines.push([s.holderQid, P.positionHeld, s.value.qid, ...ref].join('\t'));
    exported++;
    if (s.ordinal > 1) notes.push(`tenure ${s.ordinal} of this post: a new statement (!${P.positionHeld})`);
    if (s.references.some((r) => !r.editionQid))
      leftOut.push(
        `S248 (stated in) left out: ${[...new Set(s.references.filter((r) => !r.editionQid).map((r) => iriPath.edition(r.edition)))].join(', ')} has no QID`,
      );
    const span = lines.length > from ? `${from}-${lines.length}` : String(from);
    report.push([
      s.office,
      s.holder,
      s.post,
      leftOut.length ? 'partly' : 'yes',
      [...notes, ...leftOut].join('; '),
      span,
    ]);
  }
  report.sort((a, b) => a[0]!.localeCompare(b[0]!));
  const header = ['office', 'holder', 'post', 'exported', 'why', 'lines'];
  // the report is for the curator; a reason may hold a tab or line break only by mistake: keep one row per office
  const tsv = `${[header, ...report].map((r) => r.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n')}\n`;
  return {
    commands: lines.length ? `${lines.join('\n')}\n` : '',
    report: tsv,
    exported,
    notExported: report.filter((r) => r[3] === 'no').length,
    presumed,
  };
}

/** What the export leaves out of every reference, said once (the CLI prints it; docs/wikidata.md repeats it). */
export function referencesNote(statements: readonly WdStatement[]): string {
  const without = [
    ...new Set(statements.flatMap((s) => s.references.filter((r) => !r.editionQid).map((r) => r.edition))),
  ].sort();
  const base = 'each reference is S854 (our evidence IRI) + S958 (letter and note) + S813 (retrieved)';
  if (!without.length) return `${base}, with S248 (stated in) the edition's item.`;
  return `S248 (stated in) is left out where the edition has no QID (${without.map((e) => iriPath.edition(e)).join(', ')}; accept one with \`wikidata accept edition/ID QID\`); ${base}.`;
}
