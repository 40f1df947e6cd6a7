import { describe, it, expect } from 'vitest';
import {
  isPodReady, isTerminating, podExclusionReason, podIPsForFamily, shouldPodBeInEndpoints, shouldSetHostname,
} from '../../../src/core/predict/pod-conditions.js';
import { pod, service } from './builders.js';

describe('shouldPodBeInEndpoints', () => {
  it.each([
    ['running with IP', pod('a', { ip: '10.0.0.1' }), true, true],
    ['not ready still in', pod('a', { ip: '10.0.0.1', ready: false }), true, true],
    ['succeeded', pod('a', { ip: '10.0.0.1', phase: 'Succeeded' }), false, false],
    ['failed', pod('a', { ip: '10.0.0.1', phase: 'Failed' }), false, false],
    ['no IP yet', pod('a'), false, false],
    ['terminating', pod('a', { ip: '10.0.0.1', deleting: true }), true, false],
  ])('%s: includeTerminating=true → %s, false → %s', (_title, p, withTerminating, withoutTerminating) => {
    expect(shouldPodBeInEndpoints(p, true)).toBe(withTerminating);
    expect(shouldPodBeInEndpoints(p, false)).toBe(withoutTerminating);
  });

  it('names the reason', () => {
    expect(podExclusionReason(pod('a', { ip: '10.0.0.1', deleting: true }), false)).toBe('terminating');
    expect(podExclusionReason(pod('a'), true)).toBe('no-ip');
    expect(podExclusionReason(pod('a', { ip: '1.1.1.1', phase: 'Failed' }), true)).toBe('terminal-phase');
  });

  it('counts a podIP without podIPs as having an IP', () => {
    const p = pod('a');
    p.status = { ...p.status, podIP: '10.0.0.9' };
    expect(shouldPodBeInEndpoints(p, true)).toBe(true);
  });
});

describe('conditions', () => {
  it('reads the Ready condition only', () => {
    expect(isPodReady(pod('a', { ready: true }))).toBe(true);
    expect(isPodReady(pod('a', { ready: false }))).toBe(false);
    const noConditions = pod('a');
    delete noConditions.status!.conditions;
    expect(isPodReady(noConditions)).toBe(false);
    expect(isTerminating(pod('a', { deleting: true }))).toBe(true);
  });

  it.each([
    ['IPv4', ['10.0.0.1']],
    ['IPv6', ['fd00::1']],
  ] as const)('podIPsForFamily(%s)', (family, expected) => {
    expect(podIPsForFamily(pod('a', { ip: ['10.0.0.1', 'fd00::1'] }), family)).toEqual(expected);
  });

  it.each([
    [{ hostname: 'h', subdomain: 'web' }, true],
    [{ hostname: 'h', subdomain: 'other' }, false],
    [{ subdomain: 'web' }, false],
    [{ hostname: 'h', subdomain: 'web', namespace: 'elsewhere' }, false],
  ])('shouldSetHostname %j → %s', (options, expected) => {
    expect(shouldSetHostname(pod('a', options), service())).toBe(expected);
  });
});
