import { describe, expect, it } from 'vitest';
import { gatewayPath } from '../../../../src/sources/cluster/gateway-lists.js';
import { versionOrder } from '../../../../src/sources/cluster/route-discovery.js';

const group = (preferred: string | undefined, ...versions: string[]) => ({
  versions: versions.map((version) => ({ version })),
  ...(preferred ? { preferredVersion: { version: preferred } } : {}),
});

describe('Gateway API version order', () => {
  it('asks the preferred version first, then v1, v1beta1, v1alpha2, v1alpha3 where served', () => {
    expect(versionOrder(group('v1', 'v1', 'v1beta1', 'v1alpha2'))).toEqual(['v1', 'v1beta1', 'v1alpha2']);
    expect(versionOrder(group('v1beta1', 'v1alpha2', 'v1beta1'))).toEqual(['v1beta1', 'v1alpha2']);
    expect(versionOrder(group('v1alpha3', 'v1alpha3', 'v1alpha2', 'v1'))).toEqual(['v1alpha3', 'v1', 'v1alpha2']);
  });

  it('never asks a version the group does not serve, and none other than those four', () => {
    expect(versionOrder(group('v2', 'v1alpha2'))).toEqual(['v1alpha2']);
    expect(versionOrder(group(undefined, 'v1alpha1', 'v1alpha2'))).toEqual(['v1alpha2']);
    expect(versionOrder({})).toEqual([]);
  });

  it('builds namespaced and cluster-wide paths; classes are cluster-scoped', () => {
    expect(gatewayPath('httproutes', 'v1', 'shop')).toBe('/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes');
    expect(gatewayPath('tcproutes', 'v1alpha2', null)).toBe('/apis/gateway.networking.k8s.io/v1alpha2/tcproutes');
    expect(gatewayPath('gatewayclasses', 'v1', 'shop')).toBe('/apis/gateway.networking.k8s.io/v1/gatewayclasses');
  });
});
