// Parse citegraph exports with graphology-graphml and graphology-gexf (the parsers
// Gephi Lite uses) and print what they read as JSON, for tests/test_exports.py.
// Usage: node graphology_read.js FILE.graphml|FILE.gexf ...
'use strict';

const fs = require('fs');
const Graph = require('graphology');
const graphml = require('graphology-graphml');
const gexf = require('graphology-gexf');

const result = {};
for (const path of process.argv.slice(2)) {
  const text = fs.readFileSync(path, 'utf8');
  const parser = path.endsWith('.gexf') ? gexf : graphml;
  const graph = parser.parse(Graph, text);
  result[path] = {
    type: graph.type,
    order: graph.order,
    size: graph.size,
    nodes: graph.mapNodes((key, attributes) => ({key, attributes})),
    edges: graph.mapEdges((key, attributes, source, target) => ({key, source, target, attributes})),
  };
}
process.stdout.write(JSON.stringify(result));
