import { escapeForTerminal } from '../render/terminal-safe.js';
import { Command, Option } from 'commander';
import { ExitCode, SvcExplainError } from '../errors.js';
import { renderYaml } from '../render/machine-formats.js';
import { addClusterOptions, connectFromFlags, type RawClusterOptions } from './cluster-options.js';
import type { CommandContext } from './command-context.js';
import type { CommandOutcome } from './print-report.js';

interface VersionFlags extends RawClusterOptions {
  client?: boolean;
  output?: 'json' | 'yaml';
}

interface ServerVersion {
  gitVersion?: string;
  [key: string]: unknown;
}

/** `version`: the plugin's version, and the API server's when a kubeconfig points at one, like `kubectl version`. */
export function versionCommand(context: CommandContext): Command {
  const command = new Command('version')
    .summary("print the plugin's version and the cluster's")
    .description(
      "Print the client version, and the API server's version (GET /version) when a kubeconfig exists. " +
        'Without a kubeconfig only the client version is printed; when the server cannot be asked, the client version is ' +
        'printed and the error goes to standard error (exit 3).',
    )
    .option('--client', 'the client version only; no kubeconfig is read')
    .addOption(new Option('-o, --output <format>', 'json or yaml instead of text').choices(['json', 'yaml']))
    .allowExcessArguments(false);
  addClusterOptions(command);

  return command.action(async (flags: VersionFlags) => {
    const client = { gitVersion: `v${context.packageInfo.version}` };
    let server: ServerVersion | null = null;
    let failure: SvcExplainError | null = null;
    if (!flags.client) {
      try {
        const api = await connectFromFlags(flags, context.io);
        server = await api.get<ServerVersion>('/version', 'the server version');
      } catch (error) {
        if (!(error instanceof SvcExplainError)) throw error;
        const { NoKubeconfigError } = await import('../sources/cluster/kubeconfig-loading.js');
        if (!(error instanceof NoKubeconfigError)) failure = error;
      }
    }
    context.finish(versionOutcome(client, server, failure, flags.output));
  });
}

function versionOutcome(client: { gitVersion: string }, server: ServerVersion | null, failure: SvcExplainError | null, output: VersionFlags['output']): CommandOutcome {
  const document = { clientVersion: client, ...(server ? { serverVersion: server } : {}) };
  const stdout =
    output === 'json'
      ? `${JSON.stringify(document, null, 2)}\n`
      : output === 'yaml'
        ? renderYaml(document)
        : `Client Version: ${client.gitVersion}\n${server ? `Server Version: ${server.gitVersion ?? 'unknown'}\n` : ''}`;
  return {
    stdout,
    exitCode: failure ? failure.exitCode : ExitCode.ok,
    ...(failure ? { stderr: `svc-explain: ${escapeForTerminal(failure.message)}\n` } : {}),
  };
}
