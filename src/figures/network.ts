// Who is named with whom: persons as circles sized by their mentions, lines weighted by the number of texts (a
// letter's own text, or one note) that name both (the saved query `co-mentions`, its default minimum; mentions
// summed from `persons-per-letter`). The layout is ForceAtlas2 (graphology) from a fixed start — the nodes on a
// circle in id order, a fixed number of iterations, no randomness — so the same data gives the same picture;
// then the boxes of the circles and their labels are pushed apart until none overlaps (checked by the tests).

import { createRequire } from 'node:module';
import { UndirectedGraph } from 'graphology';
import type { ForceAtlas2SynchronousLayoutParameters } from 'graphology-layout-forceatlas2';
import { CONFIG, lastSegment, plural, source, VEGA_LITE_SCHEMA, nameMarks, type Figure } from './common.js';
import type { FigureRow } from './source.js';

// a CommonJS module whose typings declare a default export: loaded with require, typed by its declarations
const forceAtlas2 = createRequire(import.meta.url)('graphology-layout-forceatlas2') as (
  graph: UndirectedGraph,
  params: ForceAtlas2SynchronousLayoutParameters,
) => Record<string, { x: number; y: number }>;

export const WIDTH = 760;
export const HEIGHT = 560;
const MARGIN = 16;
const FONT_SIZE = 11;
/** Largest circle area (px²): the size scale is linear from 0 mentions, so area is proportional to mentions. */
const MAX_AREA = 1400;
const MAX_STROKE = 8;
const LABEL_GAP = 3;

export interface Node {
  id: string;
  label: string;
  mentions: number;
  x: number;
  y: number;
  r: number;
}

export interface Edge {
  a: string;
  b: string;
  texts: number;
  sources: string[];
}

export interface Network {
  nodes: Node[];
  edges: Edge[];
  min?: string;
}

/** A label's estimated width: generous for a sans-serif font, so the drawn text fits inside the box. */
export const labelWidth = (label: string): number => Math.ceil(label.length * FONT_SIZE * 0.62);

/** The box a node and its label occupy (label to the right of the circle). */
export function box(n: Node): { x0: number; x1: number; y0: number; y1: number } {
  const h = Math.max(n.r, FONT_SIZE * 0.7);
  return { x0: n.x - n.r, x1: n.x + n.r + LABEL_GAP + labelWidth(n.label), y0: n.y - h, y1: n.y + h };
}

export function overlaps(a: Node, b: Node, pad = 0): boolean {
  const p = box(a);
  const q = box(b);
  return p.x0 < q.x1 + pad && q.x0 < p.x1 + pad && p.y0 < q.y1 + pad && q.y0 < p.y1 + pad;
}

