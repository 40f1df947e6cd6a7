// The parse floor: js-yaml loadAll of every *.yaml file under the given paths, keeping the documents
// (lint needs them too). Prints the CPU of the parse alone, without start-up.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';

const files = process.argv.slice(2).flatMap(function expand(path) {
  if (!statSync(path).isDirectory()) return /\.ya?ml$/.test(path) ? [path] : [];
  return readdirSync(path).sort().flatMap((name) => expand(join(path, name)));
});
const before = process.cpuUsage();
const documents = [];
for (const file of files) jsYaml.loadAll(readFileSync(file, 'utf8'), (document) => documents.push(document));
const spent = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ documents: documents.length, parseCpuMs: (spent.user + spent.system) / 1000 }));
