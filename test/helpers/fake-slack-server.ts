import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Slack Web API on loopback that records every call: the app's WebClient points at it through
 * SLACK_API_URL. Implements what the bot uses — auth.test, chat.postMessage/update/postEphemeral,
 * reactions.add/remove, the three steps of files.uploadV2 (files.getUploadURLExternal → POST to the returned
 * upload_url → files.completeUploadExternal), views.publish/open, conversations.info/open, and the assistant
 * methods (assistant.threads.setStatus / setTitle / setSuggestedPrompts, plain successes), text streaming
 * (chat.startStream / appendStream / stopStream, with Slack's rules: a thread is required, a channel needs the
 * recipient, a stopped stream takes no more) and chat.delete — plus response_url endpoints for slash commands and
 * buttons. It keeps each bot message as it now reads (`message(ts)`): posts, updates, streamed text and the blocks
 * a stop appends. Failures can be injected per method (`not_in_channel`, HTTP 429 …), or a method made unknown
 * (a workspace or client without streaming: `unknown_method`).
 */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** What the fake answered (e.g. the new message's ts). */
  response?: Record<string, unknown>;
}

export interface RecordedUpload {
  fileId: string;
  bytes: Buffer;
  at: number;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** A bot message as it reads now, after every update, append and stop. */
export interface FakeMessage {
  ts: string;
  channel: string;
  threadTs?: string;
  /** chat.postMessage / chat.update text. */
  text?: string;
  blocks?: unknown[];
  /** Streamed markdown, in arrival order. */
  markdown: string;
  /** 'streaming' until chat.stopStream; 'posted' for an ordinary message. */
  state: 'posted' | 'streaming' | 'stopped';
  /** Every version of the message, oldest first (as the method that made it). */
  history: { method: string; at: number }[];
  deleted?: boolean;
}

export type InjectedFailure = { error: string } | { status: 429; retryAfterSeconds: number };

export interface FakeSlackServer {
  /** Web API base with trailing slash, e.g. http://127.0.0.1:4321/api/ */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly calls: RecordedCall[];
  readonly uploads: RecordedUpload[];
  readonly responses: RecordedResponse[];
  /** A response_url for a slash command or button payload. */
  responseUrl(id?: string): string;
  callsTo(method: string): RecordedCall[];
  /** Polls (no sleeps in tests) until `predicate` holds, or throws with what was recorded. */
  waitFor<T>(predicate: () => T | undefined | false | null, what: string, timeoutMs?: number): Promise<T>;
  /** The next `times` calls of `method` fail this way. */
  failNext(method: string, failure: InjectedFailure, times?: number): void;
  /** From now on the method answers `unknown_method` (until reset). */
  unsupported(method: string): void;
  /** A bot message as it reads now (undefined for an unknown ts). */
  message(ts: string): FakeMessage | undefined;
  /** The bot messages in a thread, oldest first (deleted ones left out). */
  messagesIn(channel: string, threadTs: string): FakeMessage[];
  /** Every bot message in a channel, threads included, oldest first (deleted ones left out). */
  messagesAll(channel: string): FakeMessage[];
  /** Makes calls to a method slow (ms), e.g. to hold a request in flight. */
  delay(method: string, ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_BOT_USER_ID = 'UBOT';
export const FAKE_TEAM_ID = 'T0TEST';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The WebClient sends form-encoded bodies with nested values as JSON strings; decode both forms. */
function parseParams(contentType: string, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { _raw: text };
    }
  }
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (/^[[{]/.test(value)) {
      try {
        params[key] = JSON.parse(value);
        continue;
      } catch {
        // a plain string that happens to start with a bracket
      }
    }
    params[key] = value;
  }
  return params;
}

export async function startFakeSlackServer(): Promise<FakeSlackServer> {
  const calls: RecordedCall[] = [];
  const uploads: RecordedUpload[] = [];
  const responses: RecordedResponse[] = [];
  const failures = new Map<string, InjectedFailure[]>();
  const delays = new Map<string, number>();
  const unknownMethods = new Set<string>();
  const messages = new Map<string, FakeMessage>();
  let tsCounter = 0;
  let fileCounter = 0;
  let responseCounter = 0;
  let baseUrl = '';

  const nextTs = () => {
    tsCounter += 1;
    return `1700000000.${String(tsCounter).padStart(6, '0')}`;
  };
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  function answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'retail-insights',
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: 'BBOT',
        };
      case 'chat.postMessage': {
        const ts = nextTs();
        messages.set(ts, {
          ts,
          channel: String(params.channel),
          ...(params.thread_ts ? { threadTs: String(params.thread_ts) } : {}),
          text: params.text as string,
          ...(params.blocks ? { blocks: params.blocks as unknown[] } : {}),
          markdown: '',
          state: 'posted',
          history: [{ method, at: Date.now() }],
        });
        return {
          ok: true,
          channel: params.channel,
          ts,
          message: {
            ts,
            text: params.text,
            user: FAKE_BOT_USER_ID,
            ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}),
          },
        };
      }
      case 'chat.update': {
        const m = messages.get(String(params.ts));
        if (!m || m.deleted) return { ok: false, error: 'message_not_found' };
        if (m.state === 'streaming') return { ok: false, error: 'message_is_streaming' };
        // An update replaces the message's content, streamed text included.
        m.text = params.text as string;
        m.blocks = (params.blocks as unknown[] | undefined) ?? [];
        m.markdown = '';
        m.history.push({ method, at: Date.now() });
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      }
      case 'chat.delete': {
        const m = messages.get(String(params.ts));
        if (!m || m.deleted) return { ok: false, error: 'message_not_found' };
        m.deleted = true;
        return { ok: true, channel: params.channel, ts: params.ts };
      }
      case 'chat.startStream': {
        if (!params.thread_ts) return { ok: false, error: 'invalid_arguments' };
        const inChannel = !String(params.channel).startsWith('D');
        if (inChannel && (!params.recipient_user_id || !params.recipient_team_id))
          return { ok: false, error: 'invalid_arguments' };
        const ts = nextTs();
        messages.set(ts, {
          ts,
          channel: String(params.channel),
          threadTs: String(params.thread_ts),
          markdown: String(params.markdown_text ?? ''),
          state: 'streaming',
          history: [{ method, at: Date.now() }],
        });
        return { ok: true, channel: params.channel, ts };
      }
      case 'chat.appendStream':
      case 'chat.stopStream': {
        const m = messages.get(String(params.ts));
        if (!m || m.deleted) return { ok: false, error: 'message_not_found' };
        if (m.state !== 'streaming') return { ok: false, error: 'message_not_in_streaming_state' };
        m.markdown += String(params.markdown_text ?? '');
        if (method === 'chat.stopStream') {
          m.state = 'stopped';
          if (params.blocks) m.blocks = params.blocks as unknown[];
        }
        m.history.push({ method, at: Date.now() });
        return { ok: true, channel: params.channel, ts: params.ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'files.getUploadURLExternal': {
        fileCounter += 1;
        const fileId = `F${String(fileCounter).padStart(6, '0')}`;
        return { ok: true, upload_url: `${baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (params.files as { id: string; title?: string }[] | undefined) ?? [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(params.users ?? 'USER')}` } };
      case 'conversations.info':
        return { ok: true, channel: { id: params.channel, name: 'sales', is_member: true } };
      default:
        // reactions.add/remove, views.publish and anything else: a plain success
        return { ok: true };
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const raw = await readBody(req);
      const at = Date.now();
      if (url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice('/api/'.length);
        const params = parseParams(String(req.headers['content-type'] ?? ''), raw);
        delete params.token;
        const call: RecordedCall = { method, params, at };
        calls.push(call);
        const wait = delays.get(method);
        if (wait) await new Promise((r) => setTimeout(r, wait));
        if (unknownMethods.has(method)) {
          call.response = { ok: false, error: 'unknown_method' };
          send(res, 200, call.response);
          return;
        }
        const queued = failures.get(method);
        const failure = queued?.shift();
        if (failure) {
          if ('status' in failure) {
            send(
              res,
              429,
              { ok: false, error: 'ratelimited' },
              { 'retry-after': String(failure.retryAfterSeconds) },
            );
          } else {
            send(res, 200, { ok: false, error: failure.error });
          }
          return;
        }
        call.response = answer(method, params);
        send(res, 200, call.response);
        return;
      }
      if (url.pathname.startsWith('/upload/')) {
        uploads.push({ fileId: url.pathname.slice('/upload/'.length), bytes: raw, at });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - ' + raw.length);
        return;
      }
      if (url.pathname.startsWith('/response/')) {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        } catch {
          body = { _raw: raw.toString('utf8') };
        }
        responses.push({ id: url.pathname.slice('/response/'.length), body, at });
        send(res, 200, { ok: true });
        return;
      }
      send(res, 404, { ok: false, error: 'unknown_path' });
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  // Longer than the client's idle keep-alive, so the server never closes a socket the client is about to reuse
  // (a race that shows up as "fetch failed" under load).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls,
    uploads,
    responses,
    responseUrl(id) {
      responseCounter += 1;
      return `${baseUrl}/response/${id ?? `r${responseCounter}`}`;
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value) return value;
        if (Date.now() > deadline) {
          const seen = calls.map((c) => c.method).join(', ');
          throw new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what}. Calls so far: ${seen || 'none'}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    unsupported(method) {
      unknownMethods.add(method);
    },
    message: (ts) => messages.get(ts),
    messagesAll: (channel) => [...messages.values()].filter((m) => m.channel === channel && !m.deleted),
    messagesIn: (channel, threadTs) =>
      [...messages.values()].filter((m) => m.channel === channel && m.threadTs === threadTs && !m.deleted),
    failNext(method, failure, times = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    delay(method, ms) {
      delays.set(method, ms);
    },
    reset() {
      calls.length = 0;
      uploads.length = 0;
      responses.length = 0;
      failures.clear();
      delays.clear();
      unknownMethods.clear();
      messages.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
