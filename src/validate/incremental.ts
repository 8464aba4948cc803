// SHACL over what changed: a curator's edit touches a few records, so a build checks again only the focus nodes
// whose result can have changed, and takes the others' results from the previous run.
//
// Why it is exact. A focus node's result depends only on the triples of the nodes within `depth` steps of it along
// forward links (its own triples at 0; sh:class reads the type of a value, one step on; a sequence path or a shape
// nested on a value goes further). `shapeDepth` reads that bound off the shapes, and declines (a full run) when a
// shape reaches anything else: inverse or transitive paths, sh:targetObjectsOf, SPARQL-based targets or
// constraints. So a focus node none of whose nodes within `depth` changed has its old result. The others, found
// by walking links backwards from the changed nodes, are validated against the triples within `depth` of them
// (with any rdfs:subClassOf triples, which class targets and sh:class read), and only their own results are kept.
// test/validate/incremental.test.ts compares this with the full run after many random edits, on every fixture.
//
// The state (one file per corpus, outside the output, like the figure cache): a key over the shapes' text and the
// code (this module, the engine's version), a digest of each node's triples, and the results. A missing, foreign
// or unreadable state means a full run; the results never depend on it.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { codeFingerprint } from '../core/fingerprint.js';
import { writeFileAtomically } from '../core/fs/atomic.js';
import { NS } from '../rdf/vocab.js';
import { sortViolations, type Violation } from './shacl.js';
import { termKey } from './quad-index.js';

const FORMAT = 1;
/** States kept at most (one per corpus); the least recently used go first. */
export const MAX_STATES = 16;
/** Above this share of changed focus nodes a full run is as quick (and simpler to trust). */
const MAX_SHARE = 0.5;

const RDFS_SUBCLASS = `${NS.rdfs}subClassOf`;
export interface ShaclState {
  format: number;
  key: string;
  /** Node → digest of its triples. */
  nodes: Record<string, string>;
  violations: Violation[];
}

/** What a run with a state did: `full` (no usable state), `reused` (nothing changed) or `partial`. */
export interface IncrementalRun {
  violations: Violation[];
  mode: 'full' | 'reused' | 'partial';
  /** Focus nodes checked again (partial runs). */
  checked?: number;
}

/** The validator the incremental run needs: its depth bound and a run over some quads. */
export interface DepthValidator {
  readonly depth: number | undefined;
  validate(quads: Iterable<Quad>): Promise<Violation[]>;
  validateFocus(quads: Iterable<Quad>, focus: ReadonlySet<string>): Promise<Violation[]>;
}

const digest = (text: string): string => createHash('sha1').update(text).digest('base64').slice(0, 22);

/** A 2 × 53-bit hash of a node's triples (cyrb53 with two seeds): a SHA per node costs more than the rest of a
 * reused run, and a collision (≈ 2⁻¹⁰⁶ a pair) is the only way a changed node could pass as unchanged. */
function nodeHash(text: string): string {
  const h = (seed: number): number => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  };
  return `${h(1).toString(36)}.${h(2).toString(36)}`;
}

/** Each subject's triples, as a digest of their N-Triples-like text (the quads come sorted by subject). */
function describe(quads: readonly Quad[]): { nodes: Map<string, string>; bySubject: Map<string, Quad[]> } {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const s = termKey(q.subject);
    const list = bySubject.get(s);
    if (list) list.push(q);
    else bySubject.set(s, [q]);
  }
  const nodes = new Map<string, string>();
  for (const [s, list] of bySubject) {
    let text = '';
    for (const q of list) text += `${q.predicate.value} ${termKey(q.object)}\n`;
    nodes.set(s, nodeHash(text));
  }
  return { nodes, bySubject };
}

/** The state file of one corpus in `cacheDir`. */
export const stateFile = (cacheDir: string, corpus: string): string =>
  join(cacheDir, `shacl-${digest(corpus).replace(/[/+]/g, '_')}.json`);

/** The key a state must carry to be used: the shapes' text, the depth bound's and this module's code, the engine. */
export function stateKey(shapesText: string): string | undefined {
  const code = codeFingerprint(import.meta.url, ['shacl-engine']);
  return code ? digest(`${FORMAT}\n${code}\n${shapesText}`) : undefined;
}

