import { describe, expect, it } from 'vitest';
import { stepFor, WatchEventDecoder, type WatchEvent } from '../../../../src/sources/cluster/watch-events.js';

const pod = (type: WatchEvent['type'], resourceVersion: string): WatchEvent => ({ type, object: { metadata: { resourceVersion } } });

describe('stepFor', () => {
  it.each([
    [pod('ADDED', '10'), { kind: 'changed', resourceVersion: '10' }],
    [pod('MODIFIED', '11'), { kind: 'changed', resourceVersion: '11' }],
    [pod('DELETED', '12'), { kind: 'changed', resourceVersion: '12' }],
    [pod('BOOKMARK', '13'), { kind: 'bookmark', resourceVersion: '13' }],
    [{ type: 'ERROR', object: { code: 410, message: 'too old resource version: 5 (20)' } }, { kind: 'gone' }],
    [{ type: 'ERROR', object: { code: 500, message: 'etcd went away' } }, { kind: 'error', message: 'etcd went away' }],
    [{ type: 'ERROR', object: {} }, { kind: 'error', message: 'watch error' }],
  ] as Array<[WatchEvent, unknown]>)('%j → %j', (event, expected) => {
    expect(stepFor(event)).toEqual(expected);
  });
});

describe('WatchEventDecoder', () => {
  const stream = [pod('ADDED', '1'), pod('BOOKMARK', '2'), pod('DELETED', '3')].map((event) => `${JSON.stringify(event)}\n`).join('');

  it.each([1, 2, 7, 50, stream.length])('gives the same events however the stream is cut (chunks of %i)', (size) => {
    const decoder = new WatchEventDecoder();
    const events: WatchEvent[] = [];
    for (let at = 0; at < stream.length; at += size) events.push(...decoder.push(stream.slice(at, at + size)));
    expect(events.map((event) => `${event.type}@${event.object.metadata?.resourceVersion}`)).toEqual(['ADDED@1', 'BOOKMARK@2', 'DELETED@3']);
  });

  it('holds back an unfinished line until its newline arrives', () => {
    const decoder = new WatchEventDecoder();
    expect(decoder.push('{"type":"ADDED","object":{}}\n{"type":"MOD')).toHaveLength(1);
    expect(decoder.push('IFIED","object":{}}\n')).toEqual([{ type: 'MODIFIED', object: {} }]);
  });

  it.each(['<html>\n', '[1,2]\n', 'null\n'])('a line that is not a watch event (%j) is a one-line cluster error', (line) => {
    expect(() => new WatchEventDecoder().push(line)).toThrow(/^a watch stream sent (a line that is not JSON \(\d+ bytes\)|something that is not a watch event)$/);
  });
});
