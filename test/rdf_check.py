#!/usr/bin/python3
"""Independent check of the dumps with rdflib: prints, as JSON, the triple count of each file and whether the
Turtle graph is isomorphic to the JSON-LD and to the N-Triples graph. Used by test/independent-parsers.test.ts.

usage: rdf_check.py DUMP.ttl DUMP.jsonld DUMP.nt"""

import json
import sys

from rdflib import Graph
from rdflib.compare import isomorphic


def main(ttl, jsonld, nt):
    graphs = {}
    for name, path, fmt in (("turtle", ttl, "turtle"), ("jsonld", jsonld, "json-ld"), ("ntriples", nt, "nt")):
        graphs[name] = Graph().parse(path, format=fmt)
    print(json.dumps({
        "counts": {name: len(g) for name, g in graphs.items()},
        "turtle_isomorphic_jsonld": isomorphic(graphs["turtle"], graphs["jsonld"]),
        "turtle_isomorphic_ntriples": isomorphic(graphs["turtle"], graphs["ntriples"]),
        "rdflib": __import__("rdflib").__version__,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:4])