function readState(file: string, key: string): ShaclState | undefined {
  try {
    if (!existsSync(file)) return undefined;
    const s = JSON.parse(readFileSync(file, 'utf8')) as ShaclState;
    return s.format === FORMAT && s.key === key && s.nodes && Array.isArray(s.violations) ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The violations of `quads` (sorted by subject) against the shapes, checking again only what changed since the
 * state in `file` (if any, and made with the same `key`); the new state is written back. `load` gives the
 * validator and is called only when something must be validated.
 */
export async function validateIncrementally(
  quads: readonly Quad[],
  load: () => Promise<DepthValidator>,
  o: { file: string; key: string },
): Promise<IncrementalRun> {
  const { nodes, bySubject } = describe(quads);
  const state = readState(o.file, o.key);
  const blank = quads.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode');
  let run: IncrementalRun;
  if (!state || blank) {
    run = { violations: await (await load()).validate(quads), mode: 'full' };
  } else {
    const changed = new Set<string>();
    for (const [s, d] of nodes) if (state.nodes[s] !== d) changed.add(s);
    for (const s of Object.keys(state.nodes)) if (!nodes.has(s)) changed.add(s);
    if (!changed.size) run = { violations: state.violations, mode: 'reused' };
    else {
      const validator = await load();
      const depth = validator.depth;
      const affected = depth === undefined ? undefined : upstream(changed, bySubject, depth);
      if (!affected || affected.size > MAX_SHARE * nodes.size)
        run = { violations: await validator.validate(quads), mode: 'full' };
      else {
        const part = await validator.validateFocus(neighbourhood(affected, bySubject, depth!, quads), affected);
        const kept = state.violations.filter((v) => !affected.has(v.focusNode));
        run = {
          violations: sortViolations([...kept, ...part]),
          mode: 'partial',
          checked: affected.size,
        };
      }
    }
  }
  try {
    mkdirSync(dirname(o.file), { recursive: true });
    const next: ShaclState = {
      format: FORMAT,
      key: o.key,
      nodes: Object.fromEntries(nodes),
      violations: run.violations,
    };
    writeFileAtomically(o.file, JSON.stringify(next));
    prune(dirname(o.file));
  } catch {
    // a cache that cannot be written only makes the next run a full one
  }
  return run;
}

/** Drops the least recently written states beyond MAX_STATES. */
function prune(dir: string): void {
  const states = readdirSync(dir)
    .filter((f) => f.startsWith('shacl-') && f.endsWith('.json'))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t || (a.f < b.f ? -1 : 1));
  for (const { f } of states.slice(MAX_STATES)) rmSync(join(dir, f), { force: true });
}

/** The nodes from which a changed node can be reached in at most `depth` forward steps (the changed ones too). */
function upstream(changed: Set<string>, bySubject: Map<string, Quad[]>, depth: number): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const [s, list] of bySubject)
    for (const q of list) {
      if (q.object.termType === 'Literal') continue;
      const o = termKey(q.object);
      const l = incoming.get(o);
      if (l) l.push(s);
      else incoming.set(o, [s]);
    }
  const found = new Set(changed);
  let frontier = [...changed];
  for (let step = 0; step < depth && frontier.length; step++) {
    const next: string[] = [];
    for (const n of frontier)
      for (const s of incoming.get(n) ?? [])
        if (!found.has(s)) {
          found.add(s);
          next.push(s);
        }
    frontier = next;
  }
  return found;
}

/** The triples of every node within `depth` forward steps of `focus`, and every rdfs:subClassOf triple. */
function neighbourhood(
  focus: Set<string>,
  bySubject: Map<string, Quad[]>,
  depth: number,
  all: readonly Quad[],
): Quad[] {
  const seen = new Set<string>();
  let frontier = [...focus];
  const out: Quad[] = [];
  for (let step = 0; step <= depth && frontier.length; step++) {
    const next: string[] = [];
    for (const n of frontier) {
      if (seen.has(n)) continue;
      seen.add(n);
      for (const q of bySubject.get(n) ?? []) {
        out.push(q);
        if (q.object.termType !== 'Literal') next.push(termKey(q.object));
      }
    }
    frontier = next;
  }
  for (const q of all) if (q.predicate.value === RDFS_SUBCLASS && !seen.has(termKey(q.subject))) out.push(q);
  return out;
}
