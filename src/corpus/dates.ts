// Editorial dates: the text as printed is kept beside an EDTF form, earliest/latest xsd:date bounds and a
// Wikidata-style precision. Conventions (documented in the README, "Dates"):
// - "early", "mid", "late" a month: days 1–10, 11–20, 21–end;
// - "earlier than D" is strictly before D: latest = D − 1 day; the earliest bound is 1 January of D's year,
//   because the edition prints these letters in its sequence for that year (EDTF keeps the open start: "../D-1");
// - "no earlier than D": [D, 31 December of D's year]; "no later than D": [1 January of D's year, D];
// - precision is derived from the bounds: 11 (day) when they are one day, 10 (month) when they lie in one
//   calendar month, 9 (year) when they lie in one year, else 8 (decade).

export type Precision = 11 | 10 | 9 | 8;

export interface DateValue {
  /** The date exactly as printed (for curated records: as the curator quoted it). */
  asPrinted: string;
  /** Extended Date/Time Format (ISO 8601-2) string. */
  edtf: string;
  /** Earliest possible day, `YYYY-MM-DD`. */
  earliest: string;
  /** Latest possible day, `YYYY-MM-DD`. */
  latest: string;
  precision: Precision;
  /** Why the value differs from a plain reading (editorial year, repaired dash, convention used). */
  comment?: string;
  /** Set when `earliest` is only the 1 January convention of an open start ("earlier than", "no later than", `../D`):
   * nothing is known about that side, so no check or figure may rest on it. */
  earliestIsConvention?: true;
  /** Set when `latest` is only the 31 December convention of an open end ("no earlier than", `D/..`). */
  latestIsConvention?: true;
}

/** The earliest bound if the source gives it, else undefined (never the 1 January convention). */
export const knownEarliest = (d: DateValue): string | undefined => (d.earliestIsConvention ? undefined : d.earliest);
/** The latest bound if the source gives it, else undefined (never the 31 December convention). */
export const knownLatest = (d: DateValue): string | undefined => (d.latestIsConvention ? undefined : d.latest);

export class DateParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateParseError';
  }
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new DateParseError(`year ${year} is out of range`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new DateParseError(`month ${month} does not exist`);
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
    throw new DateParseError(
      `${year}-${pad(month)}-${pad(day)} does not exist (day ${day} of a ${daysInMonth(year, month)}-day month)`,
    );
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const toUtc = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));

