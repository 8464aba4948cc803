// The page templates (Eta: `<%= %>` escapes, and is used for everything that comes from the corpus; `<%~ %>` is raw
// and used only for other templates' output and for the JSON-LD, which jsonForScript makes safe inside <script>).
// A page is a list of blocks of a few kinds (facts, lists, text with footnote markers, notes, tables, figures),
// so that each kind of page is composed in pages.ts and rendered by the same few templates.

export const INLINE = `<% for (const p of it.parts) { %><% if (typeof p === 'string') { %><%= p %><% } else if (p.corrected !== undefined) { %><span class="choice" title="<%= p.title %>"><span class="corr"><%= p.corrected %></span><span class="sic"><%= p.text %></span></span><% } else if (p.sup) { %><sup<% if (p.id) { %> id="<%= p.id %>"<% } %>><a href="<%= p.href %>" class="marker"<% if (p.title) { %> title="<%= p.title %>"<% } %>><%= p.text %></a></sup><% } else if (p.href) { %><a href="<%= p.href %>"<% if (p.cls) { %> class="<%= p.cls %>"<% } %><% if (p.title) { %> title="<%= p.title %>"<% } %>><%= p.text %></a><% } else if (p.quote) { %><q class="quote"><%= p.text %></q><% } else if (p.code) { %><code><%= p.text %></code><% } else { %><span<% if (p.id) { %> id="<%= p.id %>"<% } %><% if (p.cls) { %> class="<%= p.cls %>"<% } %>><%= p.text %></span><% } %><% } %>`;

export const BLOCK = `<% const b = it.block; const inl = (parts) => include('@inline', { parts }); %>
<section class="block block-<%= b.kind %>"<% if (b.id) { %> id="<%= b.id %>"<% } %><% if (b.period) { %> data-period<% } %>>
<% if (b.title) { %><h2><%= b.title %></h2><% } %>
<% if (b.intro) { %><p class="intro"><%~ inl(b.intro) %></p><% } %>
<% if (b.kind === 'facts') { %>
<dl class="facts">
<% for (const r of b.rows) { %>  <dt><%= r.label %></dt><% for (const v of r.values) { %><dd><%~ inl(v) %></dd><% } %>
<% } %></dl>
<% } else if (b.kind === 'list') { %>
<<%= b.ordered ? 'ol' : 'ul' %>>
<% b.items.forEach((item, i) => { const d = b.itemData && b.itemData[i]; %>  <li<% if (d) { for (const k of Object.keys(d)) { %> data-<%= k %>="<%= d[k] %>"<% } } %>><%~ inl(item) %></li>
<% }) %></<%= b.ordered ? 'ol' : 'ul' %>>
<% if (!b.items.length) { %><p class="none">None.</p><% } %>
<% } else if (b.kind === 'text') { %>
<% if (b.corrections) { %><p class="reading"><button type="button" class="toggle-reading" aria-pressed="false">Show the printed readings</button> <span class="hint"><%= b.corrections %> correction<%= b.corrections === 1 ? '' : 's' %> of extraction damage: the corrected reading is shown, the printed one in its tooltip</span></p>
<% } %><div class="letter-text">
<% for (const para of b.paragraphs) { %>  <p<% if (para.id) { %> id="<%= para.id %>"<% } %> class="<%= para.cls || '' %>"><%~ inl(para.parts) %></p>
<% } %></div>
<% } else if (b.kind === 'notes') { %>
<ol class="notes">
<% for (const n of b.notes) { %>  <li id="<%= n.id %>" value="<%= n.number %>"><p><%~ inl(n.parts) %></p><% for (const x of n.extra) { %><p class="note-extra"><%~ inl(x) %></p><% } %></li>
<% } %></ol>
<% } else if (b.kind === 'table') { %>
<table>
<thead><tr><% for (const h of b.head) { %><th><%= h %></th><% } %></tr></thead>
<tbody>
<% b.rows.forEach((row, i) => { const d = b.rowData && b.rowData[i]; %><tr<% if (d) { for (const k of Object.keys(d)) { %> data-<%= k %>="<%= d[k] %>"<% } } %>><% for (const cell of row) { %><td><%~ inl(cell) %></td><% } %></tr>
<% }) %></tbody>
</table>
<% if (!b.rows.length) { %><p class="none">None.</p><% } %>
<% } else if (b.kind === 'figure') { %>
<figure><% if (b.axis) { %><div class="axis-frame"<% for (const [k, v] of Object.entries(b.axis)) { %> <%= k %>="<%= v %>"<% } %>><% } %><a href="<%= b.src %>" title="the figure alone, at full size"><img src="<%= b.src %>" alt="<%= b.alt %>"></a><% if (b.axis) { %></div><% } %><% if (b.caption) { %><figcaption><%= b.caption %></figcaption><% } %></figure>
<% } else if (b.kind === 'search') { %>
<div id="search-app" data-index="<%= b.index %>">
<form class="search-form" action="search.html" role="search"><input type="search" name="q" aria-label="Search the edition" placeholder="A name in any spelling, Cyrillic, a word of a letter or note" size="50" autocomplete="off">
<select name="kind" aria-label="Kind"><% for (const [v, l] of b.kinds) { %><option value="<%= v %>"><%= l %></option><% } %></select>
<select name="letter" aria-label="Letter"><option value="">all letters</option><% for (const [v, l] of b.letters) { %><option value="<%= v %>"><%= l %></option><% } %></select></form>
<p id="search-status">The search runs in the browser: it needs JavaScript.</p>
<ol id="search-results"></ol>
</div>
<% } else if (b.kind === 'pre') { %>
<pre><%= b.text %></pre>
<% } else if (b.kind === 'statements') { %>
<details><summary>All statements (<%= b.count %>)</summary>
<table class="statements">
<thead><tr><th>property</th><th>value</th></tr></thead>
<tbody>
<% for (const r of b.rows) { %><tr><td><%~ inl(r.prop) %></td><td><%~ inl(r.value) %></td></tr>
<% } %></tbody>
</table>
</details>
<% } %>
</section>`;

