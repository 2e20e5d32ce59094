import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted OpenAI-compatible server on 127.0.0.1 (port 0): POST /v1/chat/completions answers with the next
 * scripted step. A step is a JSON object for the assistant message content (structured output), a raw string, an
 * HTTP error status, or a delay longer than the client's timeout. Each completion has a unique id; every request
 * body is recorded for assertions. A request with `stream: true` gets the same content as server-sent events.
 */
export type FakeStep =
  | {
      content: unknown;
      promptTokens?: number;
      completionTokens?: number;
      model?: string;
      /** Streamed requests: the pause between chunks, as a model's tokens come paced (default none). */
      streamChunkDelayMs?: number;
    }
  | { raw: string }
  | { status: 429 | 500 | 502 | 503 | 400; message?: string }
  | { delayMs: number; then?: FakeStep };

export interface FakeOpenAiServer {
  /** Use as OPENAI_BASE_URL: http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  requests: { model: string; messages: { role: string; content: string }[]; body: Record<string, unknown> }[];
  /** Steps still to play; when empty, the last played step repeats. */
  script(steps: FakeStep[]): void;
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(initial: FakeStep[] = []): Promise<FakeOpenAiServer> {
  let steps = [...initial];
  let last: FakeStep | undefined;
  let counter = 0;
  const requests: FakeOpenAiServer['requests'] = [];

  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    requests.push({
      model: String(body.model),
      messages: (body.messages ?? []) as { role: string; content: string }[],
      body,
    });
    let step = steps.shift() ?? last;
    last = step;
    if (!step) step = { status: 500, message: 'no scripted response' };
    while ('delayMs' in step) {
      const wait = step.delayMs;
      await new Promise((r) => setTimeout(r, wait));
      if (res.destroyed || req.destroyed) return;
      step = step.then ?? { content: {} };
    }
    if ('status' in step) {
      res.writeHead(step.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: step.message ?? `status ${step.status}`, type: 'server_error' } }),
      );
      return;
    }
    const content = 'raw' in step ? step.raw : JSON.stringify(step.content);
    const promptTokens = 'content' in step ? (step.promptTokens ?? 1200) : 1200;
    const completionTokens = 'content' in step ? (step.completionTokens ?? 80) : 80;
    counter++;
    const id = `chatcmpl-fake-${counter}-${Date.now()}`;
    const model = ('content' in step && step.model) || String(body.model);
    if (body.stream === true) {
      const paceMs = ('content' in step && step.streamChunkDelayMs) || 0;
      await streamCompletion(res, { id, model, content, promptTokens, completionTokens, paceMs });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(next) {
      steps = [...next];
      last = undefined;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Characters per streamed delta: small, so a sentence arrives in many pieces as a model's tokens do. */
export const STREAM_CHUNK_CHARS = 4;

/**
 * `stream: true`: the content as server-sent events, a few characters per chunk (the way a model streams tokens),
 * then a usage chunk (stream_options.include_usage) and [DONE].
 */
async function streamCompletion(
  res: ServerResponse,
  c: {
    id: string;
    model: string;
    content: string;
    promptTokens: number;
    completionTokens: number;
    paceMs: number;
  },
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], usage: unknown = null) =>
    `data: ${JSON.stringify({ id: c.id, object: 'chat.completion.chunk', created, model: c.model, choices, usage })}\n\n`;
  res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
  for (let i = 0; i < c.content.length; i += STREAM_CHUNK_CHARS) {
    const piece = c.content.slice(i, i + STREAM_CHUNK_CHARS);
    res.write(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
    if (c.paceMs) await new Promise((resolve) => setTimeout(resolve, c.paceMs));
  }
  res.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
  const usage = {
    prompt_tokens: c.promptTokens,
    completion_tokens: c.completionTokens,
    total_tokens: c.promptTokens + c.completionTokens,
  };
  res.write(chunk([], usage));
  res.end('data: [DONE]\n\n');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
