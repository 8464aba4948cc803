// Rewrites test/expected/queries/ from the current corpus. Run it only on purpose (`npm run golden:queries`) and read
// the diff (`git diff test/expected`) before committing; `npm test` only compares.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runComunica } from '../../src/query/engine.js';
import { loadAllSavedQueries } from '../../src/query/saved.js';
import { EXPECTED_QUERIES, boundQuery, expectedFile, queryData } from '../../test/query-data.js';

const { store } = await queryData();
mkdirSync(EXPECTED_QUERIES, { recursive: true });
for (const q of loadAllSavedQueries()) {
  const { file, text } = expectedFile(q.name, await runComunica(boundQuery(q.name), { type: 'store', store }));
  writeFileSync(join(EXPECTED_QUERIES, file), text);
  console.log(`wrote test/expected/queries/${file}`);
}
