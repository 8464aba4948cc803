// SHACL validation of the published graph against ontology/shapes.ttl, with typed results. The engine is
// shacl-engine (see docs/quality.md for why); the shapes use SHACL Core only, so any engine can run them; results are read from the standard
// W3C validation report graph, so any engine's report can be compared with ours (test/validate/shacl.test.ts does).

import { readFileSync } from 'node:fs';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Parser } from 'n3';
import type { Validator } from 'shacl-engine';
import { QuadIndex } from './quad-index.js';
import { PASS, Precheck, type RootShape } from './precheck.js';
import { SH, shapeDepth } from './depth.js';
import { rdf } from '../rdf/graph.js';
import { NS } from '../rdf/vocab.js';

export { SH };
export const SHAPES_NS = 'https://w3id.org/stalin-letters/shapes#';

export type Severity = 'Violation' | 'Warning' | 'Info';

/** One sh:ValidationResult, as plain values. */
export interface Violation {
  /** IRI of the shape that failed (sh:sourceShape), e.g. `https://w3id.org/stalin-letters/shapes#Letter-number`. */
  shape: string;
  /** IRI of the constraint component (sh:sourceConstraintComponent), e.g. `…shacl#MaxCountConstraintComponent`. */
  component: string;
  /** The node that violates the shape (IRI, or `_:b0` for a blank node). */
  focusNode: string;
  /** The property (sh:resultPath), when the shape is a property shape with a simple path. */
  path?: string;
  /** The offending value, as N-Triples-like text. */
  value?: string;
  message: string;
  severity: Severity;
}

/** Reads a Turtle file of shapes into a (read-only) dataset; a syntax error names the file and line. */
export function loadShapes(file: string): DatasetCore {
  const text = readFileSync(file, 'utf8');
  return new QuadIndex(new Parser({ baseIRI: `file://${file}` }).parse(text)) as unknown as DatasetCore;
}

const termText = (t: Term): string =>
  t.termType === 'Literal'
    ? JSON.stringify(t.value) +
      (t.language ? `@${t.language}` : t.datatype.value === `${NS.xsd}string` ? '' : `^^<${t.datatype.value}>`)
    : t.termType === 'BlankNode'
      ? `_:${t.value}`
      : t.value;

/** The results of a W3C SHACL validation report graph (any engine's), sorted for stable output. */
export function violationsOf(report: DatasetCore): Violation[] {
  const one = (s: Term, p: string): Term | undefined => {
    for (const q of report.match(s, rdf.namedNode(p))) return q.object;
    return undefined;
  };
  const out: Violation[] = [];
  for (const q of report.match(null, rdf.namedNode(`${NS.rdf}type`), rdf.namedNode(`${SH}ValidationResult`))) {
    const r = q.subject;
    const shape = one(r, `${SH}sourceShape`);
    const path = one(r, `${SH}resultPath`);
    const value = one(r, `${SH}value`);
    const messages = [...report.match(r, rdf.namedNode(`${SH}resultMessage`))].map((m) => m.object);
    const message =
      (messages.find((m) => m.termType === 'Literal' && (m.language === 'en' || m.language === '')) ?? messages[0])
        ?.value ?? '';
    out.push({
      shape: shape ? termText(shape) : '',
      component: one(r, `${SH}sourceConstraintComponent`)?.value ?? '',
      focusNode: termText(one(r, `${SH}focusNode`)!),
      ...(path?.termType === 'NamedNode' ? { path: path.value } : {}),
      ...(value ? { value: termText(value) } : {}),
      message,
      severity: (one(r, `${SH}resultSeverity`)?.value.slice(SH.length) ?? 'Violation') as Severity,
    });
  }
  return sortViolations(out);
}

const violationKey = (v: Violation): string =>
  [v.focusNode, v.shape, v.component, v.value ?? '', v.path ?? '', v.severity, v.message].join('\u0000');

