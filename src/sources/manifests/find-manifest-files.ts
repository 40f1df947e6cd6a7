import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { normalize } from 'node:path';
import { InputError } from '../../errors.js';
import { displayName, openablePath } from './file-names.js';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** One manifest file: the path to read (bytes when the name is not UTF-8) and the name messages show. */
export interface ManifestFile {
  path: string | Buffer;
  name: string;
}

/** The files found, and notes on what a directory walk skipped (loops, FIFOs, sockets, devices). */
export interface FoundManifests {
  files: ManifestFile[];
  notes: string[];
}

interface Walk {
  files: ManifestFile[];
  notes: string[];
  /** dev:ino of the directories on the current path, so a symlink back up is a loop, not a hang. */
  ancestors: Set<string>;
  /** dev:ino of every directory searched, so two links to one directory search it once. */
  searched: Set<string>;
}

const identity = (info: Stats) => `${info.dev}:${info.ino}`;
const SLASH = Buffer.from('/');

/** `dir/name` as bytes, written as path.join would (`a.yaml` inside `.`, one slash after `dir/`). */
function child(directory: Buffer, name: Buffer): Buffer {
  if (directory.equals(Buffer.from('.'))) return name;
  return Buffer.concat([directory, directory[directory.length - 1] === 0x2f ? Buffer.alloc(0) : SLASH, name]);
}

function kindOfSpecial(info: Stats): string | null {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return null;
}

/** Why a directory cannot be searched, in a few words. */
function unreadable(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENAMETOOLONG') return 'its path is longer than the system allows';
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  return `it cannot be read (${error.code ?? error.message})`;
}

async function walk(directory: Buffer, info: Stats, state: Walk): Promise<void> {
  const id = identity(info);
  if (state.ancestors.has(id)) {
    state.notes.push(`${displayName(directory)}: skipped, a symlink loop (it leads back to a directory above it)`);
    return;
  }
  if (state.searched.has(id)) return;
  state.searched.add(id);
  state.ancestors.add(id);
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    // The directory asked for is an error of the run; one found inside it is skipped with a note.
    if (state.ancestors.size === 1) throw new InputError(`${displayName(directory)}: ${unreadable(error as NodeJS.ErrnoException)}`);
    state.notes.push(`${displayName(directory)}: skipped, ${unreadable(error as NodeJS.ErrnoException)}`);
    state.ancestors.delete(id);
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    const name = entry.name.toString('latin1');
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = child(directory, entry.name);
    const isManifest = MANIFEST_EXTENSIONS.some((extension) => name.endsWith(extension));
    // A regular file needs no stat (a thousand of them cost 50 ms of CPU): only directories (their
    // identity stops loops), symlinks, and entries whose type the file system did not give do.
    if (entry.isFile()) {
      if (isManifest) state.files.push({ path: openablePath(path), name: displayName(path) });
      continue;
    }
    const typed = entry.isDirectory() || entry.isSymbolicLink() || entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice();
    let failure: NodeJS.ErrnoException | undefined;
    const target = entry.isDirectory() || entry.isSymbolicLink() || !typed ? await stat(path).catch((error: NodeJS.ErrnoException) => ((failure = error), null)) : null;
    if (target?.isDirectory()) {
      await walk(path, target, state);
      continue;
    }
    // A directory that cannot be looked at (a path past the system's limit) is said, not silently left out.
    if (entry.isDirectory() && failure) {
      state.notes.push(`${displayName(path)}: skipped, ${unreadable(failure)}`);
      continue;
    }
    if (!isManifest) continue;
    const special = target ? kindOfSpecial(target) : typed && !entry.isSymbolicLink() ? kindOfSpecial(await stat(path)) : null;
    if (special) state.notes.push(`${displayName(path)}: skipped, ${special} is not a manifest file`);
    else if (!target && entry.isSymbolicLink()) state.notes.push(`${displayName(path)}: skipped, a symlink to nothing`);
    // An untyped entry that vanished is still listed: reading it reports why it cannot be read.
    else state.files.push({ path: openablePath(path), name: displayName(path) });
  }
  state.ancestors.delete(id);
}

/**
 * The manifest files a list of paths stands for: files as given (a FIFO too: `lint <(helm template)`),
 * directories searched recursively for *.yaml, *.yml and *.json (hidden folders skipped, symlink loops
 * and special files noted and skipped), "-" kept as standard input.
 */
export async function findManifestFiles(paths: string[]): Promise<FoundManifests> {
  const found: FoundManifests = { files: [], notes: [] };
  for (const path of paths) {
    if (path === '-') {
      found.files.push({ path, name: path });
      continue;
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`${path}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`);
    });
    if (info.isDirectory()) {
      const state: Walk = { files: [], notes: found.notes, ancestors: new Set(), searched: new Set() };
      const notesBefore = found.notes.length;
      await walk(Buffer.from(normalize(path)), info, state);
      if (state.files.length === 0) {
        // What the walk skipped may be why it found nothing: said on the same line.
        const skipped = found.notes.slice(notesBefore);
        throw new InputError(`${path}: no *.yaml, *.yml or *.json files in this directory${skipped.length > 0 ? ` (${skipped.join('; ')})` : ''}`);
      }
      found.files.push(...state.files);
    } else found.files.push({ path, name: path });
  }
  const seen = new Set<string>();
  found.files = found.files.filter((file) => !seen.has(file.name) && (seen.add(file.name), true));
  return found;
}
