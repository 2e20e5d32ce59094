import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listenerRegistry, SLACK_EVENTS_PATH } from '../../../src/slack/app.js';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    assistant_view?: { assistant_description: string };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; usage_hint?: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const manifest = parse(
  readFileSync(new URL('../../../slack-manifest.yml', import.meta.url), 'utf8'),
) as Manifest;

describe('slack-manifest.yml', () => {
  it('subscribes to exactly the events the app has listeners for', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...listenerRegistry.events].sort(),
    );
  });

  it('declares exactly the slash commands the app handles, each with a usage hint', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      [...listenerRegistry.commands].sort(),
    );
    for (const command of manifest.features.slash_commands) {
      expect(command.usage_hint, command.command).toBeTruthy();
      expect(command.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('sends events, commands and interactivity to the one receiver path', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('asks for the scopes the listeners need', () => {
    const needed = [
      'app_mentions:read',
      // The assistant surface: assistant.threads.setStatus / setTitle / setSuggestedPrompts.
      'assistant:write',
      // Thread replies without a mention (message.channels / message.groups).
      'channels:history',
      'groups:history',
      'chat:write',
      'files:write',
      'commands',
      'im:history',
      'im:read',
      'im:write',
      'reactions:write',
    ];
    for (const scope of needed) expect(manifest.oauth_config.scopes.bot).toContain(scope);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBe('Retail Insights');
    expect(manifest.features.assistant_view?.assistant_description).toBeTruthy();
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['assistant_thread_started', 'assistant_thread_context_changed', 'message.im']),
    );
  });
});
