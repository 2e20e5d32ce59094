import { describe, expect, it } from 'vitest';
import { DEFAULT_SUMMARY_TIMEZONE, loadConfig } from '../../../src/config/config.js';
import { AppError } from '../../../src/errors.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config.QUERY_TIMEOUT_MS).toBe(10_000);
    expect(config.THREAD_TTL_SECONDS).toBe(604_800);
    expect(config.SUMMARY_TIMEZONE).toBe('Asia/Kolkata');
    expect(config.SUMMARY_CRON).toBe('0 9 * * 1');
    expect(config.SUMMARY_CHANNELS).toEqual([]);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ QUERY_TIMEOUT_MS: 'soon', REDIS_URL: 'not a url', SUMMARY_CHANNELS: 'general' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).userMessage;
    expect(message).toContain('QUERY_TIMEOUT_MS');
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('SUMMARY_CHANNELS');
  });

  it('rejects an unknown time zone by name', () => {
    expect(() => loadConfig({ SUMMARY_TIMEZONE: 'Mars/Olympus' })).toThrow(/SUMMARY_TIMEZONE/);
  });

  it('has a default time zone that is a real one (loadConfig does not look the default up)', () => {
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: DEFAULT_SUMMARY_TIMEZONE })).not.toThrow();
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: 'Mars/Olympus' })).toThrow();
  });

  it('parses channel lists and treats empty strings as unset', () => {
    const config = loadConfig({ SUMMARY_CHANNELS: 'C012AB, C034CD', OPENAI_API_KEY: '' });
    expect(config.SUMMARY_CHANNELS).toEqual(['C012AB', 'C034CD']);
    expect(config.OPENAI_API_KEY).toBeUndefined();
  });
});
