import { describe, expect, it } from 'vitest';
import { splitWatchBlocks, watchFrame } from '../../../src/cli/watch-frame.js';

const now = new Date('2026-12-01T12:00:00.000Z');
const view = 'Service shop/web\n  Pods: 2 ready\n';

describe('watchFrame', () => {
  it('appends a block with a header line when not on a terminal', () => {
    expect(watchFrame(view, { tty: false, first: true, now })).toBe(`--- svc-explain --watch 2026-12-01T12:00:00.000Z\n${view}`);
  });

  it('redraws in place on a terminal: home, lines cleared to their end, rest of the screen cleared', () => {
    const frame = watchFrame(view, { tty: true, first: false, now });
    expect(frame).toBe(
      '\x1b[Hsvc-explain --watch · 2026-12-01T12:00:00.000Z · Ctrl-C to stop\x1b[K\n\x1b[K\nService shop/web\x1b[K\n  Pods: 2 ready\x1b[K\n\x1b[J',
    );
    expect(watchFrame(view, { tty: true, first: true, now }).startsWith('\x1b[2J\x1b[H')).toBe(true);
  });
});

describe('splitWatchBlocks', () => {
  it('gives back the views in order', () => {
    const second = 'Service shop/web\n  Pods: 1 ready\n';
    const output = watchFrame(view, { tty: false, first: true, now }) + watchFrame(second, { tty: false, first: false, now });
    expect(splitWatchBlocks(output)).toEqual([view, second]);
  });

  it('is empty before the first block', () => {
    expect(splitWatchBlocks('')).toEqual([]);
  });
});
