// The three overview figures that read one saved query each (or two):
// - letters: each letter's earliest–latest interval on one time axis, a dot where the date is to the day
//   (`export-letters`);
// - proposals: each of Stalin's proposals from its letter's date to the decision, coloured by outcome, with the
//   lag in days written beside it (`proposals` and `export-letters`);
// - resolutions per body and month (`resolutions-by-body-month`).

import {
  addDays,
  CONFIG,
  longDate,
  monthAxis,
  ms,
  OUTCOME_COLOURS,
  OUTCOMES,
  plural,
  shorten,
  source,
  utcTimeScale,
  VEGA_LITE_SCHEMA,
  nameMarks,
  type Figure,
} from './common.js';
import type { FigureRow } from './source.js';

const DAY = 86_400_000;

export interface LetterDate {
  id: string;
  /** The edition's number, absent for the 1932 letter. */
  number?: string;
  dateAsPrinted?: string;
  /** Absent where the edition gives no such bound (an open date: "[No earlier than 6 August 1930]"). */
  earliest?: string;
  latest?: string;
  recipient?: string;
}

export function letterDates(rows: FigureRow[]): LetterDate[] {
  return rows
    .filter((r) => r.earliest || r.latest)
    .map((r) => ({
      id: r.letter!,
      ...(r.earliest ? { earliest: r.earliest } : {}),
      ...(r.latest ? { latest: r.latest } : {}),
      ...(r.number ? { number: r.number } : {}),
      ...(r.dateAsPrinted ? { dateAsPrinted: r.dateAsPrinted } : {}),
      ...(r.recipient ? { recipient: r.recipient } : {}),
    }))
    .sort(
      (a, b) =>
        (a.earliest ?? a.latest!).localeCompare(b.earliest ?? b.latest!) ||
        (a.latest ?? '').localeCompare(b.latest ?? '') ||
        a.id.localeCompare(b.id),
    );
}

const letterLabel = (l: LetterDate): string =>
  (l.number ? `Letter ${l.number}` : `Letter of ${longDate(l.earliest ?? l.latest!)}`) +
  (l.recipient ? ` (to ${l.recipient})` : '');

function span(earliest: string | undefined, latest: string | undefined): string {
  if (!earliest) return `no later than ${longDate(latest!)} (no earliest day given)`;
  if (!latest) return `no earlier than ${longDate(earliest)} (no latest day given)`;
  return earliest === latest ? longDate(earliest) : `between ${longDate(earliest)} and ${longDate(latest)}`;
}

