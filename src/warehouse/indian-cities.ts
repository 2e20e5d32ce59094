import { CANONICAL_STATES } from './indian-states.js';

/**
 * One canonical name per city, over the raw ship-city values ("BENGALURU 560037", "BENGALURU-97", "BENGALURU.",
 * "Bangalore", "MAHADEVAPURA, BANGALORE"), as indian-states.ts does for states. Hand-written: no maintained
 * library covers Indian city spellings, old names and the locality-before-city habit of this export. A value that
 * names no known city is kept, cleaned and in title case, never guessed.
 */
const CITIES: Record<string, string[]> = {
  Bengaluru: ['BANGALORE', 'BANGLORE', 'BANGALURU', 'BENGALURU', 'BENGALORE', 'BLR'],
  Mumbai: ['BOMBAY'],
  'Navi Mumbai': ['NAVIMUMBAI', 'NEW MUMBAI'],
  Thane: [],
  'New Delhi': [],
  Delhi: [],
  Gurugram: ['GURGAON', 'GURGRAM'],
  Noida: [],
  'Greater Noida': [],
  Ghaziabad: [],
  Faridabad: [],
  Kolkata: ['CALCUTTA'],
  Howrah: [],
  Chennai: ['MADRAS'],
  Hyderabad: ['HYDRABAD', 'HYDERBAD', 'HYD'],
  Secunderabad: [],
  Pune: ['POONA'],
  'Pimpri Chinchwad': ['PIMPRI CHINCHWAD', 'PIMPRI-CHINCHWAD'],
  Ahmedabad: ['AHMADABAD'],
  Surat: [],
  Vadodara: ['BARODA'],
  Rajkot: [],
  Jaipur: [],
  Jodhpur: [],
  Udaipur: [],
  Lucknow: [],
  Kanpur: [],
  Agra: [],
  Varanasi: ['BANARAS', 'BENARES'],
  Prayagraj: ['ALLAHABAD'],
  Nagpur: [],
  Nashik: ['NASIK'],
  Aurangabad: [],
  Indore: [],
  Bhopal: [],
  Patna: [],
  Ranchi: [],
  Raipur: [],
  Bhubaneswar: ['BHUBANESHWAR'],
  Guwahati: ['GAUHATI'],
  Chandigarh: [],
  Mohali: [],
  Panchkula: [],
  Zirakpur: [],
  Ludhiana: [],
  Amritsar: [],
  Jammu: [],
  Srinagar: [],
  Dehradun: [],
  Kochi: ['COCHIN'],
  Ernakulam: [],
  Thiruvananthapuram: ['TRIVANDRUM'],
  Kozhikode: ['CALICUT'],
  Thrissur: ['TRICHUR'],
  Coimbatore: [],
  Madurai: [],
  Tiruchirappalli: ['TRICHY'],
  Mysuru: ['MYSORE'],
  Mangaluru: ['MANGALORE'],
  Belagavi: ['BELGAUM'],
  Hubballi: ['HUBLI'],
  Visakhapatnam: ['VIZAG', 'VISHAKHAPATNAM'],
  Vijayawada: [],
  Puducherry: ['PONDICHERRY'],
  Goa: [],
  Panaji: ['PANJIM'],
  Meerut: [],
};

const key = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '');
const BY_KEY = new Map<string, string>();
for (const [name, aliases] of Object.entries(CITIES))
  for (const alias of [name, ...aliases]) BY_KEY.set(key(alias), name);
/** Longest first, so "NERUL NAVI MUMBAI" ends in Navi Mumbai, not Mumbai. */
const NAMES_BY_LENGTH = [...BY_KEY.keys()].sort((a, b) => b.length - a.length);
const STATE_KEYS = new Set(CANONICAL_STATES.map(key));
const STATE_SUFFIXES = CANONICAL_STATES.map((s) => new RegExp(`\\s+${s.toUpperCase()}$`));
const AREA_WORDS = /\b(EAST|WEST|NORTH|SOUTH|CENTRAL|URBAN|RURAL|CITY|DISTRICT|DIST)\b/g;

/** PIN codes ("560037", "400 020", "PIN 400080", "-97"), punctuation and spacing removed; upper case. */
export function cleanCityText(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/\bPIN(CODE)?\b/g, ' ')
    .replace(/\d[\d\s]*/g, ' ')
    .replace(/[^A-Z,]+/g, ' ')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s+/g, ' ')
    .replace(/^[ ,]+|[ ,]+$/g, '');
}

function knownCity(part: string): string | null {
  const k = key(part);
  if (!k) return null;
  const exact = BY_KEY.get(k) ?? BY_KEY.get(key(part.replace(AREA_WORDS, '')));
  if (exact) return exact;
  // "CHEMBUR MUMBAI", "BENGALURUBANGALORE", "MUMBAIMUMBAI": a locality or a repeat before the city.
  const suffix = NAMES_BY_LENGTH.find((n) => n.length >= 4 && k.endsWith(n));
  if (suffix) return BY_KEY.get(suffix)!;
  return typoOf(k);
}

/** "HYDERABA", "BENGALUR", "BENGALURE": one letter off a long known name (short names are too easily confused). */
function typoOf(k: string): string | null {
  if (k.length < 7) return null;
  for (const name of NAMES_BY_LENGTH)
    if (name.length >= 7 && Math.abs(name.length - k.length) <= 1 && withinOneEdit(k, name))
      return BY_KEY.get(name)!;
  return null;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

export function canonicalCity(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = cleanCityText(raw);
  if (!cleaned) return null;
  // "NEW TOWN, KOLKATA", "MUMBAI, BANDRA EAST", "DURGAPUR, WEST BENGAL": the part that is a city, last first;
  // a state named after the city is not the city.
  const parts = cleaned.split(',').filter((p) => p && !STATE_KEYS.has(key(p)));
  // "MUMBAI MAHARASHTRA": a trailing state name is not part of the city (but "NEW DELHI" is a city).
  const withoutState = (p: string) => STATE_SUFFIXES.reduce((text, suffix) => text.replace(suffix, ''), p);
  for (const part of [...parts].reverse()) {
    const known = knownCity(part) ?? knownCity(withoutState(part));
    if (known) return known;
  }
  return titleCase(withoutState(parts[0] ?? cleaned.replace(/,/g, ' ')).trim()) || null;
}