export function network(pairRows: FigureRow[], mentionRows: FigureRow[]): Network {
  const mentions = new Map<string, number>();
  for (const r of mentionRows) mentions.set(r.person!, (mentions.get(r.person!) ?? 0) + Number(r.mentions ?? 0));
  const labels = new Map<string, string>();
  const edges = new Map<string, Edge>();
  for (const r of pairRows) {
    labels.set(r.person1!, r.label1 ?? lastSegment(r.person1!));
    labels.set(r.person2!, r.label2 ?? lastSegment(r.person2!));
    const key = `${r.person1}\u0000${r.person2}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { a: r.person1!, b: r.person2!, texts: Number(r.texts), sources: [] }));
    const s = source(r.letter, r.note);
    if (!e.sources.includes(s)) e.sources.push(s);
  }
  const ids = [...labels.keys()].sort();
  const maxMentions = Math.max(1, ...ids.map((id) => mentions.get(id) ?? 0));
  const graph = new UndirectedGraph();
  ids.forEach((id, i) => {
    const angle = (2 * Math.PI * i) / ids.length;
    graph.addNode(id, {
      x: 100 * Math.cos(angle),
      y: 100 * Math.sin(angle),
      size: 1 + ((mentions.get(id) ?? 0) / maxMentions) * 10,
    });
  });
  for (const e of [...edges.values()].sort((p, q) => p.a.localeCompare(q.a) || p.b.localeCompare(q.b)))
    graph.addEdge(e.a, e.b, { weight: e.texts });
  const positions = forceAtlas2(graph, {
    iterations: 400,
    getEdgeWeight: 'weight',
    settings: {
      gravity: 1,
      scalingRatio: 20,
      strongGravityMode: true,
      barnesHutOptimize: false,
      adjustSizes: false,
      slowDown: 2,
      linLogMode: false,
    },
  });
  const nodes: Node[] = ids.map((id) => {
    const m = mentions.get(id) ?? 0;
    return {
      id,
      label: labels.get(id)!,
      mentions: m,
      x: positions[id]!.x,
      y: positions[id]!.y,
      r: Math.sqrt(((m / maxMentions) * MAX_AREA) / Math.PI),
    };
  });
  fit(nodes);
  separate(nodes);
  for (const n of nodes) {
    n.x = Math.round(n.x * 10) / 10;
    n.y = Math.round(n.y * 10) / 10;
  }
  return { nodes, edges: [...edges.values()] };
}

/** Scales the layout into the drawing area (label boxes included), keeping its aspect ratio. */
function fit(nodes: Node[]): void {
  if (!nodes.length) return;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const widest = Math.max(...nodes.map((n) => n.r + LABEL_GAP + labelWidth(n.label)));
  const tallest = Math.max(...nodes.map((n) => n.r), FONT_SIZE);
  const sx = (WIDTH - 2 * MARGIN - widest - tallest) / Math.max(x1 - x0, 1e-9);
  const sy = (HEIGHT - 2 * MARGIN - 2 * tallest) / Math.max(y1 - y0, 1e-9);
  const s = Math.min(sx, sy);
  for (const n of nodes) {
    n.x = MARGIN + tallest + (n.x - x0) * s;
    n.y = MARGIN + tallest + (n.y - y0) * s;
  }
}

/** Pushes overlapping node-and-label boxes apart along the axis where they overlap least, in a fixed order. */
function separate(nodes: Node[]): void {
  const PAD = 2;
  for (let pass = 0; pass < 2000; pass++) {
    let moved = false;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i]!;
        const b = nodes[j]!;
        if (!overlaps(a, b, PAD)) continue;
        const p = box(a);
        const q = box(b);
        const dx = Math.min(p.x1 - q.x0, q.x1 - p.x0) + PAD;
        const dy = Math.min(p.y1 - q.y0, q.y1 - p.y0) + PAD;
        // vertical moves first: labels are wide and flat, so stacking them costs the layout least
        if (dy <= dx * 2) {
          const sign = a.y <= b.y ? -1 : 1;
          a.y += (sign * dy) / 2;
          b.y -= (sign * dy) / 2;
        } else {
          const sign = a.x <= b.x ? -1 : 1;
          a.x += (sign * dx) / 2;
          b.x -= (sign * dx) / 2;
        }
        moved = true;
      }
    }
    for (const n of nodes) clamp(n);
    if (!moved) return;
  }
}

function clamp(n: Node): void {
  const b = box(n);
  if (b.x0 < MARGIN) n.x += MARGIN - b.x0;
  if (b.x1 > WIDTH - MARGIN) n.x -= b.x1 - (WIDTH - MARGIN);
  if (b.y0 < MARGIN) n.y += MARGIN - b.y0;
  if (b.y1 > HEIGHT - MARGIN) n.y -= b.y1 - (HEIGHT - MARGIN);
}

export function networkFigure(net: Network): Figure {
  const at = new Map(net.nodes.map((n) => [n.id, n]));
  const maxMentions = Math.max(1, ...net.nodes.map((n) => n.mentions));
  const maxTexts = Math.max(1, ...net.edges.map((e) => e.texts));
  const edgeData = net.edges
    .map((e) => ({
      x: at.get(e.a)!.x,
      y: at.get(e.a)!.y,
      x2: at.get(e.b)!.x,
      y2: at.get(e.b)!.y,
      texts: e.texts,
      title: `${at.get(e.a)!.label} and ${at.get(e.b)!.label}: named together in ${plural(e.texts, 'text')} (${e.sources.join('; ')})`,
    }))
    .sort((p, q) => p.texts - q.texts || p.title.localeCompare(q.title));
  const nodeData = net.nodes.map((n) => ({
    x: n.x,
    y: n.y,
    mentions: n.mentions,
    label: n.label,
    lx: n.x + n.r + LABEL_GAP,
    title: `${n.label}: ${plural(n.mentions, 'mention')} in the letters and notes`,
  }));
  // the legend shows only counts that occur (at least the query's threshold), not the scale's round ticks (0, 2, …)
  const counts = [...new Set(net.edges.map((e) => e.texts))].sort((p, q) => p - q);
  const legendValues =
    counts.length <= 4
      ? counts
      : [...new Set([0, 1 / 3, 2 / 3, 1].map((f) => counts[Math.round(f * (counts.length - 1))]!))];
  const px = (field: string, domain: [number, number]): Record<string, unknown> => ({
    field,
    type: 'quantitative',
    scale: { domain, nice: false, zero: false },
    axis: null,
  });
  const title = 'Who is named with whom';
  const strongest = [...net.edges]
    .sort((p, q) => q.texts - p.texts || p.a.localeCompare(q.a))
    .slice(0, 5)
    .map((e) => `${at.get(e.a)!.label} and ${at.get(e.b)!.label} (${e.texts})`);
  return {
    name: 'co-mentions',
    title,
    description:
      `Network of ${plural(net.nodes.length, 'person')} named together with another in at least 3 texts (a letter's own text or one of its notes); ` +
      `${plural(net.edges.length, 'pair')}. Circle area is proportional to a person's mentions; line width to the number of texts naming both. ` +
      `Persons: ${[...net.nodes]
        .sort((p, q) => q.mentions - p.mentions || p.label.localeCompare(q.label))
        .map((n) => `${n.label} (${n.mentions})`)
        .join(', ')}. ` +
      `Strongest pairs: ${strongest.join(', ')}.`,
    spec: nameMarks({
      $schema: VEGA_LITE_SCHEMA,
      title: {
        text: title,
        subtitle: [
          'Persons named together in at least 3 texts (a letter, or one of its notes). Circle area: mentions; line width: texts naming both.',
        ],
      },
      description: title,
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      layer: [
        {
          data: { values: edgeData },
          mark: { type: 'rule', color: '#8aa4c0', opacity: 0.7, name: 'co-mention' },
          encoding: {
            x: px('x', [0, WIDTH]),
            y: { ...px('y', [0, HEIGHT]), scale: { domain: [0, HEIGHT], nice: false, zero: false, reverse: true } },
            x2: { field: 'x2' },
            y2: { field: 'y2' },
            strokeWidth: {
              field: 'texts',
              type: 'quantitative',
              title: 'Texts naming both (count)',
              scale: { domain: [0, maxTexts], range: [0, MAX_STROKE] },
              legend: { values: legendValues },
            },
            tooltip: { field: 'title' },
            description: { field: 'title' },
          },
        },
        {
          data: { values: nodeData },
          layer: [
            {
              mark: {
                type: 'circle',
                color: '#1a4f80',
                opacity: 0.85,
                stroke: 'white',
                strokeWidth: 1,
                name: 'person',
              },
              encoding: {
                x: px('x', [0, WIDTH]),
                y: { ...px('y', [0, HEIGHT]), scale: { domain: [0, HEIGHT], nice: false, zero: false, reverse: true } },
                size: {
                  field: 'mentions',
                  type: 'quantitative',
                  title: 'Mentions (count)',
                  scale: { type: 'linear', domain: [0, maxMentions], range: [0, MAX_AREA], zero: true },
                },
                tooltip: { field: 'title' },
                description: { field: 'title' },
              },
            },
            {
              mark: {
                type: 'text',
                align: 'left',
                baseline: 'middle',
                fontSize: FONT_SIZE,
                color: '#111',
                name: 'person-label',
                aria: false,
              },
              encoding: {
                x: px('lx', [0, WIDTH]),
                y: { ...px('y', [0, HEIGHT]), scale: { domain: [0, HEIGHT], nice: false, zero: false, reverse: true } },
                text: { field: 'label' },
              },
            },
          ],
        },
      ],
      resolve: { scale: { x: 'shared', y: 'shared' } },
    }),
  };
}
