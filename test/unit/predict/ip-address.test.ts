import { describe, it, expect } from 'vitest';
import { canonicalCidr, canonicalIp, ipFamilyOf, joinHostPort } from '../../../src/core/predict/ip-address.js';

describe('canonicalIp (Go net.IP.String of ParseIPSloppy)', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['010.000.0.1', '10.0.0.1'],
    ['FD00:0:0:0:0:0:0:1', 'fd00::1'],
    ['fd00:0::1', 'fd00::1'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8::1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['::', '::'],
    ['::1', '::1'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
    ['256.0.0.1', null],
    ['1.2.3', null],
    ['fd00::1::2', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1:2:3:4:5:6:7::8', null],
    ['not-an-ip', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  it.each([['10.1.1.1', 'IPv4'], ['fd00::1', 'IPv6'], ['::ffff:10.0.0.1', 'IPv4'], ['x', null]])('family of %s', (ip, family) => {
    expect(ipFamilyOf(ip)).toBe(family);
  });

  it.each([
    ['10.244.1.7/16', '10.244.0.0/16'],
    ['10.0.0.1/32', '10.0.0.1/32'],
    ['fd00:10:244::5/56', 'fd00:10:244::/56'],
    ['10.0.0.0/33', null],
  ])('canonicalCidr(%s) → %j', (input, expected) => {
    expect(canonicalCidr(input)).toBe(expected);
  });

  it('joins host and port like net.JoinHostPort', () => {
    expect(joinHostPort('10.0.0.1', 80)).toBe('10.0.0.1:80');
    expect(joinHostPort('fd00::1', 80)).toBe('[fd00::1]:80');
  });
});
