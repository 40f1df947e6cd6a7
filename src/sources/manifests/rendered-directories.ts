import { basename, dirname, sep } from 'node:path';

/** The files to read, and a note for each directory whose manifests only exist once rendered. */
export interface RenderedDirectories {
  files: string[];
  notes: string[];
}

const KUSTOMIZATIONS = new Set(['kustomization.yaml', 'kustomization.yml']);

/**
 * Leaves out what a directory search found inside a Helm chart's templates/ (a directory with
 * Chart.yaml: `{{ }}` is not YAML yet) and inside a Kustomize directory (kustomization.yaml: its
 * patches are not whole objects), with a note saying how to lint what they render. Files named
 * on the command line are always read. Works on the file list alone: no extra file system calls.
 */
export function skipRenderedDirectories(files: string[], paths: string[]): RenderedDirectories {
  const charts = new Set<string>();
  const kustomizations = new Set<string>();
  for (const file of files) {
    const name = basename(file);
    if (name === 'Chart.yaml') charts.add(dirname(file));
    else if (KUSTOMIZATIONS.has(name)) kustomizations.add(dirname(file));
  }
  if (charts.size === 0 && kustomizations.size === 0) return { files, notes: [] };
  const notes = new Map<string, string>();
  const given = new Set(paths);
  const kept = files.filter((file) => {
    if (given.has(file)) return true;
    for (let directory = dirname(file), child = file; directory !== child; child = directory, directory = dirname(directory)) {
      if (charts.has(directory) && child === `${directory}${sep}templates`) {
        notes.set(directory, `${directory} is a Helm chart: its templates/ were skipped; lint what it renders with \`helm template ${directory} | kubectl svc-explain lint -\``);
        return false;
      }
      if (kustomizations.has(directory)) {
        notes.set(directory, `${directory} is a Kustomize directory: its files were skipped; lint what it builds with \`kustomize build ${directory} | kubectl svc-explain lint -\``);
        return false;
      }
    }
    return true;
  });
  return { files: kept, notes: [...notes.values()] };
}
