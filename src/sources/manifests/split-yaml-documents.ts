/** One YAML document of a stream, with the file line its text starts on. */
export interface YamlChunk {
  text: string;
  line: number;
}

/** A separator line Kubernetes refuses (`--- foo`): the file line and what follows the dashes. */
export class SeparatorError extends Error {
  constructor(
    readonly line: number,
    readonly rest: string,
  ) {
    super(`invalid document separator "---${rest}": only a comment may follow ---`);
  }
}

/** What Go's strings.TrimSpace removes (unicode.IsSpace: NEL too, but not U+FEFF, unlike trim()). */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/**
 * Splits a YAML stream into documents exactly where Kubernetes' YAMLReader does
 * (k8s.io/apimachinery/pkg/util/yaml): at lines starting with `---` followed by nothing but spaces
 * or a comment. This cheap scan also gives each document's first line without a position-tracking
 * parser.
 */
export function* splitYamlDocuments(withBom: string): Generator<YamlChunk> {
  const bom = withBom.charCodeAt(0) === 0xfeff;
  const text = bom ? withBom.slice(1) : withBom;
  let chunkStart = 0;
  let chunkLine = 1;
  let line = 1;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    // After a byte-order mark the first line does not start with ---, for Kubernetes' reader either.
    if (text.startsWith('---', lineStart) && !(lineStart === 0 && bom)) {
      const rest = text.slice(lineStart + 3, lineEnd).replace(GO_SPACE, '');
      if (rest !== '' && rest[0] !== '#') throw new SeparatorError(line, text.slice(lineStart + 3, lineEnd).replace(/\r$/, ''));
      if (lineStart > chunkStart) yield { text: text.slice(chunkStart, lineStart), line: chunkLine };
      chunkStart = lineEnd + 1;
      chunkLine = line + 1;
    }
    lineStart = lineEnd + 1;
    line += 1;
  }
  if (chunkStart < text.length) yield { text: text.slice(chunkStart), line: chunkLine };
}

/** Line offset (0-based) of the first line that holds content: not blank, not only a comment. */
export function firstContentLine(text: string): number {
  let offset = 0;
  for (let start = 0; start < text.length; offset += 1) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i += 1;
    if (i < end && text[i] !== '#') return offset;
    start = end + 1;
  }
  return 0;
}
