#!/usr/bin/env node
// Read and write YAML exactly as Decap CMS 3.16.3 does for `format: yml` entries: the `yaml`
// package at the version inside the vendored bundle (1.10.2, see package.json), with the
// fromFile/toFile code of decap-cms-core/src/formats/yaml.ts (MIT, Netlify / Decap CMS) copied
// unchanged in substance. Used by tests/test_admin.py.
//
//   node decap-yaml.cjs parse FILE                 prints the entry data as JSON
//   node decap-yaml.cjs roundtrip ORDER IN OUT     loads every IN/*.yml and saves it unchanged
//                                                  into OUT/, top-level keys in the order of the
//                                                  JSON list ORDER (the collection's field names)
'use strict';
const fs = require('fs');
const path = require('path');
const yaml = require('yaml');

function sortKeys(sortedKeys, selector) {
  return (a, b) => {
    const idxA = sortedKeys.indexOf(selector(a));
    const idxB = sortedKeys.indexOf(selector(b));
    if (idxA === -1 || idxB === -1) return 0;
    if (idxA > idxB) return 1;
    if (idxA < idxB) return -1;
    return 0;
  };
}

const timestampTag = {
  identify: value => value instanceof Date,
  default: true,
  tag: '!timestamp',
  test: RegExp('^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\\.[0-9]+)?)Z$'),
  resolve: str => new Date(str),
  stringify: value => value.toISOString(),
};

function fromFile(content) {
  if (content && content.trim().endsWith('---')) {
    content = content.trim().slice(0, -3);
  }
  const doc = yaml.parseDocument(content, { customTags: [timestampTag], prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new Error(`YAML parsing error:\n${doc.errors.map(e => e.message).join('\n')}`);
  }
  return doc.toJSON();
}

function toFile(data, sortedKeys = []) {
  const contents = yaml.createNode(data);
  contents.items.sort(sortKeys(sortedKeys, item => item.key && item.key.toString()));
  const doc = new yaml.Document();
  doc.contents = contents;
  return doc.toString();
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'parse') {
  process.stdout.write(JSON.stringify(fromFile(fs.readFileSync(args[0], 'utf8'))));
} else if (mode === 'roundtrip') {
  const [order, input, output] = args;
  const keys = JSON.parse(order);
  fs.mkdirSync(output, { recursive: true });
  for (const name of fs.readdirSync(input).filter(n => n.endsWith('.yml')).sort()) {
    // Decap keeps the entry as Immutable data between loading and saving: JSON-like values only.
    const data = JSON.parse(JSON.stringify(fromFile(fs.readFileSync(path.join(input, name), 'utf8'))));
    fs.writeFileSync(path.join(output, name), toFile(data, keys));
  }
} else {
  process.stderr.write('usage: decap-yaml.cjs parse FILE | roundtrip ORDER IN OUT\n');
  process.exit(2);
}
