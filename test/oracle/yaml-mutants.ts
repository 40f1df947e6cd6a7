/**
 * Seeded text-level mutations of manifests aimed at the places where YAML readers disagree: YAML 1.1
 * scalars, merge keys and anchors, tags, duplicate keys, document separators, line endings, byte
 * order marks and control characters. Used by the differential test against Kubernetes' reader.
 */

const SCALARS = [
  'on', 'off', 'yes', 'no', 'y', 'n', 'Y', 'NO', 'True', 'FALSE', 'On', '~', 'null', 'Null', '', '0755', '08', '0o17', '0x1F', '0b101',
  '1_000', '+12', '-0', '1e3', '1.', '.5', '-.5', '1.5', '.inf', '-.Inf', '.nan', '2001-12-14', '12345678901234567890', '0xFFFFFFFFFFFFFFFFFF',
  '"on"', "'0755'", '!!str 5', '!!int "12"', '!!float 1', '!!bool yes', '!!binary aGVsbG8=', '!!binary //79', '!custom x', '!!null ~',
  '"a\\x00b"', '|\n    literal', '>-\n    folded', '&anchor v', '*anchor', '[a, b]', '{a: 1}', '"<<"', 'ä', '"\\u202e"',
  // Where go-yaml's flow context and block headers differ from YAML 1.2: `?` is a key indicator, a lone `-` a string.
  '[?k, -]', '{?k: -, m: [-]}', '[http://x?y=1]', '{u: a?b}', '|#c\n    literal', '>-#\n    folded', '[ - , b]',
];
const LINE_EDITS = ['duplicate', 'merge', 'anchor-alias', 'separator', 'comment', 'tab', 'tab-line', 'control', 'key-swap'] as const;
const SEPARATORS = ['---', '--- # comment', '---  ', '--- foo', '----', '...', '--- |'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function editLine(lines: string[], random: () => number): void {
  const i = Math.floor(random() * lines.length);
  const line = lines[i];
  const indent = /^\s*(- )?/.exec(line)?.[0].replace('- ', '  ') ?? '';
  switch (pick(random, LINE_EDITS)) {
    case 'duplicate':
      if (/^\s*[\w.-]+:/.test(line)) lines.splice(i + 1, 0, line.replace(/^(\s*)- /, '$1  '));
      break;
    case 'merge':
      lines.splice(i, 0, `${indent}base: &base {app: merged, tier: x}`, `${indent}<<: *base`);
      break;
    case 'anchor-alias':
      lines[i] = line.replace(/: (\S.*)$/, ': &a1 $1');
      lines.push(`extra: *a1`);
      break;
    case 'separator':
      lines.splice(i, 0, pick(random, SEPARATORS));
      break;
    case 'comment':
      lines[i] = `${line} # note`;
      break;
    case 'tab':
      lines[i] = line.replace(/^ {2}/, '\t');
      break;
    case 'tab-line':
      // A blank or comment line led by a tab after 0 to 8 spaces: go-yaml skips some, refuses others.
      lines.splice(i + 1, 0, `${' '.repeat(Math.floor(random() * 9))}\t${pick(random, ['# c', '', ' ', '\t# c'])}`);
      break;
    case 'control':
      lines[i] = `${line}${pick(random, ['\u0007', '\u0000', '\u0085', '\ufeff', '\u200b'])}`;
      break;
    case 'key-swap':
      lines[i] = line.replace(/^(\s*)[\w.-]+:/, `$1${pick(random, ['y', 'on', '1', '1.5', '~', '"1"', '<<', '0755', '? x'])}:`);
      break;
  }
}

/** One mutant of a manifest text: a few scalar replacements and line edits, sometimes re-encoded. */
export function mutateManifest(text: string, random: () => number): { text: string; bytes?: Uint8Array } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e += 1) {
    if (random() < 0.6) {
      const candidates = lines.map((line, i) => (/: \S/.test(line) ? i : -1)).filter((i) => i >= 0);
      if (candidates.length === 0) continue;
      const i = pick(random, candidates);
      lines[i] = lines[i].replace(/: \S.*$/, `: ${pick(random, SCALARS)}`);
    } else editLine(lines, random);
  }
  let result = lines.join('\n');
  const ending = random();
  if (ending < 0.05) result = result.replace(/\n/g, '\r\n');
  else if (ending < 0.08) result = result.replace(/\n/g, '\r');
  const encoding = random();
  if (encoding < 0.04) return { text: result, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(result)]) };
  if (encoding < 0.06) return { text: result, bytes: Buffer.concat([Buffer.from(result), Buffer.from([0xff, 0xc3])]) };
  return { text: result };
}