export function addDays(iso: string, days: number): string {
  const d = new Date(toUtc(iso) + days * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

export function precisionOf(earliest: string, latest: string): Precision {
  if (earliest === latest) return 11;
  if (earliest.slice(0, 7) === latest.slice(0, 7)) return 10;
  if (earliest.slice(0, 4) === latest.slice(0, 4)) return 9;
  return 8;
}

function value(asPrinted: string, edtf: string, earliest: string, latest: string, comment?: string): DateValue {
  if (earliest > latest) throw new DateParseError(`earliest ${earliest} is after latest ${latest}`);
  const [start, end] = edtf.split('/');
  return {
    asPrinted,
    edtf,
    earliest,
    latest,
    precision: precisionOf(earliest, latest),
    ...(comment ? { comment } : {}),
    ...(start === '..' ? { earliestIsConvention: true as const } : {}),
    ...(end === '..' ? { latestIsConvention: true as const } : {}),
  };
}

function monthNumber(name: string): number {
  const i = MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase());
  if (i < 0) throw new DateParseError(`"${name}" is not a month name`);
  return i + 1;
}

const PART_DAYS = { early: [1, 10], mid: [11, 20], late: [21, 31] } as const;
function partOfMonth(part: string, year: number, month: number): [string, string] {
  const [from, to] = PART_DAYS[part.toLowerCase() as keyof typeof PART_DAYS];
  return [isoDate(year, month, from), isoDate(year, month, Math.min(to, daysInMonth(year, month)))];
}

const DAY_MONTH_YEAR = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/;
// The dash between the two halves of a range is often lost in the extracted text ("Late AugustEarly September").
const PART_RANGE = /^(Early|Mid|Late)[ -]([A-Z][a-z]+)\s*[–—-]?\s*(Early|Mid|Late)[ -]([A-Z][a-z]+) (\d{4})$/i;

/**
 * Parses an editorial date as printed in the edition, with or without the editors' brackets:
 * `[2 August 1930]`, `[Earlier than 20 April 1930]`, `[No earlier than 6 August 1930]`,
 * `[No later than 15 September 1930]`, `[Late AugustEarly September 1930]`, `11 August [1932]`,
 * `22 September 1930`. Throws DateParseError for any other form.
 */
export function parseEditorialDate(printed: string): DateValue {
  const text = printed.trim();
  const editorialYear = /^(\d{1,2}) ([A-Z][a-z]+) \[(\d{4})\]$/.exec(text);
  if (editorialYear) {
    const d = isoDate(+editorialYear[3]!, monthNumber(editorialYear[2]!), +editorialYear[1]!);
    return value(printed, d, d, d, 'year supplied by the editors (in brackets)');
  }
  const inner = /^\[(.*)\]$/.exec(text)?.[1]?.trim() ?? text;
  let m = DAY_MONTH_YEAR.exec(inner);
  if (m) {
    const d = isoDate(+m[3]!, monthNumber(m[2]!), +m[1]!);
    return value(printed, d, d, d);
  }
  m = /^Earlier than (\d{1,2} [A-Z][a-z]+ \d{4})$/i.exec(inner);
  if (m) {
    const bound = parseEditorialDate(m[1]!).earliest;
    const latest = addDays(bound, -1);
    return value(
      printed,
      `../${latest}`,
      `${bound.slice(0, 4)}-01-01`,
      latest,
      'strictly before the printed day; earliest bound is 1 January of that year (edition sequence)',
    );
  }
  m = /^No earlier than (\d{1,2} [A-Z][a-z]+ \d{4})$/i.exec(inner);
  if (m) {
    const bound = parseEditorialDate(m[1]!).earliest;
    return value(
      printed,
      `${bound}/..`,
      bound,
      `${bound.slice(0, 4)}-12-31`,
      'on or after the printed day; latest bound is 31 December of that year (edition sequence)',
    );
  }
  m = /^No later than (\d{1,2} [A-Z][a-z]+ \d{4})$/i.exec(inner);
  if (m) {
    const bound = parseEditorialDate(m[1]!).earliest;
    return value(
      printed,
      `../${bound}`,
      `${bound.slice(0, 4)}-01-01`,
      bound,
      'on or before the printed day; earliest bound is 1 January of that year (edition sequence)',
    );
  }
  m = PART_RANGE.exec(inner);
  if (m) {
    const year = +m[5]!;
    const [from] = partOfMonth(m[1]!, year, monthNumber(m[2]!));
    const [, to] = partOfMonth(m[3]!, year, monthNumber(m[4]!));
    const dashLost = !/[–—-]/.test(inner.replace(/^(Early|Mid|Late)-/i, ''));
    return value(
      printed,
      `${from}/${to}`,
      from,
      to,
      `early = days 1–10, mid = 11–20, late = 21–end of month${dashLost ? '; the dash between the two halves was lost in extraction' : ''}`,
    );
  }
  m = /^(Early|Mid|Late)[ -]([A-Z][a-z]+) (\d{4})$/i.exec(inner);
  if (m) {
    const [from, to] = partOfMonth(m[1]!, +m[3]!, monthNumber(m[2]!));
    return value(printed, `${from}/${to}`, from, to, 'early = days 1–10, mid = 11–20, late = 21–end of month');
  }
  m = /^([A-Z][a-z]+) (\d{4})$/.exec(inner);
  if (m) {
    const year = +m[2]!;
    const month = monthNumber(m[1]!);
    return value(
      printed,
      `${year}-${pad(month)}`,
      isoDate(year, month, 1),
      isoDate(year, month, daysInMonth(year, month)),
    );
  }
  throw new DateParseError(`unknown date form "${printed}"`);
}

/** An author's dateline in American numeric form, `9/28/30` (month/day/two-digit year of the 1900s). */
export function parseNumericDateline(printed: string): DateValue {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(printed.trim());
  if (!m) throw new DateParseError(`unknown dateline form "${printed}"`);
  const d = isoDate(1900 + +m[3]!, +m[1]!, +m[2]!);
  return value(printed, d, d, d, 'month/day/year as written by the author; century assumed 19xx');
}

const EDTF_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EDTF_MONTH = /^(\d{4})-(\d{2})$/;
const EDTF_YEAR = /^(\d{4})$/;

function edtfBounds(part: string): [string, string] {
  let m = EDTF_DAY.exec(part);
  if (m) {
    const d = isoDate(+m[1]!, +m[2]!, +m[3]!);
    return [d, d];
  }
  m = EDTF_MONTH.exec(part);
  if (m) {
    const y = +m[1]!;
    const mo = +m[2]!;
    return [isoDate(y, mo, 1), isoDate(y, mo, daysInMonth(y, Math.min(Math.max(mo, 1), 12)))];
  }
  m = EDTF_YEAR.exec(part);
  if (m) return [isoDate(+m[1]!, 1, 1), isoDate(+m[1]!, 12, 31)];
  throw new DateParseError(`"${part}" is not an EDTF day, month or year (YYYY-MM-DD, YYYY-MM, YYYY)`);
}

/**
 * Parses the EDTF subset used by curated records: a day, month or year, or an interval `A/B` of those, where one
 * side may be open (`..`): an open side is bounded by the year of the other side, as for editorial dates.
 */
export function parseEdtf(edtf: string, asPrinted: string): DateValue {
  const parts = edtf.split('/');
  if (parts.length === 1) {
    const [earliest, latest] = edtfBounds(edtf);
    return value(asPrinted, edtf, earliest, latest);
  }
  if (parts.length !== 2) throw new DateParseError(`"${edtf}" is not an EDTF date or interval`);
  const [a, b] = parts as [string, string];
  if (a === '..' && b === '..') throw new DateParseError(`"${edtf}" is open on both sides`);
  const [bEarliest, bLatest] = b === '..' ? ['', ''] : edtfBounds(b);
  const [aEarliest] = a === '..' ? [`${bEarliest.slice(0, 4)}-01-01`] : edtfBounds(a);
  const latest = b === '..' ? `${aEarliest.slice(0, 4)}-12-31` : bLatest;
  if (aEarliest > latest) throw new DateParseError(`interval "${edtf}" ends before it starts`);
  return value(asPrinted, edtf, aEarliest, latest);
}

const PRINTED_DATE = new RegExp(
  `(?:\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+)?\\b(${MONTHS.join('|')})\\b(?:\\s+(\\d{4}))?|\\b(\\d{4})\\b`,
  'g',
);

/**
 * Whether `d` (from its EDTF) agrees with the date as printed: every day, month or year the printed text names must
 * meet the interval (a named day may lie one day outside it: "earlier than 24 August" ends on the 23rd). The year of
 * a day or month without one is the nearest year after it in the text. Returns what disagrees, or undefined.
 */
export function printedDisagreement(d: DateValue): string | undefined {
  const found: { from: string; to: string; what: string }[] = [];
  const matches = [...d.asPrinted.matchAll(PRINTED_DATE)];
  for (const [i, m] of matches.entries()) {
    if (m[4]) {
      // a bare year, unless it is the year of a month already read
      if (i > 0 && matches[i - 1]![3] === m[4]) continue;
      found.push({ from: `${m[4]}-01-01`, to: `${m[4]}-12-31`, what: m[4] });
      continue;
    }
    const year =
      m[3] ??
      matches
        .slice(i + 1)
        .map((x) => x[3] ?? x[4])
        .find(Boolean);
    if (!year) continue;
    const month = MONTHS.indexOf(m[2] as (typeof MONTHS)[number]) + 1;
    const y = Number(year);
    if (m[1]) {
      const day = Number(m[1]);
      if (day < 1 || day > daysInMonth(y, month)) continue;
      const at = Date.UTC(y, month - 1, day);
      const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
      found.push({ from: iso(at - 86_400_000), to: iso(at + 86_400_000), what: m[0].trim() });
    } else
      found.push({
        from: `${year}-${pad(month)}-01`,
        to: `${year}-${pad(month)}-${pad(daysInMonth(y, month))}`,
        what: m[0].trim(),
      });
  }
  for (const f of found) {
    if (f.to < d.earliest || f.from > d.latest)
      return `the date as printed names ${f.what}, outside ${d.earliest === d.latest ? d.earliest : `${d.earliest}…${d.latest}`}`;
  }
  return undefined;
}