export function lettersFigure(letters: LetterDate[]): Figure {
  // one panel per year, each on its own time axis (issue 32: the one letter of 1932 squeezed 1930 into a quarter of
  // a 1930–1932 axis, and letters open at one end ran on to 1932)
  const yearOf = (l: LetterDate): string => (l.earliest ?? l.latest!).slice(0, 4);
  const years = [...new Set(letters.map(yearOf))].sort();
  const domains = new Map(
    years.map((y) => {
      const known = letters
        .filter((l) => yearOf(l) === y)
        .flatMap((l) => [l.earliest, l.latest].filter((x): x is string => !!x).map(ms));
      return [y, [addDays(Math.min(...known), -20), addDays(Math.max(...known), 20)] as [number, number]];
    }),
  );
  const panelOf = (y: string): string => {
    const n = letters.filter((l) => yearOf(l) === y).length;
    return n === 1 ? `The letter of ${y}` : `Letters of ${y}`;
  };
  // an open side runs to the edge of its panel's axis, faded: the edition gives no bound there
  const data = letters.map((l) => {
    const domain = domains.get(yearOf(l))!;
    return {
      label: letterLabel(l),
      panel: panelOf(yearOf(l)),
      start: l.earliest ? ms(l.earliest) : domain[0],
      end: l.latest ? ms(l.latest) : domain[1],
      day: !!l.earliest && l.earliest === l.latest,
      open: !l.earliest || !l.latest,
      title: `${letterLabel(l)}: dated “${l.dateAsPrinted ?? '?'}” by the edition, ${span(l.earliest, l.latest)}`,
    };
  });
  const title = "The letters' dates";
  const days = letters.filter((l) => l.earliest && l.earliest === l.latest).length;
  const tip = { tooltip: { field: 'title' }, description: { field: 'title' } };
  return {
    name: 'letters',
    title,
    description:
      `${plural(letters.length, 'letter')} on a time axis per year, ${days} dated to the day (dots) and ${letters.length - days} known only within an interval (lines from the earliest to the latest possible day): ` +
      data.map((d) => d.title).join('; ') +
      '.',
    spec: nameMarks({
      $schema: VEGA_LITE_SCHEMA,
      title: {
        text: title,
        subtitle: [
          "Lines: from the earliest to the latest day the edition's date allows; dots: letters dated to the day.",
          "Faded dashed lines: the edition gives only one bound; the line runs to the edge of its year's axis.",
        ],
      },
      description: title,
      config: CONFIG,
      data: { values: data },
      resolve: { scale: { x: 'independent', y: 'independent' } },
      vconcat: years.map((year, k) => {
        const rows = data.filter((d) => d.panel === panelOf(year));
        const y = { field: 'label', type: 'nominal', title: null, sort: rows.map((d) => d.label) }; // the labels say "Letter …"
        const x = { field: 'start', type: 'temporal' };
        const xFirst = {
          ...x,
          scale: utcTimeScale(domains.get(year)!),
          axis: monthAxis('Date of the letter (month ticks, UTC calendar)'),
        };
        // mark names unique across the panels
        const n = (name: string): string => (k === 0 ? name : `${name}-${k + 1}`);
        return {
          title: { text: panelOf(year), fontSize: 12, fontWeight: 'normal', anchor: 'start' },
          width: 720,
          height: { step: 20 },
          transform: [{ filter: { field: 'panel', equal: panelOf(year) } }],
          layer: [
            {
              transform: [{ filter: '!datum.day && !datum.open' }],
              mark: { type: 'rule', strokeWidth: 5, strokeCap: 'butt', color: '#7fa7cf', name: n('letter-interval') },
              encoding: { y, x: xFirst, x2: { field: 'end' }, ...tip },
            },
            {
              transform: [{ filter: 'datum.open' }],
              mark: {
                type: 'rule',
                strokeWidth: 5,
                strokeCap: 'butt',
                color: '#7fa7cf',
                opacity: 0.35,
                strokeDash: [6, 3],
                name: n('letter-open'),
              },
              encoding: { y, x: xFirst, x2: { field: 'end' }, ...tip },
            },
            {
              transform: [{ filter: 'datum.day' }],
              mark: { type: 'point', filled: true, size: 70, color: '#1a4f80', name: n('letter-day') },
              encoding: { y, x, ...tip },
            },
          ],
        };
      }),
    }),
  };
}

export interface ProposalSpan {
  proposal: string;
  summary: string;
  letter: string;
  outcome: string;
  decision?: string;
  lagDays?: number;
  lagDaysMax?: number;
  letterEarliest?: string;
  letterLatest?: string;
  outcomeLetter?: string;
  outcomeNote?: string;
  /** To whom the letter was written ("Molotov; Ordzhonikidze" for a letter with a part to another addressee). */
  letterRecipient?: string;
}

/** Proposals with their letter's date interval (joined on the letter's number or id). */
export function proposalSpans(rows: FigureRow[], letters: LetterDate[]): ProposalSpan[] {
  const byKey = new Map<string, LetterDate>();
  for (const l of letters) byKey.set(l.number ?? l.id, l);
  const seen = new Set<string>();
  const out: ProposalSpan[] = [];
  for (const r of rows) {
    if (seen.has(r.proposal!)) continue;
    seen.add(r.proposal!);
    const l = byKey.get(r.letter!);
    const n = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));
    const p: ProposalSpan = {
      proposal: r.proposal!,
      summary: r.summary ?? '',
      letter: r.letter!,
      outcome: r.outcome ?? 'unknown',
    };
    if (r.decision) p.decision = r.decision;
    if (n(r.lagDays) !== undefined) p.lagDays = n(r.lagDays)!;
    if (n(r.lagDaysMax) !== undefined) p.lagDaysMax = n(r.lagDaysMax)!;
    if (l) {
      p.letterEarliest = l.earliest;
      p.letterLatest = l.latest;
      if (l.recipient) p.letterRecipient = l.recipient;
    }
    if (r.outcomeLetter) p.outcomeLetter = r.outcomeLetter;
    if (r.outcomeNote) p.outcomeNote = r.outcomeNote;
    out.push(p);
  }
  // in the order of the letters: the edition's numbers, then unnumbered letters by date (an open date sorts by its number)
  const order = (p: ProposalSpan): [number, string] =>
    /^\d+$/.test(p.letter) ? [Number(p.letter), ''] : [Infinity, p.letterEarliest ?? p.letterLatest ?? p.letter];
  return out.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || (x[0] === Infinity ? x[1].localeCompare(y[1]) : 0) || a.proposal.localeCompare(b.proposal);
  });
}

