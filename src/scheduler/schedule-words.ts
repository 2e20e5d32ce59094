import cronstrue from 'cronstrue';

/**
 * A cron schedule as people say it, with its time zone: "0 9 * * 1" in Asia/Kolkata → "At 09:00, only on Monday
 * (IST)". The words come from cronstrue, which covers every cron form; a schedule it cannot read is shown as
 * written, never guessed.
 */
export function scheduleInWords(cron: string, timeZone: string): string {
  const zone = zoneName(timeZone);
  try {
    return `${cronstrue.toString(cron, { use24HourTimeFormat: true, throwExceptionOnParseError: true })} (${zone})`;
  } catch {
    return `\`${cron}\` (${zone})`;
  }
}

/** The zone's short name where there is a common one (IST), else the IANA name. */
function zoneName(timeZone: string): string {
  try {
    const short = new Intl.DateTimeFormat('en-IN', { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return short && !/^GMT[+-]/.test(short) ? short : timeZone;
  } catch {
    return timeZone;
  }
}
