/**
 * The key a conversation's state lives under: `team:channel:thread_ts`. A channel mention starts (or continues)
 * the thread of its message; in a DM, top-level messages are one running conversation (`team:channel:main`) and
 * replies inside a DM thread get that thread's key.
 */
export const DM_MAIN_THREAD = 'main';

export interface ThreadLocation {
  teamId: string;
  channelId: string;
  /** The ts to reply under; undefined for top-level DM replies. */
  threadTs: string | undefined;
  threadKey: string;
}

export function isDirectMessageChannel(channelId: string, channelType?: string): boolean {
  return channelType === 'im' || channelId.startsWith('D');
}

export function locateThread(input: {
  teamId: string;
  channelId: string;
  channelType?: string;
  ts: string;
  threadTs?: string;
}): ThreadLocation {
  const { teamId, channelId } = input;
  if (input.threadTs) {
    return {
      teamId,
      channelId,
      threadTs: input.threadTs,
      threadKey: threadKeyOf(teamId, channelId, input.threadTs),
    };
  }
  if (isDirectMessageChannel(channelId, input.channelType)) {
    return {
      teamId,
      channelId,
      threadTs: undefined,
      threadKey: threadKeyOf(teamId, channelId, DM_MAIN_THREAD),
    };
  }
  return { teamId, channelId, threadTs: input.ts, threadKey: threadKeyOf(teamId, channelId, input.ts) };
}

export function threadKeyOf(teamId: string, channelId: string, threadTs: string): string {
  return `${teamId}:${channelId}:${threadTs}`;
}
