import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.js';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

async function walk(directory: string, into: string[]): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(directory, entry.name);
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).catch(() => null))?.isDirectory());
    if (isDirectory) await walk(path, into);
    else if (MANIFEST_EXTENSIONS.some((extension) => entry.name.endsWith(extension))) into.push(path);
  }
}

/**
 * The manifest files a list of paths stands for: files as given, directories searched recursively
 * for *.yaml, *.yml and *.json (hidden folders skipped), "-" kept as standard input.
 */
export async function findManifestFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push(path);
      continue;
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`${path}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`);
    });
    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(path, found);
      if (found.length === 0) throw new InputError(`${path}: no *.yaml, *.yml or *.json files in this directory`);
      files.push(...found);
    } else files.push(path);
  }
  return [...new Set(files)];
}
