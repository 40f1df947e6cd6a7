import type { Snapshot } from '../../core/snapshot.js';
import { defaultVersion, minorText, NEWEST_MINOR, versionForServer, type KubernetesVersion } from '../../core/version/index.js';
import { NotFoundError } from '../../errors.js';
import { ForbiddenError, type KubeApi } from './kube-api.js';

/** The server's /version answer, as far as svc-explain reads it. */
interface VersionInfo {
  gitVersion?: string;
  minor?: string;
}

/**
 * The minor to predict for, from the server's /version (readable by every authenticated user through
 * system:public-info-viewer). When it is forbidden or absent, the newest supported minor is used and a
 * note says so; any other failure ends the run like a failed read of the objects.
 */
export async function readServerVersion(api: KubeApi): Promise<{ version: KubernetesVersion; note: string | null }> {
  try {
    const info = await api.get<VersionInfo>('/version', 'the server version (/version)');
    return versionForServer(info.gitVersion ?? '', info.minor);
  } catch (error) {
    if (!(error instanceof ForbiddenError) && !(error instanceof NotFoundError)) throw error;
    const reason = error instanceof ForbiddenError ? 'forbidden' : 'not found';
    return { version: defaultVersion(), note: `server version could not be read (/version ${reason}): predicting as Kubernetes ${minorText(NEWEST_MINOR)}` };
  }
}

/** Reads the objects and the server version side by side and puts the version (and any note) on the snapshot. */
export async function withServerVersion(api: KubeApi, snapshot: Promise<Snapshot>): Promise<Snapshot> {
  const [read, { version, note }] = await Promise.all([snapshot, readServerVersion(api)]);
  return { ...read, kubernetesVersion: version, notes: note ? [...read.notes, note] : read.notes };
}
