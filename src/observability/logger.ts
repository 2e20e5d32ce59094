import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { pino, type Logger, type LoggerOptions } from 'pino';
import { createRedactor } from './redact.js';

export type { Logger };

export interface LoggerSettings {
  level: LoggerOptions['level'];
  /** Pretty, human output (pass `process.stderr.isTTY`); JSON lines otherwise. */
  pretty?: boolean;
  /** Where JSON lines go (tests); stderr by default. */
  destination?: pino.DestinationStream;
  /** The exact secret values this process holds (see configuredSecrets in ./redact.ts), scrubbed anywhere. */
  secrets?: ReadonlyArray<string | undefined>;
}

/**
 * One JSON line per event on stderr (stdout belongs to CLI output), with ISO time and level names.
 * Every argument of every log call is scrubbed of secrets before pino sees it, and so are child bindings.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const redactor = createRedactor(settings.secrets ?? []);
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    // hostname = the pod name on Kubernetes, so lines from different replicas can be told apart.
    base: { service: 'retail-insights', pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    // The scrubber already turned errors into plain { type, message, stack, cause, … } objects; pino's own
    // err serializer would rename their type to "Object".
    serializers: { err: (value: unknown) => redactor.redact(value) },
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => redactor.redact(bindings),
    },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // An Error first keeps pino's shape ({ err, msg }) after the scrubber turns it into a plain object.
        if (first instanceof Error) {
          const err = redactor.redact(first);
          const tail =
            rest.length > 0 ? rest.map((a) => redactor.redact(a)) : [redactor.redactString(first.message)];
          return method.apply(this, [{ err }, ...tail] as Parameters<typeof method>);
        }
        return method.apply(this, args.map((a: unknown) => redactor.redact(a)) as Parameters<typeof method>);
      },
    },
  };
  let logger: Logger;
  if (settings.destination) logger = pino(options, settings.destination);
  else if (settings.pretty && prettyAvailable()) {
    logger = pino({
      ...options,
      transport: { target: 'pino-pretty', options: { colorize: true, destination: 2 } },
    });
  } else logger = pino(options, pino.destination(2));

  // pino applies formatters.bindings to the root only; children are created with Object.create(parent), so
  // overriding `child` here scrubs the bindings of every descendant too.
  const child = logger.child;
  logger.child = function scrubbedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactor.redact(bindings), childOptions);
  } as typeof logger.child;
  return logger;
}

// pino-pretty is a dev dependency: a production image run with a TTY (`docker run -it`) falls back to JSON.
function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** Ids that tie every line of one request together (also shown to users as an error reference). */
export interface LogContext {
  /** One per inbound event/command/CLI question; see newRequestId(). */
  requestId?: string;
  /** workspace:channel:thread (Slack) or cli:<session>. */
  threadKey?: string;
  /** mention | dm | command | action | cli | schedule */
  surface?: string;
  /** Slack's event_id, for matching retries. */
  eventId?: string;
  userId?: string;
}

/** A child logger whose every line carries the request's ids. */
export function withContext(logger: Logger, context: LogContext): Logger {
  const bindings = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined));
  return logger.child(bindings);
}

/** A short id, unique enough to find one request's lines and quote to a user ("ref a1b2c3d4e5f6"). */
export function newRequestId(): string {
  return randomBytes(6).toString('hex');
}
