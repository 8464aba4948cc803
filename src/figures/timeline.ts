// Career timelines: one figure per person with at least one change of office. Each office held is a bar on its
// own row; a side of the bar that the sources do not give (no start, no end) fades out to the edge of the axis,
// and a side known only to the month or year fades across that month or year, so no bar has a sharp edge the
// sources do not support. Each change of office is a mark on the row of the office it opens or closes: a dot when
// it is dated to the day, a line over its earliest–latest interval otherwise. Every bar and mark has a title
// (tooltip) that names the letter and note it comes from.
//
// Inputs: the saved queries `offices-held` and `changes-of-office` (read field by field; a missing field is a
// missing bound, never a guess).

import {
  addDays,
  CONFIG,
  endOfPeriod,
  startOfPeriod,
  lastSegment,
  longDate,
  monthAxis,
  ms,
  plural,
  PRECISION_WORDS,
  source,
  VEGA_LITE_SCHEMA,
  nameMarks,
  type Figure,
} from './common.js';
import type { FigureRow } from './source.js';

/** Change types that open an office, and those that end one (as src/model/offices.ts derives them). */
const OPENS = new Set(['appointed', 'confirmed', 'transferred']);
const ENDS = new Set(['relieved', 'dismissed', 'recalled', 'removed', 'released', 'expelled', 'reversed']);
const EFFECTS = ['takes up an office', 'leaves an office', 'other change'] as const;
const EFFECT_COLOURS = ['#1a6fb0', '#c2410c', '#6b21a8'];
const BAR = '#7fa7cf';

export interface Change {
  change: string;
  type: string;
  post?: string;
  postLabel?: string;
  dateAsPrinted?: string;
  earliest?: string;
  latest?: string;
  precision?: number;
  /** The deciding bodies, each once (a joint decision has two). */
  bodies?: string[];
  letter?: string;
  note?: string;
}

export interface Office {
  office: string;
  post: string;
  postLabel: string;
  from?: string;
  fromPrecision?: number;
  until?: string;
  untilPrecision?: number;
  startEvent?: string;
  endEvent?: string;
  letter?: string;
  note?: string;
}

export interface Career {
  person: string;
  id: string;
  label: string;
  offices: Office[];
  changes: Change[];
}

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));

/** Groups the two queries' rows by person; only persons with at least one change of office get a career. */
export function careers(officeRows: FigureRow[], changeRows: FigureRow[]): Career[] {
  const byPerson = new Map<string, Career>();
  const career = (person: string, label: string | undefined): Career => {
    let c = byPerson.get(person);
    if (!c)
      byPerson.set(
        person,
        (c = { person, id: lastSegment(person), label: label ?? lastSegment(person), offices: [], changes: [] }),
      );
    return c;
  };
  for (const r of changeRows) {
    const c = career(r.person!, r.personLabel);
    // a change with two pieces of evidence comes twice; the first (by letter, note) is the one named. A change
    // decided by two bodies (a joint plenum) comes once per body: each is named
    const seen = c.changes.find((x) => x.change === r.change);
    if (seen) {
      if (r.body && !seen.bodies?.includes(r.body)) seen.bodies = [...(seen.bodies ?? []), r.body];
      continue;
    }
    c.changes.push({
      change: r.change!,
      type: r.type!,
      ...opt('post', r.post),
      ...opt('postLabel', r.postLabel),
      ...opt('dateAsPrinted', r.dateAsPrinted),
      ...opt('earliest', r.earliest),
      ...opt('latest', r.latest),
      ...opt('precision', num(r.precision)),
      ...opt('bodies', r.body === undefined ? undefined : [r.body]),
      ...opt('letter', r.letter),
      ...opt('note', r.note),
    });
  }
  for (const r of officeRows) {
    const c = byPerson.get(r.person!);
    if (!c || c.offices.some((o) => o.office === r.office)) continue;
    c.offices.push({
      office: r.office!,
      post: r.post!,
      postLabel: r.postLabel ?? lastSegment(r.post!),
      ...opt('from', r.from),
      ...opt('fromPrecision', num(r.fromPrecision)),
      ...opt('until', r.until),
      ...opt('untilPrecision', num(r.untilPrecision)),
      ...opt('startEvent', r.startEvent),
      ...opt('endEvent', r.endEvent),
      ...opt('letter', r.letter),
      ...opt('note', r.note),
    });
  }
  return [...byPerson.values()].filter((c) => c.changes.length > 0).sort((a, b) => a.id.localeCompare(b.id));
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined || v === '' ? {} : { [k]: v }) as { [P in K]?: V };
}

