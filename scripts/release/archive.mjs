// One archive per platform, files at its top: tar.gz (gzip -9) for Linux and macOS, zip for
// Windows, as krew expects. Fixed modification times, so the same inputs give the same archive.
import { createWriteStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import yazl from 'yazl';

// 2020-01-01: any fixed date works; tar and zip both store it.
const MTIME = new Date('2020-01-01T00:00:00Z');

/** Archives every file of stageDir (flat, executables keep their mode) into file. */
export async function writeArchive(stageDir, file) {
  const names = readdirSync(stageDir).sort();
  if (file.endsWith('.zip')) {
    const zip = new yazl.ZipFile();
    for (const name of names) zip.addFile(join(stageDir, name), name, { mtime: MTIME, compressionLevel: 9 });
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(file));
    return;
  }
  await tar.c({ file, cwd: stageDir, gzip: { level: 9 }, portable: true, mtime: MTIME }, names);
}
