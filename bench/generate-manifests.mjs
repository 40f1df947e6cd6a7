// Writes a synthetic manifest set: N Services, each with a Deployment, spread over namespaces and
// files; a share with broken selectors, near misses and missing named ports, like a real monorepo.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const APPS_PER_FILE = 10;
const NAMESPACES = 10;

function app(i) {
  const namespace = `team-${i % NAMESPACES}`;
  const name = `app-${i}`;
  const broken = i % 10 === 3; // selector typo: a near miss
  const unrelated = i % 20 === 7; // selector that matches nothing close
  const missingPort = i % 20 === 11; // named targetPort the container lacks
  const selector = broken ? `${name}x` : unrelated ? `ghost-${i}` : name;
  const portName = missingPort ? 'metrics' : 'http';
  return `---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app: ${selector}
    tier: backend
  ports:
    - name: http
      port: 80
      targetPort: ${portName}
    - name: admin
      port: 9000
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
spec:
  replicas: ${(i % 3) + 1}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        tier: backend
        version: v${i % 4}
    spec:
      containers:
        - name: server
          image: example/${name}:1.0.${i}
          ports:
            - name: http
              containerPort: 8080
            - name: admin
              containerPort: 9000
`;
}

/** Writes N apps into dir, APPS_PER_FILE per file; returns the number of files. */
export function generateManifests(dir, n) {
  mkdirSync(dir, { recursive: true });
  let files = 0;
  for (let start = 0; start < n; start += APPS_PER_FILE) {
    let text = '';
    for (let i = start; i < Math.min(n, start + APPS_PER_FILE); i++) text += app(i);
    writeFileSync(join(dir, `apps-${String(files).padStart(5, '0')}.yaml`), text);
    files += 1;
  }
  return files;
}
