/** The Kubernetes version predictions follow, and what differs between minors. */
export * from './kubernetes-version.js';
export * from './version-facts.js';
