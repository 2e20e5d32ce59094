/**
 * A cron schedule as people say it: "0 9 * * 1" in Asia/Kolkata → "Mondays at 09:00 IST". Covers the schedules
 * `/retail-summary subscribe` is used with (a minute and hour, every day or some weekdays); anything else is shown
 * as the cron expression with its time zone, never guessed.
 */
const DAY_NAMES = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

export function scheduleInWords(cron: string, timeZone: string): string {
  const zone = zoneName(timeZone);
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `\`${cron}\` (${zone})`;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const days = weekdays(dayOfWeek);
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour) || dayOfMonth !== '*' || month !== '*' || !days)
    return `\`${cron}\` (${zone})`;
  const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  return `${days} at ${time} ${zone}`;
}

/** "*" → "Every day", "1-5" → "Weekdays", "1,3" → "Mondays and Wednesdays"; null for what it cannot say. */
function weekdays(field: string): string | null {
  if (field === '*') return 'Every day';
  const days = new Set<number>();
  for (const part of field.split(',')) {
    const range = /^(\d)(?:-(\d))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (from > to || to > 7) return null;
    for (let d = from; d <= to; d++) days.add(d % 7);
  }
  const sorted = [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  if (sorted.join(',') === '1,2,3,4,5') return 'Weekdays';
  if (sorted.length === 7) return 'Every day';
  const names = sorted.map((d) => DAY_NAMES[d]!);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
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
