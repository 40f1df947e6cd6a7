/** The --cluster-domain option: a DNS name of lowercase labels, as kubelet and CoreDNS take it. */

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The domain without a trailing dot, or null when it is not a valid DNS name (the CLI names the problem). */
export function parseClusterDomain(text: string): string | null {
  const domain = text.trim().toLowerCase().replace(/\.$/, '');
  if (domain.length === 0 || domain.length > 253) return null;
  return domain.split('.').every((label) => LABEL.test(label)) ? domain : null;
}
