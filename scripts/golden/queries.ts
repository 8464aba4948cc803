// Rewrites test/expected/queries/ from the current corpus. Run it only on purpose (`npm run golden:queries`) and read
// the diff (`git diff test/expected`) before committing; `npm test` only compares. Local queries run on Oxigraph
// (the default engine); the federated ones (wikidata-*) on Comunica against the made-up fixture endpoint that
// test/sparql-endpoint.ts serves on 127.0.0.1 — their expected files hold fixture values, never Wikidata's.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAllSavedQueries } from '../../src/query/saved.js';
import { EXPECTED_QUERIES, defaultRun, expectedFile } from '../../test/query-data.js';
import { startSparqlEndpoint } from '../../test/sparql-endpoint.js';

const endpoint = await startSparqlEndpoint();
try {
  mkdirSync(EXPECTED_QUERIES, { recursive: true });
  for (const q of loadAllSavedQueries()) {
    const { file, text } = expectedFile(q.name, await defaultRun(q.name, endpoint.url));
    writeFileSync(join(EXPECTED_QUERIES, file), text);
    console.log(`wrote test/expected/queries/${file}`);
  }
} finally {
  await endpoint.close();
}
