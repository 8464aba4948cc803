// The query editor at /sparql for browsers: YASGUI from the installed @zazuko/yasgui (served under /_yasgui/, no
// CDN), one tab opened per saved query on request, each with its parameters bound to their defaults.

export interface SavedQueryForUi {
  name: string;
  title: string;
  text: string;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sparqlPage(saved: SavedQueryForUi[]): string {
  const data = JSON.stringify(saved).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL — Stalin letters</title>
<link rel="stylesheet" href="/_yasgui/yasgui.min.css">
<link rel="stylesheet" href="/assets/site.css">
<style>body{max-width:none}#saved button{margin:.15rem;font-size:.85rem}</style>
</head>
<body>
<header><nav><a href="/index.html">Stalin letters</a> · <a href="/dataset.html">Dataset</a> · <a href="/ontology.html">Ontology</a> · SPARQL</nav></header>
<main>
<h1>SPARQL endpoint</h1>
<p>This page is the query editor; programs send the SPARQL 1.1 Protocol to the same address (GET or POST, results by Accept). Saved queries, each in a new tab with its default parameters:</p>
<div id="saved">${saved.map((q) => `<button type="button" data-query="${esc(q.name)}" title="${esc(q.title)}">${esc(q.name)}</button>`).join('')}</div>
<div id="yasgui"></div>
</main>
<script type="application/json" id="saved-queries">${data}</script>
<script src="/_yasgui/yasgui.min.js"></script>
<script>
const saved = JSON.parse(document.getElementById('saved-queries').textContent);
const yasgui = new Yasgui(document.getElementById('yasgui'), {
  requestConfig: { endpoint: new URL('/sparql', location.href).href, method: 'POST' },
  copyEndpointOnNewTab: true,
  persistenceId: null,
  endpointCatalogueOptions: { getData: () => [{ endpoint: new URL('/sparql', location.href).href }] },
});
window.yasgui = yasgui;
for (const b of document.querySelectorAll('#saved button')) {
  b.addEventListener('click', () => {
    const q = saved.find((x) => x.name === b.dataset.query);
    const tab = yasgui.addTab(true, { name: q.name });
    tab.setQuery(q.text);
    tab.show();
  });
}
</script>
</body>
</html>
`;
}
