// The kubectl_complete-svc_explain of an archive: kubectl (>= 1.26) runs it with the words to
// complete; it hands them to the standalone executable beside it (or beside its link).

const POSIX = `#!/bin/sh
# kubectl (>= 1.26) runs this to complete \`kubectl svc-explain ...\`; it must be on PATH.
exec "$(dirname "$0")/kubectl-svc_explain" __complete "$@"
`;

const WINDOWS = `@"%~dp0kubectl-svc_explain.exe" __complete %*\r\n`;

/** The completion helper's file name and text for a platform. */
export function completionWrapper(platform) {
  return platform.os === 'windows'
    ? { name: 'kubectl_complete-svc_explain.cmd', text: WINDOWS }
    : { name: 'kubectl_complete-svc_explain', text: POSIX };
}
