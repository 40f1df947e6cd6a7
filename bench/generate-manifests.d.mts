/** Writes N apps (a Service and a Deployment each) into dir, 10 per file; returns the number of files. */
export declare function generateManifests(dir: string, n: number): number;
