import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.js';

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('retail-insights serve', () => {
  it('names every missing Slack variable before loading any data', async () => {
    const out = capture();
    const err = capture();
    const code = await runCli(
      ['serve'],
      { stdout: out.stream, stderr: err.stream, stdin: Readable.from([]), interactive: false },
      { LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent/never-read' },
    );
    expect(code).toBe(1);
    expect(err.text()).toContain('SLACK_BOT_TOKEN');
    expect(err.text()).toContain('SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
    expect(err.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('asks only for the receiver secret when the bot token is there', async () => {
    const err = capture();
    const code = await runCli(
      ['serve'],
      { stdout: capture().stream, stderr: err.stream, stdin: Readable.from([]), interactive: false },
      { LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: 'xoxb-1', DATA_DIR: '/nonexistent/never-read' },
    );
    expect(code).toBe(1);
    expect(err.text()).not.toContain('SLACK_BOT_TOKEN');
    expect(err.text()).toContain('SLACK_SIGNING_SECRET');
  });
});
