/**
 * One canonical name per Indian state and union territory, and the spellings seen in retailer exports
 * (upper/lower case, old names, misspellings, vehicle-registration codes). Keys are normalised with
 * `stateKey()`: lower case, letters only, so 'ANDAMAN & NICOBAR ' and 'Andaman and Nicobar' meet.
 */
export const CANONICAL_STATES = [
  'Andhra Pradesh',
  'Arunachal Pradesh',
  'Assam',
  'Bihar',
  'Chhattisgarh',
  'Goa',
  'Gujarat',
  'Haryana',
  'Himachal Pradesh',
  'Jharkhand',
  'Karnataka',
  'Kerala',
  'Madhya Pradesh',
  'Maharashtra',
  'Manipur',
  'Meghalaya',
  'Mizoram',
  'Nagaland',
  'Odisha',
  'Punjab',
  'Rajasthan',
  'Sikkim',
  'Tamil Nadu',
  'Telangana',
  'Tripura',
  'Uttar Pradesh',
  'Uttarakhand',
  'West Bengal',
  // Union territories
  'Andaman and Nicobar Islands',
  'Chandigarh',
  'Dadra and Nagar Haveli and Daman and Diu',
  'Delhi',
  'Jammu and Kashmir',
  'Ladakh',
  'Lakshadweep',
  'Puducherry',
] as const;

export type CanonicalState = (typeof CANONICAL_STATES)[number];

/** Lower case, letters only; 'and' and '&' vanish so both spellings meet. */
export function stateKey(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\band\b/g, ' ')
    .replace(/[^a-z]/g, '');
}

/** Alternative spellings and codes → canonical name. Canonical names themselves are added below. */
const ALIASES: Record<string, CanonicalState> = {
  // Old names and common misspellings
  orissa: 'Odisha',
  odisa: 'Odisha',
  pondicherry: 'Puducherry',
  pondichery: 'Puducherry',
  rajshthan: 'Rajasthan',
  rajsthan: 'Rajasthan',
  rajastan: 'Rajasthan',
  maharastra: 'Maharashtra',
  maharashra: 'Maharashtra',
  tamilnadu: 'Tamil Nadu',
  tamilnad: 'Tamil Nadu',
  telengana: 'Telangana',
  telangna: 'Telangana',
  chattisgarh: 'Chhattisgarh',
  chhatisgarh: 'Chhattisgarh',
  chhattisgadh: 'Chhattisgarh',
  uttaranchal: 'Uttarakhand',
  uttrakhand: 'Uttarakhand',
  uttarpradesh: 'Uttar Pradesh',
  westbengal: 'West Bengal',
  newdelhi: 'Delhi',
  nctofdelhi: 'Delhi',
  nationalcapitalterritoryofdelhi: 'Delhi',
  andamannicobar: 'Andaman and Nicobar Islands',
  andamannicobarislands: 'Andaman and Nicobar Islands',
  jammukashmir: 'Jammu and Kashmir',
  dadranagar: 'Dadra and Nagar Haveli and Daman and Diu',
  dadranagarhaveli: 'Dadra and Nagar Haveli and Daman and Diu',
  damandiu: 'Dadra and Nagar Haveli and Daman and Diu',
  punjabmohalizirakpur: 'Punjab',
  // Vehicle-registration / ISO 3166-2:IN codes used as state names
  ap: 'Andhra Pradesh',
  ar: 'Arunachal Pradesh',
  as: 'Assam',
  br: 'Bihar',
  cg: 'Chhattisgarh',
  ct: 'Chhattisgarh',
  ga: 'Goa',
  gj: 'Gujarat',
  hr: 'Haryana',
  hp: 'Himachal Pradesh',
  jh: 'Jharkhand',
  ka: 'Karnataka',
  kl: 'Kerala',
  mp: 'Madhya Pradesh',
  mh: 'Maharashtra',
  mn: 'Manipur',
  ml: 'Meghalaya',
  mz: 'Mizoram',
  nl: 'Nagaland',
  od: 'Odisha',
  or: 'Odisha',
  pb: 'Punjab',
  rj: 'Rajasthan',
  sk: 'Sikkim',
  tn: 'Tamil Nadu',
  ts: 'Telangana',
  tg: 'Telangana',
  tr: 'Tripura',
  up: 'Uttar Pradesh',
  uk: 'Uttarakhand',
  ut: 'Uttarakhand',
  wb: 'West Bengal',
  an: 'Andaman and Nicobar Islands',
  ch: 'Chandigarh',
  dn: 'Dadra and Nagar Haveli and Daman and Diu',
  dd: 'Dadra and Nagar Haveli and Daman and Diu',
  dh: 'Dadra and Nagar Haveli and Daman and Diu',
  dl: 'Delhi',
  jk: 'Jammu and Kashmir',
  la: 'Ladakh',
  ld: 'Lakshadweep',
  py: 'Puducherry',
};

/** Every key (canonical names and aliases) → canonical name. */
export function stateAliasEntries(): [key: string, canonical: CanonicalState][] {
  const map = new Map<string, CanonicalState>();
  for (const name of CANONICAL_STATES) map.set(stateKey(name), name);
  for (const [alias, name] of Object.entries(ALIASES)) map.set(stateKey(alias), name);
  return [...map.entries()];
}

/** The canonical name for a raw state value, or null when it is not an Indian state/UT (e.g. 'APO'). */
export function canonicalState(raw: string | null | undefined): CanonicalState | null {
  if (raw == null) return null;
  const key = stateKey(raw);
  if (!key) return null;
  for (const [k, v] of stateAliasEntries()) if (k === key) return v;
  return null;
}