const effect = (type: string): (typeof EFFECTS)[number] =>
  OPENS.has(type) ? EFFECTS[0] : ENDS.has(type) ? EFFECTS[1] : EFFECTS[2];

function changeWhen(c: Change): string {
  if (!c.earliest) return `${c.dateAsPrinted ?? 'undated'} (no date interval)`;
  const printed = c.dateAsPrinted ? `“${c.dateAsPrinted}”, ` : '';
  const span =
    c.latest && c.latest !== c.earliest
      ? `between ${longDate(c.earliest)} and ${longDate(c.latest)}`
      : longDate(c.earliest);
  return `${printed}${span} (${PRECISION_WORDS[String(c.precision)] ?? 'precision not given'})`;
}

function changeTitle(c: Change): string {
  return `${c.type}${c.postLabel ? `: ${c.postLabel}` : ''}; ${changeWhen(c)}${c.bodies?.length ? `; by ${c.bodies.join(' and ')}` : ''}; source: ${source(c.letter, c.note)}`;
}

interface Row {
  key: string;
  label: string;
  order: number;
}

/** The Vega-Lite spec of one career, with its text alternative. */
export function timelineFigure(c: Career): Figure {
  const changeById = new Map(c.changes.map((x) => [x.change, x]));
  // rows: one per office, then one per post (or "no post") that has changes but no office
  const rows: Row[] = [];
  const seenPost = new Map<string, number>();
  for (const o of [...c.offices].sort(
    (a, b) => (a.from ?? a.until ?? '').localeCompare(b.from ?? b.until ?? '') || a.office.localeCompare(b.office),
  )) {
    const n = (seenPost.get(o.post) ?? 0) + 1;
    seenPost.set(o.post, n);
    rows.push({ key: o.office, label: n > 1 ? `${o.postLabel} (tenure ${n})` : o.postLabel, order: rows.length });
  }
  const rowOf = (x: Change): string[] => {
    const touching = c.offices.filter((o) => o.startEvent === x.change || o.endEvent === x.change).map((o) => o.office);
    if (touching.length) return touching;
    const samePost = c.offices.find((o) => o.post === x.post);
    if (samePost) return [samePost.office];
    const key = x.post ?? 'no-post';
    if (!rows.some((r) => r.key === key))
      rows.push({ key, label: x.postLabel ?? 'not tied to a post', order: rows.length });
    return [key];
  };
  const marks = c.changes.flatMap((x) => rowOf(x).map((row) => ({ x, row })));
  const label = new Map(rows.map((r) => [r.key, r.label]));

  // the axis: every date the figure shows, with a margin for the faded ends
  const dates = [...c.offices.flatMap((o) => [o.from, o.until]), ...c.changes.flatMap((x) => [x.earliest, x.latest])]
    .filter((d): d is string => Boolean(d))
    .map(ms);
  const lo = dates.length ? Math.min(...dates) : ms('1930-01-01');
  const hi = dates.length ? Math.max(...dates) : ms('1930-12-31');
  const pad = Math.max(45, Math.round((hi - lo) / 86_400_000 / 6));
  const domain: [number, number] = [addDays(lo, -pad), addDays(hi, pad)];

  // bar pieces: solid where the sources give the tenure, ramps where they give no edge (or a coarse one)
  const pieces: { row: string; start: number; end: number; kind: 'solid' | 'fade-in' | 'fade-out'; title: string }[] =
    [];
  for (const o of c.offices) {
    const startChange = o.startEvent ? changeById.get(o.startEvent) : undefined;
    const endChange = o.endEvent ? changeById.get(o.endEvent) : undefined;
    const fromText = o.from
      ? `from ${longDate(o.from)} (${PRECISION_WORDS[String(o.fromPrecision)] ?? 'precision not given'}; ${source(startChange?.letter, startChange?.note)})`
      : 'start not given by the sources';
    const untilText = o.until
      ? `until ${longDate(o.until)} (${PRECISION_WORDS[String(o.untilPrecision)] ?? 'precision not given'}; ${source(endChange?.letter, endChange?.note)})`
      : 'end not given by the sources';
    const title = `${label.get(o.office)}: ${fromText}; ${untilText}; office derived from ${source(o.letter, o.note)}`;
    // where the tenure is certainly held: from the latest possible start to the earliest possible end
    const anchors = c.changes
      .filter((x) => x.change === o.startEvent || x.change === o.endEvent || (x.post === o.post && !ENDS.has(x.type)))
      .flatMap((x) => [x.earliest, x.latest])
      .filter((d): d is string => Boolean(d))
      .map(ms);
    let solidFrom: number | undefined;
    let solidTo: number | undefined;
    // the window in which a bound falls: its change's earliest–latest interval, else the day, month or year it names
    const window = (date: string, precision: number | undefined, change: Change | undefined): [number, number] =>
      change?.earliest && change.latest
        ? [ms(change.earliest), ms(change.latest)]
        : [startOfPeriod(date, precision), endOfPeriod(date, precision)];
    if (o.from) {
      const [a, b] = window(o.from, o.fromPrecision, startChange);
      if (b > a) pieces.push({ row: o.office, start: a, end: b, kind: 'fade-in', title });
      solidFrom = b;
    }
    if (o.until) {
      const [a, b] = window(o.until, o.untilPrecision, endChange);
      if (b > a) pieces.push({ row: o.office, start: a, end: b, kind: 'fade-out', title });
      solidTo = a;
    }
    if (solidFrom === undefined) {
      const first = solidTo ?? (anchors.length ? Math.min(...anchors) : domain[1]);
      pieces.push({ row: o.office, start: domain[0], end: first, kind: 'fade-in', title });
      solidFrom = first;
    }
    if (solidTo === undefined) {
      const last = Math.max(solidFrom, ...anchors);
      pieces.push({ row: o.office, start: last, end: domain[1], kind: 'fade-out', title });
      solidTo = last;
    }
    if (solidTo > solidFrom) pieces.push({ row: o.office, start: solidFrom, end: solidTo, kind: 'solid', title });
  }

  // rows are drawn by label (unique: a repeated label gets a number) in the order given by `order`
  const rowLabel = new Map<string, string>();
  const used = new Set<string>();
  for (const r of rows) {
    let l = r.label;
    for (let i = 2; used.has(l); i++) l = `${r.label} (${i})`;
    used.add(l);
    rowLabel.set(r.key, l);
  }
  const order = new Map(rows.map((r) => [r.key, r.order]));
  const place = (key: string): { row: string; order: number } => ({ row: rowLabel.get(key)!, order: order.get(key)! });
  const markData = marks
    .filter(({ x }) => x.earliest)
    .map(({ x, row }) => ({
      ...place(row),
      change: x.change,
      effect: effect(x.type),
      start: ms(x.earliest!),
      end: ms(x.latest ?? x.earliest!),
      day: x.precision === 11 || x.earliest === x.latest || !x.latest,
      title: changeTitle(x),
    }));
  const undated = c.changes.filter((x) => !x.earliest);
  const data: Record<string, unknown[]> = {
    solid: pieces.filter((p) => p.kind === 'solid'),
    fadeIn: pieces.filter((p) => p.kind === 'fade-in'),
    fadeOut: pieces.filter((p) => p.kind === 'fade-out'),
    intervals: markData.filter((m) => !m.day),
    days: markData.filter((m) => m.day),
  };
  for (const k of ['solid', 'fadeIn', 'fadeOut'])
    data[k] = (data[k] as typeof pieces).map(({ row, ...rest }) => ({ ...place(row), ...rest }));
  const title = `Career of ${c.label}: offices held and changes of office`;
  const spec = timelineSpec({ figureTitle: title, xmin: domain[0], xmax: domain[1] }, data);
  const officesText = c.offices.length
    ? c.offices
        .map(
          (o) =>
            `${o.postLabel} ${o.from ? `from ${longDate(o.from)}` : '(start not given)'} ${o.until ? `until ${longDate(o.until)}` : '(end not given)'}`,
        )
        .join('; ')
    : 'no office held with a start or end';
  const description =
    `Timeline of ${c.label}'s career as the editors' notes record it. ${plural(c.offices.length, 'office')} held: ${officesText}. ` +
    `${plural(c.changes.length, 'change')} of office: ${c.changes.map(changeTitle).join(' | ')}.` +
    (undated.length ? ` ${plural(undated.length, 'change')} without a date (not drawn).` : '');
  return {
    name: `timeline/${c.id}`,
    title,
    description,
    spec,
    template: {
      key: 'timeline',
      spec: timelineSpec({ figureTitle: '', xmin: 0, xmax: 1 }),
      params: { figureTitle: title, xmin: domain[0], xmax: domain[1] },
      data,
    },
  };
}

