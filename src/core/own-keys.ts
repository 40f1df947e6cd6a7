/**
 * Lookups on label, selector and annotation maps by keys that come from input. Kubernetes accepts
 * a label key `constructor` or `__proto__`; on a plain object `labels[key]` would find Object's
 * members instead, and `labels[key] = value` with `__proto__` would set the prototype. These read
 * and write own properties only.
 */

/** The value stored under `key` itself, never one inherited from Object.prototype. */
export function ownValue<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** True when the map has `key` itself (what `key in map` means for a label map). */
export function hasOwnKey(map: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(map, key);
}

/** Stores `value` under `key` as an own property, even when the key is `__proto__`. */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
