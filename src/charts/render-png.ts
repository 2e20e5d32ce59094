import { existsSync } from 'node:fs';
import { GlobalFonts } from 'canvas';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { AppError } from '../errors.js';
import { encodePng } from './png-encode.js';
import {
  formatIndianCompact,
  formatIndianInUnit,
  formatInrCompact,
  formatInrInUnit,
  isCompactUnit,
} from '../format/money.js';
import {
  CHART_FONT_FAMILY,
  CHART_FONT_FILES,
  CHART_PIXEL_RATIO,
  FORMAT_INDIAN,
  FORMAT_INR,
} from './theme.js';

/**
 * Vega-Lite spec → PNG bytes, headless: vega-lite compiles the spec, a vega View renders it through vega's canvas
 * renderer onto a `canvas` (= @napi-rs/canvas, which vega-canvas imports itself), at 2× pixel ratio.
 *
 * Safety: a spec is data, but vega can load URLs (data.url, image marks) through its loader. Specs with a `url`
 * anywhere are refused up front, and the View gets a loader that rejects every request anyway, so even a spec we
 * did not think of cannot read a file or reach the network.
 */
export interface RenderOptions {
  /** Default 2 (crisp in Slack on high-density screens). */
  pixelRatio?: number;
  /** Receives every vega / vega-lite warning (they are also what the tests assert never happens). */
  onWarning?: (message: string) => void;
}

/** Registers the theme's font faces and our number formats with vega; idempotent and cheap to repeat. */
export function prepareChartRuntime(): void {
  if (!GlobalFonts.has(CHART_FONT_FAMILY)) {
    for (const file of CHART_FONT_FILES) {
      if (existsSync(file)) GlobalFonts.registerFromPath(file, CHART_FONT_FAMILY);
    }
  }
  // Custom format types (config.customFormatTypes) let axes and legends use src/format/money.ts.
  if (!vega.expressionFunction(FORMAT_INR)) {
    // The axis's unit comes as the format string (one unit per axis, src/charts/fields.ts axisFormat).
    vega.expressionFunction(FORMAT_INR, (value: unknown, unit: unknown) =>
      typeof value !== 'number'
        ? ''
        : isCompactUnit(unit)
          ? formatInrInUnit(value, unit)
          : formatInrCompact(value),
    );
  }
  if (!vega.expressionFunction(FORMAT_INDIAN)) {
    vega.expressionFunction(FORMAT_INDIAN, (value: unknown, unit: unknown) =>
      typeof value !== 'number'
        ? ''
        : isCompactUnit(unit)
          ? formatIndianInUnit(value, unit)
          : formatIndianCompact(value),
    );
  }
}

/** A vega loader that refuses everything: no files, no HTTP, no sanitized URLs for images. */
export function createBlockedLoader(): vega.Loader {
  const refuse = (what: string) => async (): Promise<never> => {
    throw new AppError('CHART_FAILED', 'The chart could not be drawn.', {
      detail: `chart specs may not load external resources (${what} blocked)`,
    });
  };
  return {
    options: {},
    load: refuse('load'),
    sanitize: refuse('sanitize'),
    http: refuse('http'),
    file: refuse('file'),
  } as unknown as vega.Loader;
}

/** Finds `url` keys anywhere in a spec (data.url, image urls given as constants, nested layers/concats). */
export function findUrlReference(spec: unknown, path = '$'): string | null {
  if (Array.isArray(spec)) {
    for (let i = 0; i < spec.length; i++) {
      const hit = findUrlReference(spec[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (spec && typeof spec === 'object') {
    for (const [key, value] of Object.entries(spec as Record<string, unknown>)) {
      // Inline data rows are values, not instructions: a row may legitimately hold a column called "url".
      if (key === 'values') continue;
      if (key === 'url') return `${path}.url`;
      const hit = findUrlReference(value, `${path}.${key}`);
      if (hit) return hit;
    }
  }
  return null;
}

interface CapturingLogger {
  level(): number;
  level(level: number): CapturingLogger;
  error(...args: readonly unknown[]): CapturingLogger;
  warn(...args: readonly unknown[]): CapturingLogger;
  info(...args: readonly unknown[]): CapturingLogger;
  debug(...args: readonly unknown[]): CapturingLogger;
}

function text(args: readonly unknown[]): string {
  return args
    .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))
    .join(' ');
}

function capturingLogger(warnings: string[], errors: string[]): CapturingLogger {
  const logger: CapturingLogger = {
    level: ((level?: number) => (level === undefined ? vega.Warn : logger)) as CapturingLogger['level'],
    error: (...args) => {
      errors.push(text(args));
      return logger;
    },
    warn: (...args) => {
      warnings.push(text(args));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Renders a Vega-Lite spec to PNG bytes. Throws AppError CHART_FAILED (safe message) on any failure. */
export async function renderPng(
  spec: Record<string, unknown>,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const url = findUrlReference(spec);
  if (url) {
    throw new AppError('CHART_FAILED', 'The chart could not be drawn.', {
      detail: `chart spec refers to an external resource at ${url}`,
    });
  }
  prepareChartRuntime();
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger = capturingLogger(warnings, errors);
  let view: vega.View | undefined;
  try {
    const compiled = compile(spec as unknown as TopLevelSpec, { logger: logger as never }).spec;
    view = new vega.View(vega.parse(compiled), {
      renderer: 'none',
      loader: createBlockedLoader(),
      logger: logger as never,
      logLevel: vega.Warn,
    });
    // vega-canvas creates the canvas through `canvas` (@napi-rs/canvas): data() is its raw RGBA pixel buffer.
    const canvas = (await view.toCanvas(options.pixelRatio ?? CHART_PIXEL_RATIO)) as unknown as {
      width: number;
      height: number;
      data(): Buffer;
    };
    if (errors.length > 0) throw new Error(errors.join('; '));
    return await encodePng(canvas.data(), canvas.width, canvas.height);
  } catch (error) {
    throw new AppError('CHART_FAILED', 'The chart could not be drawn.', {
      cause: error,
      detail: `chart rendering failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  } finally {
    view?.finalize();
    for (const w of warnings) options.onWarning?.(w);
  }
}
