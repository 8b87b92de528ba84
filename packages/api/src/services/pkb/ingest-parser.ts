/**
 * The rule-based notes parser: what `pkb.ingestText` uses without a `fast` model (or when the
 * model fails). One candidate memory per line (long prose lines are split into sentences), with
 * type and domain guessed from keywords. Pure, so it is cheap to test exhaustively.
 */
import { PKB_LIMITS, type ClaimDomain, type ClaimType } from '@margin/shared';

/** A memory extracted from text, before it is matched against the user's existing ones. */
export interface Candidate {
  statement: string;
  type: ClaimType;
  domain: ClaimDomain;
  confidence: number;
}

/** What a guessed (not model-judged) candidate is worth. */
export const RULE_CONFIDENCE = 0.7;
const MIN_CHARS = 5;
/** A line ending in ':' shorter than this is a heading ("Work stuff:"), not a statement. */
const HEADING_MAX_CHARS = 50;
/** Prose lines longer than this are split into sentences; short ones stay whole. */
const SPLIT_ABOVE_CHARS = 160;

const HEADER_LINES = new Set([
  'user memory:',
  'memory:',
  'memories:',
  'facts:',
  'notes:',
  'about me:',
  'preferences:',
  'my notes:',
]);
const RULE_LINE = /^[-*_=~#]{3,}$/;
const MARKDOWN_HEADING = /^#{1,6}\s/;
const BULLET = /^(?:[-*+•·→>]|->)\s+/u;
const NUMBERING = /^\d+[.)\-:]\s*/;
const CHECKBOX = /^\[[ xX]\]\s+/;

function words(list: string[]): RegExp {
  return new RegExp(`\\b(?:${list.join('|')})\\b`, 'i');
}

/**
 * Type keywords in priority order. `memory` comes first: its phrases are specific, and the
 * original checked `reminder` ("remember") before them, so "I remember when…" never became a
 * memory.
 */
const TYPE_RULES: [ClaimType, RegExp][] = [
  ['memory', words(['remember when', 'back in', 'years ago', 'used to'])],
  [
    'preference',
    words([
      'prefer\\w*',
      'likes?',
      'wants?',
      'loves?',
      'enjoy\\w*',
      'favou?rite',
      'hates?',
      'dislike\\w*',
    ]),
  ],
  ['decision', words(['decided', 'will', 'going to', 'plan to', 'chose', 'selected'])],
  [
    'reminder',
    words([
      'remember',
      'remind\\w*',
      "don['’]t forget",
      'do not forget',
      'appointment',
      'deadline',
    ]),
  ],
  [
    'habit',
    words([
      'habit\\w*',
      'usually',
      'always',
      'every (?:day|week|morning|evening|night)',
      'routine',
    ]),
  ],
  ['task', words(['task', 'todo', 'to-do', 'need to', 'should', 'must', 'have to'])],
  ['observation', words(['noticed', 'observed', 'seems', 'appears', 'realized', 'realised'])],
];

const DOMAIN_RULES: [ClaimDomain, RegExp][] = [
  [
    'health',
    words([
      'health\\w*',
      'doctor',
      'dentist',
      'exercise',
      'workouts?',
      'gym',
      'running',
      'diet',
      'sleep\\w*',
      'medication',
      'allerg\\w*',
      'yoga',
      'therapy',
      'weight',
    ]),
  ],
  [
    'work',
    words([
      'work\\w*',
      'job',
      'office',
      'meetings?',
      'projects?',
      'boss',
      'manager',
      'colleagues?',
      'clients?',
      'career',
    ]),
  ],
  [
    'relationships',
    words([
      'wife',
      'husband',
      'partner',
      'friends?',
      'mom',
      'mum',
      'mother',
      'dad',
      'father',
      'sister',
      'brother',
      'family',
      'son',
      'daughter',
      'girlfriend',
      'boyfriend',
      'kids',
      'children',
      'parents',
      'anniversary',
    ]),
  ],
  [
    'learning',
    words([
      'learn\\w*',
      'study\\w*',
      'studies',
      'course',
      'books?',
      'reading',
      'class',
      'exams?',
      'university',
      'school',
      'language',
    ]),
  ],
  [
    'finance',
    words([
      'money',
      'budget',
      'bank',
      'invest\\w*',
      'savings?',
      'salary',
      'loan',
      'rent',
      'tax\\w*',
      'expenses?',
      'stocks?',
      'mortgage',
      'credit card',
    ]),
  ],
  [
    'life_ops',
    words([
      'groceries',
      'grocery',
      'cleaning',
      'laundry',
      'bills?',
      'car',
      'errands?',
      'chores?',
      'renew\\w*',
      'passport',
      'house',
    ]),
  ],
];

export function guessType(statement: string, fallback: ClaimType = 'fact'): ClaimType {
  return TYPE_RULES.find(([, re]) => re.test(statement))?.[0] ?? fallback;
}

export function guessDomain(statement: string, fallback: ClaimDomain = 'personal'): ClaimDomain {
  return DOMAIN_RULES.find(([, re]) => re.test(statement))?.[0] ?? fallback;
}

/** A line without its bullet, numbering or checkbox. */
function stripMarkers(line: string): string {
  return line.replace(BULLET, '').replace(NUMBERING, '').replace(CHECKBOX, '').trim();
}

function isHeader(line: string): boolean {
  return (
    HEADER_LINES.has(line.toLowerCase()) || RULE_LINE.test(line) || MARKDOWN_HEADING.test(line)
  );
}

/** Sentences of a long prose line; a short line is one statement, whatever its punctuation. */
export function splitSentences(line: string): string[] {
  if (line.length <= SPLIT_ABOVE_CHARS) return [line];
  return line
    .split(/(?<=[.!?])\s+(?=["'(\p{Lu}\p{N}])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Cuts an over-long statement at a word boundary so it still fits the claim limit. */
function clampStatement(text: string): string {
  if (text.length <= PKB_LIMITS.statementMax) return text;
  const cut = text.slice(0, PKB_LIMITS.statementMax - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > PKB_LIMITS.statementMax / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Candidates from pasted notes, in text order, by the rules above. */
export function parseNotes(text: string, defaultDomain: ClaimDomain = 'personal'): Candidate[] {
  const out: Candidate[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (!trimmed || isHeader(trimmed)) continue;
    const line = stripMarkers(trimmed);
    if (line.length < MIN_CHARS) continue;
    if (line.endsWith(':') && line.length < HEADING_MAX_CHARS) continue;
    for (const sentence of splitSentences(line)) {
      if (sentence.length < MIN_CHARS) continue;
      const statement = clampStatement(sentence);
      out.push({
        statement,
        type: guessType(statement),
        domain: guessDomain(statement, defaultDomain),
        confidence: RULE_CONFIDENCE,
      });
    }
  }
  return out;
}