const lagText = (p: ProposalSpan): string =>
  p.lagDays === undefined
    ? p.lagDaysMax !== undefined
      ? `at most ${plural(p.lagDaysMax, 'day')}`
      : 'no dated decision recorded'
    : p.lagDaysMax === undefined
      ? `at least ${plural(p.lagDays, 'day')}` // the letter has no earliest day: only a minimum is known
      : p.lagDaysMax !== p.lagDays
        ? `${p.lagDays}–${p.lagDaysMax} days`
        : plural(p.lagDays, 'day');

export function proposalsFigure(proposals: ProposalSpan[]): Figure {
  const data = proposals
    .filter((p) => p.letterLatest || p.letterEarliest)
    .map((p, i) => {
      const letterEnd = ms(p.letterLatest ?? p.letterEarliest!);
      // the decision's day: lagDays counts from the latest possible day of the letter (sl:lagDays); where that day is
      // not known, lagDaysMax counts from its earliest day to the decision's latest (sl:lagDaysMax)
      const decided =
        p.lagDays !== undefined && p.letterLatest
          ? letterEnd + p.lagDays * DAY
          : p.lagDaysMax !== undefined && p.letterEarliest
            ? ms(p.letterEarliest) + p.lagDaysMax * DAY
            : null;
      const label = `${i + 1}. ${/^\d+$/.test(p.letter) ? `L${p.letter}` : (p.letterEarliest ?? p.letter)}: ${shorten(p.summary, 58)}`;
      // one panel per year of letters, each on its own time axis (1930 and 1932 on one axis left the 1932 rows at
      // the far edge, issue 28)
      const year = new Date(letterEnd).toISOString().slice(0, 4);
      return {
        label,
        panel: `Letters of ${year}${p.letterRecipient ? ` to ${p.letterRecipient.split('; ')[0]}` : ''}`,
        panelTitle: undefined as string | undefined,
        letter: p.letter,
        outcome: p.outcome,
        letterStart: p.letterEarliest ? ms(p.letterEarliest) : letterEnd,
        letterEnd,
        decided,
        lag: lagText(p),
        title:
          `${p.summary} Proposed in letter ${p.letter} (${span(p.letterEarliest, p.letterLatest)}); outcome: ${p.outcome}` +
          (decided !== null
            ? `; decided ${longDate(new Date(decided).toISOString())}, ${lagText(p)} after the letter`
            : '; no dated decision recorded') +
          (p.outcomeLetter ? `; outcome source: ${source(p.outcomeLetter, p.outcomeNote)}` : ''),
      };
    });
  // labelLimit: Vega measures text without font metrics at 0.8 × font size per character (8.8 px at 11 px), so a
  // label of "NN. 1932-08-11: " (the unnumbered letter by its date) and 58 characters needs 680 px, else Vega cuts it
  // no axis title: beside labels this long Vega's estimated widths put it over them; the subtitle says what the rows are
  // a panel of one letter says so ("The letter of 1932 to Kaganovich")
  const lettersIn = new Map<string, Set<string>>();
  for (const d of data) lettersIn.set(d.panel, (lettersIn.get(d.panel) ?? new Set()).add(d.letter));
  for (const d of data)
    if (lettersIn.get(d.panel)!.size === 1) d.panelTitle = d.panel.replace(/^Letters of/, 'The letter of');
  const panels = [...new Set(data.map((d) => d.panel))];
  const x = { field: 'letterEnd', type: 'temporal' };
  const colour = {
    field: 'outcome',
    type: 'nominal',
    title: 'Outcome',
    scale: { domain: [...OUTCOMES], range: OUTCOME_COLOURS },
  };
  const tip = { tooltip: { field: 'title' }, description: { field: 'title' } };
  const title = 'Proposals and decisions: from the letter to the decision';
  const decidedCount = data.filter((d) => d.decided !== null).length;
  const byOutcome = OUTCOMES.map((o) => `${data.filter((d) => d.outcome === o).length} ${o}`).join(', ');
  return {
    name: 'proposals',
    title,
    description:
      `${plural(data.length, 'proposal')} in the letters (${byOutcome}); ${decidedCount} with a dated decision, drawn as a bar from the letter's latest possible day to the decision, with the lag in days beside it. ` +
      data.map((d) => d.title).join(' | '),
    spec: nameMarks({
      $schema: VEGA_LITE_SCHEMA,
      title: {
        text: title,
        subtitle: [
          'One row per proposal (L57 = letter 57; the unnumbered letter by its date), in the order of the letters;',
          'one panel per year of letters, each on its own time axis.',
          "Bars run from the letter's latest possible day to the decision; the lag in days is written beside each bar.",
          "A thin line marks the letter's possible dates; a dot alone: no dated decision recorded.",
        ],
      },
      description: title,
      config: CONFIG,
      data: { values: data },
      resolve: { scale: { x: 'independent', y: 'independent' } },
      vconcat: panels.map((panel, k) => {
        const rows = data.filter((d) => d.panel === panel);
        const all = rows.flatMap((d) => [d.letterStart, d.letterEnd, ...(d.decided !== null ? [d.decided] : [])]);
        const domain: [number, number] = [addDays(Math.min(...all), -10), addDays(Math.max(...all), 60)];
        const y = {
          field: 'label',
          type: 'nominal',
          title: null,
          sort: rows.map((d) => d.label),
          axis: { labelLimit: 680 },
        };
        const xFirst = {
          field: 'letterStart',
          type: 'temporal',
          scale: utcTimeScale(domain),
          axis: monthAxis('Date (month ticks, UTC calendar)'),
        };
        // mark names unique across the panels
        const n = (name: string): string => (k === 0 ? name : `${name}-${k + 1}`);
        return {
          title: { text: rows[0]!.panelTitle ?? panel, fontSize: 12, fontWeight: 'normal', anchor: 'start' },
          width: 720,
          height: { step: 18 },
          transform: [{ filter: { field: 'panel', equal: panel } }],
          layer: [
            {
              mark: { type: 'rule', strokeWidth: 2, color: '#999', name: n('letter-interval') },
              encoding: { y, x: xFirst, x2: { field: 'letterEnd' }, ...tip },
            },
            {
              transform: [{ filter: 'datum.decided !== null' }],
              mark: { type: 'bar', height: { band: 0.6 }, name: n('proposal-lag') },
              encoding: { y, x, x2: { field: 'decided' }, color: colour, ...tip },
            },
            {
              transform: [{ filter: 'datum.decided !== null' }],
              mark: { type: 'tick', thickness: 2, name: n('proposal-decision') },
              encoding: { y, x: { ...x, field: 'decided' }, color: colour, ...tip },
            },
            {
              transform: [{ filter: 'datum.decided === null' }],
              mark: { type: 'point', filled: true, size: 45, name: n('proposal-undecided') },
              encoding: { y, x, color: colour, ...tip },
            },
            {
              transform: [{ calculate: 'datum.decided === null ? datum.letterEnd : datum.decided', as: 'textAt' }],
              mark: {
                type: 'text',
                align: 'left',
                dx: 6,
                fontSize: 10,
                color: '#222',
                name: n('proposal-lag-text'),
                aria: false,
              },
              encoding: { y, x: { ...x, field: 'textAt' }, text: { field: 'lag' } },
            },
          ],
        };
      }),
    }),
  };
}

