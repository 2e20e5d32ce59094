import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { createCanvas, loadImage } from 'canvas';

/** Shared assertions of the chart suites: Vega-Lite schema validity and "is this PNG a real picture". */
const SCHEMA_FILE = join(import.meta.dirname, '../../../node_modules/vega-lite/build/vega-lite-schema.json');

let validator: ValidateFunction | undefined;
/** Errors from validating against node_modules/vega-lite/build/vega-lite-schema.json (empty when valid). */
export function schemaErrors(spec: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    validator = new Ajv({
      allowUnionTypes: true,
      strict: false,
      allErrors: false,
      validateFormats: false,
    }).compile(schema);
  }
  if (validator(spec)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

export interface PngInfo {
  width: number;
  height: number;
  /** Variance of grey levels over a sample of pixels: 0 for a blank image. */
  variance: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export async function inspectPng(png: Uint8Array): Promise<PngInfo> {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG (bad signature)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkType = String.fromCharCode(...png.subarray(12, 16));
  if (chunkType !== 'IHDR') throw new Error(`first chunk is ${chunkType}, not IHDR`);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < data.length; i += 4 * 7) {
    const grey = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
    sum += grey;
    sumSq += grey * grey;
    n++;
  }
  const mean = sum / n;
  return { width, height, variance: sumSq / n - mean * mean };
}

/** Every string under keys vega evaluates as code (expr, signal, test, filter, calculate, labelExpr). */
export function expressionStrings(spec: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'values') continue;
        if (
          ['expr', 'signal', 'test', 'filter', 'calculate', 'labelExpr'].includes(k) &&
          typeof x === 'string'
        ) {
          out.push(x);
        } else walk(x);
      }
    }
  };
  walk(spec);
  return out;
}

/** Fraction of pixels within `tolerance` of an RGB colour (a channel order or alpha mistake shows up here). */
export async function colourShare(
  png: Uint8Array,
  rgb: [number, number, number],
  tolerance = 6,
): Promise<number> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let hits = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (
      Math.abs(data[i]! - rgb[0]) <= tolerance &&
      Math.abs(data[i + 1]! - rgb[1]) <= tolerance &&
      Math.abs(data[i + 2]! - rgb[2]) <= tolerance
    ) {
      hits++;
    }
  }
  return hits / (data.length / 4);
}
