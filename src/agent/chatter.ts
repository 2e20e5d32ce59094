/**
 * Chatter in a thread the bot follows ("thanks!", "ok cool", "👍", ":+1: nice one"): a reply made only of thanks,
 * acknowledgement, praise, laughter and emoji. The Assistant ignores such an unaddressed reply before any query or
 * model call. Deliberately narrow: a reply with a question mark, a digit or any other word is read as a question
 * (and, unaddressed, still ignored when it turns out to be none), and words that can answer the bot ("yes", "no",
 * "sure", "please") are not chatter. The planner keeps its own cue words (data/cues.yml); this list is only the
 * Assistant's shortcut.
 */
const CHATTER_WORDS = new Set(
  [
    // thanks
    'thanks thank thx thnx tnx ty tysm tyvm cheers ta appreciate appreciated much lot lots',
    // acknowledgement
    'ok okay okey okie k kk cool noted understood got it gotcha makes sense see ah oh alright fine roger ack will do',
    // praise
    'great nice awesome perfect excellent brilliant amazing super superb wonderful fantastic neat sweet lovely',
    'good wow legend exactly helpful useful job work done well love stuff one',
    // laughter
    'lol lmao haha hahaha hehe',
    // the small words around them
    'that thats this it its is was so very really a you u all again for the me just what i needed mate guys',
  ].flatMap((line) => line.split(' ')),
);

/** A reply this long is a sentence of its own, not chatter. */
const MAX_CHATTER_WORDS = 8;

// Slack writes emoji as :shortcodes: (with skin tones as ::skin-tone-2:); people also type them as characters.
const SLACK_EMOJI = /:[a-z0-9_+'-]+:/g;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu;
const PUNCTUATION = /[!.,;:~…*_()"-]+/g;

/** True when the whole text is chatter (see above); empty text is not. */
export function isChatter(text: string): boolean {
  const lowered = text.toLowerCase().trim();
  if (!lowered || lowered.includes('?')) return false;
  const spoken = lowered.replace(SLACK_EMOJI, ' ').replace(EMOJI, ' ');
  // A number is data ("ok 5", "top 3"), unless it is part of an emoji's code (":+1:").
  if (/\d/.test(spoken)) return false;
  const words = spoken
    .replace(/['’]/g, '') // "that's" reads as "thats"
    .replace(PUNCTUATION, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > MAX_CHATTER_WORDS) return false;
  return words.every(isChatterWord);
}

/** A word as typed, or stretched ("thanksss", "cooool", "sooo"). */
function isChatterWord(word: string): boolean {
  if (CHATTER_WORDS.has(word)) return true;
  const once = word.replace(/(.)\1{2,}/g, '$1');
  const twice = word.replace(/(.)\1{2,}/g, '$1$1');
  return CHATTER_WORDS.has(once) || CHATTER_WORDS.has(twice);
}
