// QuickStatements (V1 commands, tab-separated) for the offices held that Wikidata can take: holder and post
// with QIDs. Written for QuickStatements 2 (quickstatements.toolforge.org, the version Help:QuickStatements
// describes): a later tenure of the same post starts with `!P39`, which its parser reads as "a new statement,
// never merged with an existing one of the same value" (magnusmanske/quickstatements, pull request #35); a
// further reference of a statement is a line of its own without `!`, which QuickStatements adds to the last
// statement of that value, i.e. the one just written. Nothing quoted from the edition goes out (Wikidata is CC0,
// the books are in copyright): the values are QIDs, dates, our own IRIs and "Letter 63, note 2".

import { WD_PROPERTY as P, targetKey, type WdSkipped, type WdStatement, type WdTime } from '../model/wikidata.js';

export interface QuickStatementsOptions {
  base: string;
  /** Day the references were retrieved (S813), `YYYY-MM-DD`. */
  retrieved: string;
  /** Start every statement with `!P39`, also a first tenure (never add to a statement Wikidata already has). */
  alwaysNew?: boolean;
}

export interface QuickStatementsResult {
  /** The V1 commands, one per line, tab-separated. */
  commands: string;
  /** TSV: one row per office held not exported, or exported without something, and why. */
  report: string;
  exported: number;
  notExported: number;
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

export function toQuickStatements(statements: readonly WdStatement[], skipped: readonly WdSkipped[], o: QuickStatementsOptions): QuickStatementsResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.retrieved)) throw new Error(`retrieved date "${o.retrieved}" is not YYYY-MM-DD`);
  const retrieved = qsTime({ day: o.retrieved, precision: 11 });
  const lines: string[] = [];
  const NO_HOLDER = 'the holder has no QID (reconcile the person, then accept a match)';
  const NO_POST = 'the post has no QID (posts are linked only from corpus/reference/wikidata-verified.tsv)';
  const report: string[][] = skipped.map((s) => [s.office, s.holder, s.post, 'no', s.reason ?? (s.postLinked ? NO_HOLDER : `${NO_HOLDER}; ${NO_POST}`)]);
  let exported = 0;
  // a statement's lines must come before a later tenure's `!P39`: order by holder, value, tenure
  const ordered = [...statements].sort((a, b) => a.holderQid.localeCompare(b.holderQid) || targetKey(a.value).localeCompare(targetKey(b.value)) || a.ordinal - b.ordinal);
  for (const s of ordered) {
    if (!('qid' in s.value)) {
      report.push([s.office, s.holder, s.post, 'no', NO_POST]);
      continue;
    }
    if (!s.references.length) {
      report.push([s.office, s.holder, s.post, 'no', 'no evidence to cite']);
      continue;
    }
    const notes: string[] = [];
    const head = [s.holderQid, o.alwaysNew || s.ordinal > 1 ? `!${P.positionHeld}` : P.positionHeld, s.value.qid];
    const qualifiers: string[] = [];
    for (const [prop, t, what] of [[P.startTime, s.start, 'start'], [P.endTime, s.end, 'end']] as const) {
      if (!t) {
        notes.push(`no ${what} date: the sources do not give it`);
        continue;
      }
      qualifiers.push(prop, qsTime(t));
      if (t.precision < 11) notes.push(`${what} known only to ${PRECISION_WORD[t.precision] ?? `precision ${t.precision}`} (written with precision ${t.precision})`);
    }
    for (const [prop, t, what] of [[P.replaces, s.replaces, 'replaces'], [P.replacedBy, s.replacedBy, 'replaced by']] as const) {
      if (!t) continue;
      if ('qid' in t) qualifiers.push(prop, t.qid);
      else notes.push(`${what} (${prop}) left out: ${t.local} has no QID`);
    }
    const [first, ...more] = s.references.map((r) => [
      `S${P.referenceUrl.slice(1)}`, str(o.base + r.evidence), `S${P.section.slice(1)}`, str(r.section), `S${P.retrieved.slice(1)}`, retrieved,
    ]);
    lines.push([...head, ...qualifiers, ...first!].join('\t'));
    for (const ref of more) lines.push([s.holderQid, P.positionHeld, s.value.qid, ...ref].join('\t'));
    exported++;
    if (s.ordinal > 1) notes.push(`tenure ${s.ordinal} of this post: a new statement (!${P.positionHeld})`);
    report.push([s.office, s.holder, s.post, notes.length ? 'partly' : 'yes', notes.join('; ')]);
  }
  report.sort((a, b) => a[0]!.localeCompare(b[0]!));
  const header = ['office', 'holder', 'post', 'exported', 'why'];
  const tsv = [header, ...report].map((r) => r.join('\t')).join('\n') + '\n';
  return {
    commands: lines.length ? `${lines.join('\n')}\n` : '',
    report: tsv,
    exported,
    notExported: report.filter((r) => r[3] === 'no').length,
  };
}

/** What every export leaves out, said once (the README and the CLI repeat it). */
export const ALWAYS_LEFT_OUT =
  'S248 (stated in) is left out: it needs an item and neither edition has a QID; each reference is S854 (our evidence IRI) + S958 (letter and note) + S813 (retrieved).';
