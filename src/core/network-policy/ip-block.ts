import { parseIp, type ParsedIp } from '../predict/ip-address.js';
import type { IPBlock } from './types.js';

function inCidr(ip: ParsedIp, cidr: unknown): boolean {
  if (typeof cidr !== 'string') return false;
  const [address, prefixText] = cidr.split('/');
  const network = parseIp(address);
  const prefix = Number(prefixText);
  if (!network || network.family !== ip.family || !/^[0-9]{1,3}$/.test(prefixText ?? '') || prefix > ip.bytes.length * 8) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((ip.bytes[byte] & mask) !== (network.bytes[byte] & mask)) return false;
  }
  return true;
}

/** Whether an address lies in the block's CIDR and in none of its exceptions. */
export function ipBlockContains(block: IPBlock, address: string): boolean {
  const ip = parseIp(address);
  if (!ip || !inCidr(ip, block.cidr)) return false;
  return !(Array.isArray(block.except) ? block.except : []).some((except) => inCidr(ip, except));
}