export const LAYOUT = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %> — Stalin letters</title>
<link rel="stylesheet" href="<%= it.root %>assets/site.css">
<% if (it.iri) { %><link rel="canonical" href="<%= it.iri %>">
<% } %><% for (const a of it.alternates) { %><link rel="alternate" type="<%= a.type %>" href="<%= a.href %>">
<% } %><% if (it.tei) { %><link rel="alternate" type="application/tei+xml" href="<%= it.tei %>">
<% } %><%~ it.signposting %><% if (it.jsonld) { %><script type="application/ld+json">
<%~ it.jsonld %>
</script>
<% } %><script src="<%= it.root %>assets/site.js" defer></script>
</head>
<body>
<header><form class="search-box" role="search" action="<%= it.root %>search.html"><input type="search" name="q" placeholder="Search: any spelling, Cyrillic" aria-label="Search the edition"></form><nav><a href="<%= it.root %>index.html">Stalin letters</a> · <a href="<%= it.root %>letters.html">Letters</a> · <a href="<%= it.root %>persons.html">Persons</a> · <a href="<%= it.root %>organizations.html">Organisations</a> · <a href="<%= it.root %>places.html">Places</a> · <a href="<%= it.root %>posts.html">Posts</a> · <a href="<%= it.root %>resolutions.html">Resolutions</a> · <a href="<%= it.root %>proposals.html">Proposals</a> · <a href="<%= it.root %>dataset.html">Dataset</a> · <a href="<%= it.root %>ontology.html">Ontology</a> · <a href="<%= it.root %>sparql" rel="nofollow">SPARQL</a></nav></header>
<main>
<h1><%= it.title %></h1>
<% if (it.kind) { %><p class="kind"><%= it.kind %><% if (it.iri) { %> · <code class="iri"><%= it.iri %></code><% } %></p><% } %>
<% for (const block of it.blocks) { %><%~ include('@block', { block }) %>
<% } %>
</main>
<footer>
<% if (it.alternates.length) { %><p>This page as data: <% for (const a of it.alternates) { %><a href="<%= a.href %>" type="<%= a.type %>"><%= a.label %></a> <% } %><% if (it.tei) { %>· the letter as <a href="<%= it.tei %>" type="application/tei+xml">TEI P5</a><% } %></p><% } %>
<p class="rights">Rights<% if (it.rights.licence) { %> (licence: <a rel="license" href="<%= it.rights.licence %>"><%= it.rights.licence %></a>)<% } %>: <% if (it.rights.text) { %><%= it.rights.text %> <% } %>See <a href="<%= it.root %>dataset.html">the dataset</a>.</p>
</footer>
</body>
</html>
`;

// figures at their own size (never scaled down below readable text): a wide one scrolls inside its frame
export const CSS = `body{font-family:Georgia,serif;max-width:58rem;margin:0 auto;padding:0 1rem 3rem;line-height:1.5;color:#222}
header nav{font-family:sans-serif;font-size:.9rem;padding:.6rem 0;border-bottom:1px solid #ccc}
a{color:#1a4f8b}
h1{font-size:1.7rem;margin:.8rem 0 .2rem}
h2{font-size:1.2rem;border-bottom:1px solid #ddd;margin-top:2rem}
.kind{font-family:sans-serif;color:#666;font-size:.85rem;margin-top:0}
code.iri{font-size:.8rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts dt{font-weight:bold;grid-column:1}
dl.facts dd{margin:0;grid-column:2}
.letter-text p{text-indent:0}
.letter-text p.dateline,.letter-text p.signature{font-style:italic}
sup a.marker{text-decoration:none;padding:0 .1rem}
ol.notes li:target,p:target{background:#fff3c4}
li[id],p[id],sup[id]{scroll-margin-top:.5rem}
q.quote{font-style:italic}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid #e2e2e2;text-align:left;vertical-align:top;padding:.25rem .4rem}
figure{margin:1rem 0;overflow-x:auto}figure img{max-width:none;display:block}
footer{margin-top:3rem;font-size:.8rem;color:#555;border-top:1px solid #ccc}
.none{color:#777}
pre{overflow-x:auto;background:#f6f6f6;padding:.5rem}
header{display:flex;flex-wrap:wrap-reverse;align-items:center;gap:.4rem;border-bottom:1px solid #ccc}
header nav{border-bottom:0;flex:1}
.search-box input{font-size:.9rem;padding:.2rem .4rem;width:15rem}
a.mention{color:inherit;text-decoration:underline dotted #1a4f8b}
.choice .sic{display:none}
body.printed-readings .choice .sic{display:inline;background:#fbe3e3}
body.printed-readings .choice .corr{display:none}
.choice .corr{background:#e3f1e3}
.reading .hint{font-size:.85rem;color:#666}
form.period{font-family:sans-serif;font-size:.85rem;margin:.4rem 0}
.period-hidden{display:none}
.axis-frame{position:relative;display:inline-block}
.outside-period{position:absolute;top:0;bottom:0;background:rgba(255,255,255,.8);pointer-events:none}
.possibly::after{content:" (possibly in the period)";font-size:.8rem;color:#8a5a00}
#search-results li{margin:.4rem 0}
#search-results mark{background:#fff3c4}
.result-kind{font-family:sans-serif;font-size:.75rem;color:#666;text-transform:uppercase;margin-left:.4rem}
`;
