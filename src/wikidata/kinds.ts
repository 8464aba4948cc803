// The kinds of entity a curator reconciles with Wikidata, and the classes of the two that are not entities of
// the model (posts: position, Q4164871; editions: version, edition or translation, Q3331189). Apart from the
// queries (reconcile-kinds.ts), so that the CLI can list the kinds without loading what builds the queries (the
// ISBN tables).

import type { EntityKind } from '../model/types.js';

export type ReconcileKind = EntityKind | 'post' | 'edition';
export const RECONCILE_KINDS: readonly ReconcileKind[] = ['person', 'organization', 'place', 'post', 'edition'];
export const POSITION = 'Q4164871';
export const EDITION = 'Q3331189';
