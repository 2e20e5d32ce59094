/**
 * Words the planner may leave unused without losing meaning. Any other word left over after metrics, dimensions,
 * values and time were recognised is "unknown": it lowers confidence, and an unknown word where a filter value
 * would stand ("revenue in Paris") makes the planner ask instead of answering for everything.
 */
export const FILLER_WORDS = new Set(
  `a an the of in on at for to from with by and or but vs versus v is are was were be been being am do does did done
  what whats what's which who whom whose how why when where there here this that these those it its it's they them their
  we our us ours i me my mine you your yours he she his her can could would should will shall may might must please pls
  show tell give get got list display find see compute calculate report provide share know need want like let lets
  me us just only also too as so than then much many more most less least very really some any all each every
  total overall sum whole entire altogether combined aggregate aggregated grand net gross
  value values number numbers figure figures count counts amount amounts data dataset table report stats statistics
  metric metrics kpi kpis performance perform performing performed doing going look looking looks looked
  sell sold selling sells made make makes making earn earned generate generated bring brought do
  did was had has have having been get getting
  about around roughly approximately approx exactly current currently latest recent recently
  across between within during over under above below up down
  amazon amazon.in india indian store shop business company brand our
  top bottom best worst highest lowest biggest smallest largest most least maximum minimum max min
  rank ranked ranking ranks order ordered sorted sort descending ascending
  breakdown break broken split splitted wise grouped group groups segmented by per each every
  chart graph plot visual visualise visualize pie donut line bar bars table heatmap
  trend trends trending over time timeline series progression evolution
  compare compared comparing comparison change changes changed growth grow grew growing increase increased
  decrease decreased decline declined drop dropped fell fall rise rose up down difference diff delta
  share percentage percent pct proportion contribution contribute contributed mix portion fraction
  average avg mean typical
  ok okay thanks thank hi hello hey bot assistant
  yes no not now again same one ones those that's thing things stuff
  into onto out off
  like such via using use used
  month months week weeks day days year years quarter quarters date dates period periods time
  so far till until through since ago
  happened happen happening
  compare against relative
  each except excluding exclude excluded without other others than apart
  came come comes coming went go goes gone
  shipping shipment shipments delivery deliveries fulfilled orders' customers'
  international wholesale export exports overseas
  brings bring brought generates generate drives drive accounts accounted account comes
  popular popularity shipped sent ship ships half
  interesting something anything insight insights highlight highlights overview summary update news happening`.split(
    /\s+/,
  ),
);

/** Phrases that try to steer the bot or smuggle SQL in. The planner refuses these outright. */
export const INJECTION_PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|rules?|prompts?|guard|system|previous|above)\b/i,
  /\b(system prompt|developer mode|jailbreak|you are now|act as|pretend to be|DAN)\b/,
  /\b(drop|truncate|alter|delete|insert|update|grant|revoke|attach|detach|copy|pragma|install|load|export|create)\s+(table|database|schema|view|into|from|extension|user|role|\*|all|records?|rows?|data)\b/i,
  /\bselect\b[\s\S]{0,200}\bfrom\b/i,
  /\bunion\s+(all\s+)?select\b/i,
  /;\s*(drop|delete|select|insert|update|attach|copy|create|alter|pragma)\b/i,
  /'\s*(or|and)\s+'?\d*'?\s*=\s*'?\d*/i,
  /(--|\/\*|\*\/|;)\s*$/m,
  /\b(read_csv|read_parquet|read_text|read_blob|glob|getenv|current_setting)\s*\(/i,
  /\b(run|execute|exec)\b.{0,20}\b(sql|query|command|shell|code)\b/i,
  /`{3}|<\/?script>|\$\(|\bos\.|\bprocess\.env\b|\/etc\/passwd/i,
];

export function looksLikeInjection(question: string): boolean {
  return INJECTION_PATTERNS.some((re) => re.test(question));
}