export interface BodyMonth {
  body: string;
  month: string;
  count: number;
  /** The query's own count for the same body and month (checked against `count` by the tests). */
  queryCount: number;
  resolutions: string[];
}

/** Counts resolutions per body and month (one query row per resolution and source). */
export function bodyMonths(rows: FigureRow[]): BodyMonth[] {
  const cells = new Map<string, BodyMonth>();
  for (const r of rows) {
    const key = `${r.body}\u0000${r.month}`;
    let c = cells.get(key);
    if (!c)
      cells.set(
        key,
        (c = { body: r.body!, month: r.month!, count: 0, queryCount: Number(r.resolutions), resolutions: [] }),
      );
    if (!c.resolutions.includes(r.resolution!)) {
      c.resolutions.push(r.resolution!);
      c.count++;
    }
  }
  return [...cells.values()].sort((a, b) => a.month.localeCompare(b.month) || a.body.localeCompare(b.body));
}

/** The most series a figure colours apart (its scheme, tableau10, has ten colours). */
const MAX_SERIES = 10;

export function resolutionsFigure(cells: BodyMonth[]): Figure {
  const months = [...new Set(cells.map((c) => c.month))].sort();
  const bodies = [...new Set(cells.map((c) => c.body))].sort(
    (a, b) => total(cells, b) - total(cells, a) || a.localeCompare(b),
  );
  // tableau10 tells ten colours apart (and Vega's symbol legend filters long lists with a warning): beyond ten
  // bodies, the nine with most resolutions are drawn by name and the rest as one series
  const named = bodies.length > MAX_SERIES ? bodies.slice(0, MAX_SERIES - 1) : bodies;
  const rest = new Set(bodies.slice(named.length));
  const other = rest.size ? `other bodies (${rest.size})` : undefined;
  const data = cells
    .filter((c) => !rest.has(c.body))
    .map((c) => ({
      body: c.body,
      month: c.month,
      count: c.count,
      title: `${c.body}, ${c.month}: ${plural(c.count, 'resolution')}`,
    }));
  if (other)
    for (const month of months) {
      const held = cells.filter((c) => c.month === month && rest.has(c.body));
      if (!held.length) continue;
      const count = held.reduce((n, c) => n + c.count, 0);
      data.push({
        body: other,
        month,
        count,
        title: `${other}, ${month}: ${plural(count, 'resolution')} (${held.map((c) => `${c.body} ${c.count}`).join(', ')})`,
      });
    }
  const title = 'Resolutions per body and month';
  return {
    name: 'resolutions-by-body-month',
    title,
    description:
      `Resolutions the editors' notes record, counted per deciding body and month (by the earliest possible date), ${plural(months.length, 'month')} from ${months[0]} to ${months[months.length - 1]} (months without a resolution are left out): ` +
      bodies
        .map(
          (b) =>
            `${b} ${total(cells, b)} (${cells
              .filter((c) => c.body === b)
              .map((c) => `${c.month}: ${c.count}`)
              .join(', ')})`,
        )
        .join('; ') +
      '.',
    spec: nameMarks({
      $schema: VEGA_LITE_SCHEMA,
      title: {
        text: title,
        subtitle: [
          'Counted by the earliest possible date of each resolution; only months with resolutions are shown; a joint decision counts for each body.',
          ...(other
            ? [`The ${named.length} bodies with most resolutions by name, the ${rest.size} others as one series.`]
            : []),
        ],
      },
      description: title,
      width: { step: 34 },
      height: 300,
      config: CONFIG,
      data: { values: data },
      mark: { type: 'bar', name: 'resolution-count' },
      encoding: {
        x: { field: 'month', type: 'ordinal', title: 'Month (year-month)', sort: months, axis: { labelAngle: -45 } },
        y: {
          field: 'count',
          type: 'quantitative',
          title: 'Resolutions (count)',
          stack: 'zero',
          axis: { tickMinStep: 1, format: 'd' },
        },
        color: {
          field: 'body',
          type: 'nominal',
          title: 'Body',
          sort: other ? [...named, other] : bodies,
          scale: { scheme: 'tableau10' },
        },
        order: { field: 'body', sort: 'ascending' },
        tooltip: { field: 'title' },
        description: { field: 'title' },
      },
    }),
  };
}

const total = (cells: BodyMonth[], body: string): number =>
  cells.filter((c) => c.body === body).reduce((n, c) => n + c.count, 0);
