import { existsSync as fileExists } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The files to read, and a note for each directory whose manifests only exist once rendered. */
export interface RenderedDirectories {
  files: string[];
  notes: string[];
}

function ancestors(file: string, roots: string[]): string[] {
  const found: string[] = [];
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    if (!roots.some((root) => directory === root || directory.startsWith(root + sep) || root === '.')) break;
    found.push(directory);
    if (roots.includes(directory) || dirname(directory) === directory) break;
  }
  return found;
}

/**
 * Leaves out what a directory search found inside a Helm chart's templates/ (a directory with
 * Chart.yaml: `{{ }}` is not YAML yet) and inside a Kustomize directory (kustomization.yaml: its
 * patches are not whole objects), with a note saying how to lint what they render. Files named
 * on the command line are always read.
 */
export function skipRenderedDirectories(files: string[], paths: string[]): RenderedDirectories {
  const seen = new Map<string, boolean>();
  const existsSync = (path: string) => {
    let found = seen.get(path);
    if (found === undefined) seen.set(path, (found = fileExists(path)));
    return found;
  };
  const roots = paths.filter((path) => path !== '-' && !files.includes(path)).map((path) => path.replace(/\/+$/, '') || '/');
  const notes = new Map<string, string>();
  const kept = files.filter((file) => {
    if (file === '-' || paths.includes(file)) return true;
    for (const directory of ancestors(file, roots)) {
      const chart = join(directory, 'Chart.yaml');
      if (existsSync(chart) && relative(directory, file).split(sep)[0] === 'templates') {
        notes.set(directory, `${directory} is a Helm chart: its templates/ were skipped; lint what it renders with \`helm template ${directory} | kubectl svc-explain lint -\``);
        return false;
      }
      if (['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((name) => existsSync(join(directory, name)))) {
        notes.set(directory, `${directory} is a Kustomize directory: its files were skipped; lint what it builds with \`kustomize build ${directory} | kubectl svc-explain lint -\``);
        return false;
      }
    }
    return true;
  });
  return { files: kept, notes: [...notes.values()] };
}
