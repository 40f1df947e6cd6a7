/** The values of --color, as kubectl-tree and GNU tools spell them. */
export const COLOR_MODES = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

/**
 * Whether to colour output. Flags win over the environment (no-color.org): `--no-color` or
 * `--color never` turn it off, `--color always` on; `auto` honours NO_COLOR and FORCE_COLOR,
 * then colours only a terminal that is not TERM=dumb.
 */
export function resolveColor(mode: ColorMode | false, env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
  if (mode === false || mode === 'never') return false;
  if (mode === 'always') return true;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTTY === true && env.TERM !== 'dumb';
}