/** Results in one total order (focus node, shape, component, value, then the rest), whichever run found them. */
export function sortViolations(vs: Violation[]): Violation[] {
  const keyed = vs.map((v) => ({ v, k: violationKey(v) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.v);
}

/** Validates quads against shapes; one instance per shapes graph (compiling the shapes is the costly part). */
export class ShaclValidator {
  private engine?: Promise<Validator>;
  private readonly shapes: DatasetCore;
  /** How far from a focus node the shapes read (validate/incremental.ts); undefined: not bounded that way. */
  readonly depth: number | undefined;
  constructor(shapes: DatasetCore) {
    this.shapes = shapes;
    this.depth = shapeDepth(shapes);
    this.precheck = new Precheck(shapes);
  }

  private readonly precheck: Precheck;

  /** shacl-engine, loaded and given the shapes when a node first needs it: not at all when the precheck proves
   * every node conforming. */
  private validator(): Promise<Validator> {
    this.engine ??= import('shacl-engine').then(({ Validator }) => new Validator(this.shapes, { factory: rdf }));
    return this.engine;
  }

  /**
   * The results of the focus nodes in `focus` only (IRIs), with `quads` holding at least their neighbourhood
   * (validate/incremental.ts): each shape is applied to the nodes it targets, and nothing else is validated.
   */
  async validateFocus(quads: Iterable<Quad>, focus: ReadonlySet<string>): Promise<Violation[]> {
    const data = new QuadIndex(quads);
    const nodes = [...focus].sort().map((iri) => rdf.namedNode(iri));
    return this.run(
      data,
      this.precheck.roots.map((root) => ({
        root,
        nodes: nodes.filter((n) => {
          const hit = root.targets1(n, data);
          // shapeDepth declines the shapes whose targets cannot be listed, so the incremental run never asks
          if (hit === undefined)
            throw new Error(`validateFocus: the targets of ${termText(root.shape)} cannot be listed`);
          return hit;
        }),
      })),
    );
  }

  /**
   * Each root shape applied by the engine to those of its focus nodes (all its targets when `nodes` is undefined)
   * that the precheck cannot prove conforming.
   */
  private async run(data: QuadIndex, work: { root: RootShape; nodes: Term[] | undefined }[]): Promise<Violation[]> {
    const out: Violation[] = [];
    for (const { root, nodes } of work) {
      const suspects = nodes?.filter((n) => root.check(n, data) !== PASS);
      if (suspects && !suspects.length) continue;
      const report = await (await this.validator()).validate(
        { dataset: data as unknown as DatasetCore, ...(suspects ? { terms: suspects } : {}) },
        [{ terms: [root.shape] }],
      );
      if (!report.conforms) out.push(...violationsOf(report.dataset));
    }
    return sortViolations(out);
  }

  static fromFile(file: string): ShaclValidator {
    return new ShaclValidator(loadShapes(file));
  }

  /** Every result of the shapes on `quads`: the engine's, on the nodes the precheck does not prove conforming. */
  async validate(quads: Iterable<Quad>): Promise<Violation[]> {
    // the engine only reads the data graph (match, size): a read-only index is the fastest to build and to ask
    const data = new QuadIndex(quads);
    return this.run(
      data,
      this.precheck.roots.map((root) => ({ root, nodes: root.targets(data) })),
    );
  }

  /** The engine alone on every target, as one run (the reference the precheck is tested against). */
  async validateWithEngineOnly(quads: Iterable<Quad>): Promise<Violation[]> {
    const report = await (await this.validator()).validate({ dataset: new QuadIndex(quads) as unknown as DatasetCore });
    return report.conforms ? [] : violationsOf(report.dataset);
  }
}

/** `https://w3id.org/stalin-letters/shapes#Letter-number` → `shape:Letter-number`. */
export const shapeName = (iri: string): string =>
  iri.startsWith(SHAPES_NS) ? `shape:${iri.slice(SHAPES_NS.length)}` : iri;
