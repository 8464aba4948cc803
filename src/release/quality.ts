// The quality report of a release (quality-report.json, with an HTML view): the SHACL report of the graph the build
// validated (conforms, every result), per node shape how many focus nodes it checked and how many results it gave,
// and the share of qualified facts by basis (sl:stated / sl:implied / sl:inferred). A basis qualifies one fact: the
// properties whose range is sl:Basis in the ontology (sl:bodyBasis, sl:dateBasis, sl:endBasis, …) each say how one
// value of their subject is known; a value without one counts nowhere (sl:dateBasis absent means stated, and is not
// counted as stated here: the report counts what the data say, not what a reader may assume).

import { readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import N3 from 'n3';
import { escapeXml } from '../figures/render.js';
import { NS } from '../rdf/vocab.js';
import type { Violation } from '../validate/index.js';

export const QUALITY_JSON = 'quality-report.json';
export const QUALITY_HTML = 'quality-report.html';

const SH = 'http://www.w3.org/ns/shacl#';
const RDF_TYPE = `${NS.rdf}type`;
const RDFS_RANGE = 'http://www.w3.org/2000/01/rdf-schema#range';
const SL = NS.sl;
export const BASES = ['stated', 'implied', 'inferred'] as const;
type Basis = (typeof BASES)[number];

export interface ShapeCount {
  shape: string;
  /** Distinct focus nodes the shape's targets select in the graph. */
  focusNodes: number;
  violations: number;
  warnings: number;
  infos: number;
}

export interface QualityReport {
  version: string;
  date: string;
  shacl: {
    shapes: string;
    graph: string;
    triples: number;
    conforms: boolean;
    results: Violation[];
    perShape: ShapeCount[];
  };
  bases: {
    note: string;
    total: number;
    counts: Record<Basis, number>;
    /** counts / total, to four decimals. */
    share: Record<Basis, number>;
    perProperty: { property: string; counts: Record<Basis, number> }[];
  };
}

const objects = (store: N3.Store, s: N3.Term | null, p: string): N3.Term[] =>
  store.getQuads(s, N3.DataFactory.namedNode(p), null, null).map((q) => q.object);

/** Per node shape of `shapesTtl`: its focus nodes in `graph` (SHACL targets: class, node, subjects-of, objects-of;
 * instances of subclasses through rdfs:subClassOf in the data graph, as SHACL says) and its results. */
export function shapeCounts(shapesTtl: string, graph: readonly Quad[], results: readonly Violation[]): ShapeCount[] {
  const shapes = new N3.Store(new N3.Parser().parse(shapesTtl));
  const data = new N3.Store(graph as Quad[] as N3.Quad[]);
  // property shape → node shape, to charge a result to the node shape whose property failed
  const owner = new Map<string, string>();
  for (const q of shapes.getQuads(null, `${SH}property`, null, null)) owner.set(q.object.value, q.subject.value);
  const subclasses = (c: string): string[] => {
    const out = new Set([c]);
    for (const x of out)
      for (const q of data.getQuads(null, 'http://www.w3.org/2000/01/rdf-schema#subClassOf', x, null))
        out.add(q.subject.value);
    return [...out];
  };
  const counts: ShapeCount[] = [];
  for (const q of shapes.getQuads(null, RDF_TYPE, `${SH}NodeShape`, null)) {
    const s = q.subject;
    const focus = new Set<string>();
    for (const c of objects(shapes, s, `${SH}targetClass`))
      for (const sub of subclasses(c.value))
        for (const t of data.getQuads(null, RDF_TYPE, sub, null)) focus.add(t.subject.id);
    for (const n of objects(shapes, s, `${SH}targetNode`)) if (data.countQuads(n, null, null, null)) focus.add(n.id);
    for (const p of objects(shapes, s, `${SH}targetSubjectsOf`))
      for (const t of data.getQuads(null, p, null, null)) focus.add(t.subject.id);
    for (const p of objects(shapes, s, `${SH}targetObjectsOf`))
      for (const t of data.getQuads(null, p, null, null)) focus.add(t.object.id);
    const mine = results.filter((r) => r.shape === s.value || owner.get(r.shape) === s.value);
    counts.push({
      shape: s.value,
      focusNodes: focus.size,
      violations: mine.filter((r) => r.severity === 'Violation').length,
      warnings: mine.filter((r) => r.severity === 'Warning').length,
      infos: mine.filter((r) => r.severity === 'Info').length,
    });
  }
  return counts.sort((a, b) => (a.shape < b.shape ? -1 : a.shape > b.shape ? 1 : 0));
}

/** The properties whose range is sl:Basis, from the ontology's Turtle. */
export function basisProperties(ontologyTtl: string): string[] {
  const store = new N3.Store(new N3.Parser().parse(ontologyTtl));
  return store
    .getQuads(null, RDFS_RANGE, `${SL}Basis`, null)
    .map((q) => q.subject.value)
    .sort();
}

export function basisCounts(graph: readonly Quad[], properties: readonly string[]): QualityReport['bases'] {
  const zero = (): Record<Basis, number> => ({ stated: 0, implied: 0, inferred: 0 });
  const per = new Map(properties.map((p) => [p, zero()]));
  const counts = zero();
  for (const q of graph) {
    const c = per.get(q.predicate.value);
    if (!c) continue;
    const basis = q.object.value.slice(SL.length) as Basis;
    if (!q.object.value.startsWith(SL) || !BASES.includes(basis))
      throw new Error(`${q.predicate.value} of ${q.subject.value} is ${q.object.value}, not a basis`);
    c[basis]++;
    counts[basis]++;
  }
  const total = counts.stated + counts.implied + counts.inferred;
  const share = (n: number): number => (total ? Math.round((n / total) * 10000) / 10000 : 0);
  return {
    note:
      'One count per statement of a basis property (rdfs:range sl:Basis): how one value of its subject is known. ' +
      'A value without a basis statement is not counted (sl:dateBasis absent means the date is stated).',
    total,
    counts,
    share: { stated: share(counts.stated), implied: share(counts.implied), inferred: share(counts.inferred) },
    perProperty: properties.map((property) => ({ property, counts: per.get(property)! })),
  };
}

export interface QualityInput {
  version: string;
  date: string;
  shapesFile: string;
  /** The shapes file as it is named in the report (not a machine path). */
  shapesName: string;
  ontologyFile: string;
  /** The whole graph the build validated. */
  graph: readonly Quad[];
  /** The graph published in the release (for the bases). */
  published: readonly Quad[];
  results: readonly Violation[];
}

export function qualityReport(i: QualityInput): QualityReport {
  return {
    version: i.version,
    date: i.date,
    shacl: {
      shapes: i.shapesName,
      graph:
        'the whole graph the build validated, before the open profile leaves out the texts (whose shapes would otherwise fail)',
      triples: i.graph.length,
      conforms: i.results.length === 0,
      results: [...i.results],
      perShape: shapeCounts(readFileSync(i.shapesFile, 'utf8'), i.graph, i.results),
    },
    bases: basisCounts(i.published, basisProperties(readFileSync(i.ontologyFile, 'utf8'))),
  };
}

export const qualityJson = (r: QualityReport): string => `${JSON.stringify(r, null, 2)}\n`;

const local = (iri: string): string => iri.replace(/^.*[#/]/, '');

export function qualityHtml(r: QualityReport): string {
  const e = escapeXml;
  const pct = (n: number): string => `${(n * 100).toFixed(1)} %`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Quality report — release ${e(r.version)}</title>
<link rel="alternate" type="application/json" href="${QUALITY_JSON}">
</head>
<body>
<h1>Quality report — release ${e(r.version)} (${e(r.date)})</h1>
<p>Machine-readable: <a href="${QUALITY_JSON}">${QUALITY_JSON}</a>.</p>
<h2>SHACL</h2>
<p>Shapes <code>${e(r.shacl.shapes)}</code> over ${e(r.shacl.graph)} (${r.shacl.triples} triples):
<strong>${r.shacl.conforms ? 'conforms' : 'does not conform'}</strong>, ${r.shacl.results.length} results.</p>
${
  r.shacl.results.length
    ? `<table>\n<thead><tr><th scope="col">severity</th><th scope="col">shape</th><th scope="col">focus node</th><th scope="col">message</th></tr></thead>\n<tbody>\n${r.shacl.results.map((v) => `<tr><td>${e(v.severity)}</td><td>${e(local(v.shape))}</td><td>${e(v.focusNode)}</td><td>${e(v.message)}</td></tr>`).join('\n')}\n</tbody>\n</table>`
    : ''
}
<table>
<caption>Per node shape: focus nodes checked and results</caption>
<thead><tr><th scope="col">shape</th><th scope="col">focus nodes</th><th scope="col">violations</th><th scope="col">warnings</th><th scope="col">infos</th></tr></thead>
<tbody>
${r.shacl.perShape.map((s) => `<tr><td>${e(local(s.shape))}</td><td>${s.focusNodes}</td><td>${s.violations}</td><td>${s.warnings}</td><td>${s.infos}</td></tr>`).join('\n')}
</tbody>
</table>
<h2>Bases of the qualified facts</h2>
<p>${e(r.bases.note)}</p>
<table>
<thead><tr><th scope="col">property</th>${BASES.map((b) => `<th scope="col">${b}</th>`).join('')}</tr></thead>
<tbody>
${r.bases.perProperty.map((p) => `<tr><td>${e(local(p.property))}</td>${BASES.map((b) => `<td>${p.counts[b]}</td>`).join('')}</tr>`).join('\n')}
<tr><th scope="row">all (${r.bases.total})</th>${BASES.map((b) => `<td>${r.bases.counts[b]} (${pct(r.bases.share[b])})</td>`).join('')}</tr>
</tbody>
</table>
</body>
</html>
`;
}
