// Mappers of the record kinds added through model/kinds.ts: each added kind names the function that writes its
// records into the graph. toGraph runs them after the core kinds (the quads are sorted before they are written).

import type { GraphBuilder } from './graph.js';
import type { Letter } from '../model/types.js';

export type KindMapper<M = unknown> = (
  g: GraphBuilder,
  record: M,
  ctx: { letters: ReadonlyMap<string, Letter> },
) => void;

const mappers = new Map<string, KindMapper>();

/** The mapper of an added kind (by its key in model/kinds.ts); a second registration replaces the first. */
export function registerMapper<M>(key: string, map: KindMapper<M>): void {
  mappers.set(key, map as KindMapper);
}

export function unregisterMapper(key: string): void {
  mappers.delete(key);
}

export function mapperOf(key: string): KindMapper | undefined {
  return mappers.get(key);
}
