// Shared pieces of the figures: the figure record, dates as UTC milliseconds (the rendering never depends on the
// machine's time zone), labels of letters and notes, and the look every figure shares.

import { MONTHS } from '../corpus/dates.js';

export interface Figure {
  /** Path below the figures folder, without extension (`letters`, `timeline/rozengolts`). */
  name: string;
  title: string;
  /** The text alternative: what the figure shows, in words (the SVG's <desc>). */
  description: string;
  /** The Vega-Lite spec, data inline: rendering it alone gives the figure. */
  spec: Record<string, unknown>;
  /**
   * The same figure as a shared spec plus this figure's data and parameters: figures with one template are
   * compiled once and drawn by swapping data (a fast path; the tests check it draws the same bytes as `spec`).
   */
  template?: {
    key: string;
    spec: Record<string, unknown>;
    params: Record<string, unknown>;
    data: Record<string, unknown[]>;
  };
}

const DAY = 86_400_000;

/** `YYYY-MM-DD` → milliseconds at 00:00 UTC. */
export function ms(date: string): number {
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${date}`);
  return t;
}

export const addDays = (t: number, days: number): number => t + days * DAY;

/** The last day a date of this precision can stand for (11 day, 10 month, 9 year), as UTC milliseconds. */
export function endOfPeriod(date: string, precision: number | undefined): number {
  const d = new Date(ms(date));
  if (precision === 10) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
  if (precision !== undefined && precision < 10) return Date.UTC(d.getUTCFullYear(), 11, 31);
  return d.getTime();
}

/** The first day a date of this precision can stand for. */
export function startOfPeriod(date: string, precision: number | undefined): number {
  const d = new Date(ms(date));
  if (precision === 10) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (precision !== undefined && precision < 10) return Date.UTC(d.getUTCFullYear(), 0, 1);
  return d.getTime();
}

/** `1930-10-15` → `15 October 1930`. */
export function longDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

export const PRECISION_WORDS: Record<string, string> = { '11': 'to the day', '10': 'to the month', '9': 'to the year' };

/** "letter 60, note 7", or "letter 60 (its text)" when the fact is in the letter itself. */
export function source(letter: string | undefined, note: string | undefined): string {
  if (!letter) return 'no source recorded';
  const l = /^\d+$/.test(letter) ? `letter ${letter}` : `letter ${letter}`;
  return note ? `${l}, note ${note}` : `${l} (its text)`;
}

/** The last path segment of an IRI (`…/person/rozengolts` → `rozengolts`). */
export const lastSegment = (iri: string): string => iri.slice(iri.lastIndexOf('/') + 1);

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Look shared by every figure; fonts are generic families, so any browser draws them. */
export const CONFIG = {
  font: 'sans-serif',
  background: 'white',
  title: { fontSize: 15, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#444', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 520 },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 300, titleLimit: 300 },
  view: { stroke: null },
};

/** A time axis in UTC: month ticks, labelled "Oct 1930". */
// domainMin/domainMax, not domain: an explicit temporal domain on a layer with x2 draws a Vega-Lite warning
export const utcTimeScale = (domain: [number, number]): Record<string, unknown> => ({
  type: 'utc',
  domainMin: domain[0],
  domainMax: domain[1],
  nice: false,
});
export const monthAxis = (title: string): Record<string, unknown> => ({
  title,
  format: '%b %Y',
  labelAngle: -40,
  labelAlign: 'right',
  tickCount: { interval: 'month', step: 1 },
  grid: true,
  gridColor: '#eee',
});

/** Outcomes of proposals, in a fixed order with fixed colours (a legend means the same in every figure). */
export const OUTCOMES = ['enacted', 'modified', 'rejected', 'unknown'] as const;
export const OUTCOME_COLOURS = ['#1b7837', '#d48a00', '#b2182b', '#8c8c8c'];

/** Shortens a text to at most `n` characters at a word boundary. */
export function shorten(text: string, n: number): string {
  if (text.length <= n) return text;
  const cut = text.slice(0, n - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > n / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Counts as words: 1 → "1 letter", 2 → "2 letters". */
export const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

/**
 * Moves each layer's `mark.name` to the layer's `name`, which Vega-Lite turns into the mark group's name
 * (`<name>_marks`, a class in the SVG): the site's styles and the tests find marks by it.
 */
export function nameMarks<T>(spec: T): T {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (!x || typeof x !== 'object') return x;
    const o = Object.fromEntries(
      Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, k === 'data' ? v : walk(v)]),
    );
    const mark = o.mark as Record<string, unknown> | undefined;
    if (mark && typeof mark === 'object' && typeof mark.name === 'string') {
      const { name, ...rest } = mark;
      return { name, ...o, mark: rest };
    }
    return o;
  };
  return walk(spec) as T;
}
