/**
 * Errors that end a run with a one-line message and a distinct exit code. They are never findings:
 * a broken Service is a finding, a file that cannot be read is an error.
 */

export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  input: 2,
  cluster: 3,
  notFound: 4,
  internal: 70,
  output: 74,
} as const;

/** Base class: the message is shown as is, on one line, and the run exits with exitCode. */
export class SvcExplainError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong flags or arguments. */
export class UsageError extends SvcExplainError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** Input that cannot be read or parsed: missing file, bad YAML, no Kubernetes objects. */
export class InputError extends SvcExplainError {
  constructor(message: string) {
    super(message, ExitCode.input);
  }
}

/** The cluster cannot be reached or refuses us: network, credentials, unknown context. */
export class ClusterError extends SvcExplainError {
  constructor(message: string) {
    super(message, ExitCode.cluster);
  }
}

/** A named object (Service, Pod, namespace) does not exist. */
export class NotFoundError extends SvcExplainError {
  constructor(message: string) {
    super(message, ExitCode.notFound);
  }
}