/** Every timeline has the same spec but for its data and three parameters (title, time domain): the renderer
 * compiles it once and only swaps these (see render.ts); `values` absent gives that shared template. */
export function timelineSpec(
  params: Record<string, unknown>,
  data?: Record<string, unknown[]>,
): Record<string, unknown> {
  const y = {
    field: 'row',
    type: 'nominal',
    title: null,
    sort: { field: 'order', op: 'min' },
    axis: { labelLimit: 520 },
  };
  const x = { field: 'start', type: 'temporal' };
  // the scale and axis are declared once, on the first layer (the layers share them); its domain is a parameter
  const xFirst = {
    ...x,
    scale: { type: 'utc', domainMin: { expr: 'xmin' }, domainMax: { expr: 'xmax' }, nice: false },
    axis: monthAxis('Date (month ticks, UTC calendar)'),
  };
  const tip = { tooltip: { field: 'title' }, description: { field: 'title' } };
  const source = (name: string): Record<string, unknown> => (data ? { name, values: data[name] ?? [] } : { name });
  const clear = 'rgba(127,167,207,0)';
  const gradient = (from: string, to: string): Record<string, unknown> => ({
    gradient: 'linear',
    x1: 0,
    x2: 1,
    y1: 0,
    y2: 0,
    stops: [
      { offset: 0, color: from },
      { offset: 1, color: to },
    ],
  });
  const bars = (name: string, fill: unknown, first = false): Record<string, unknown> => ({
    data: source(name),
    mark: { type: 'bar', height: { band: 0.55 }, fill, name: `office-${name}` },
    encoding: { y, x: first ? xFirst : x, x2: { field: 'end' }, ...tip },
  });
  const shape = {
    field: 'effect',
    type: 'nominal',
    scale: { domain: [...EFFECTS], range: ['triangle-right', 'triangle-left', 'diamond'] },
    title: 'Change of office',
  };
  return nameMarks({
    $schema: VEGA_LITE_SCHEMA,
    params: Object.entries(params).map(([name, value]) => ({ name, value })),
    title: {
      text: { expr: 'figureTitle' },
      subtitle: [
        'One row per post. Bars: offices held; a faded end is one the sources do not give (or give only to the month or year).',
        'Dots: changes dated to the day; lines: the interval of a change dated less precisely.',
      ],
    },
    width: 640,
    height: { step: 28 },
    config: CONFIG,
    layer: [
      bars('solid', BAR, true),
      bars('fadeIn', gradient(clear, BAR)),
      bars('fadeOut', gradient(BAR, clear)),
      {
        data: source('intervals'),
        mark: { type: 'rule', strokeWidth: 4, strokeCap: 'butt', opacity: 0.8, name: 'change-interval' },
        encoding: { y, x, x2: { field: 'end' }, color: colour(), ...tip },
      },
      {
        data: source('days'),
        mark: {
          type: 'point',
          filled: true,
          size: 90,
          opacity: 1,
          stroke: 'white',
          strokeWidth: 1,
          name: 'change-day',
        },
        encoding: { y, x, color: colour(), shape, ...tip },
      },
    ],
  });
}

function colour(): Record<string, unknown> {
  return {
    field: 'effect',
    type: 'nominal',
    title: 'Change of office',
    scale: { domain: [...EFFECTS], range: EFFECT_COLOURS },
  };
}
