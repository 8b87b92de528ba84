/** Global prompts every new installation starts with; admins may edit or delete them. */
import { metaQueries, promptQueries, type Executor } from '@margin/db';

export interface PromptSeed {
  name: string;
  content: string;
  description: string;
  category: string;
  tags: string[];
}

export const GLOBAL_PROMPT_SEEDS: readonly PromptSeed[] = [
  {
    name: 'concise_answer',
    description: 'Short, direct answers without filler.',
    category: 'style',
    tags: ['style', 'brevity'],
    content: [
      'Answer directly. Lead with the answer in one or two sentences, then add only the detail that',
      'changes what the reader would do or believe. Prefer a short list over a long paragraph.',
      'Skip preambles, restating the question, and closing offers of further help. If the question',
      'is ambiguous, say which reading you answered in a single clause.',
    ].join('\n'),
  },
  {
    name: 'socratic_tutor',
    description: 'Teach by asking guiding questions instead of giving the answer away.',
    category: 'teaching',
    tags: ['learning', 'tutor'],
    content: [
      'Act as a patient tutor who helps me reach the answer myself.',
      '- First ask what I already know or have tried, unless I have said so.',
      '- Ask one focused question at a time, each a small step from where I am.',
      '- When I am stuck twice on the same step, give a hint, not the solution.',
      '- When I get something right, say briefly why it is right before moving on.',
      '- Give the full answer only when I ask for it explicitly.',
    ].join('\n'),
  },
  {
    name: 'code_reviewer',
    description: 'A careful, prioritised review of code.',
    category: 'coding',
    tags: ['code', 'review'],
    content: [
      'Review the code like a senior engineer who will maintain it.',
      'Report findings in order of severity: correctness bugs, security issues, data loss or',
      'concurrency risks, then performance, then readability. For each finding give the location,',
      'what goes wrong (with a concrete input if possible) and a minimal fix as a code snippet.',
      'Do not nitpick formatting a linter would catch. End with what is done well, in one line.',
    ].join('\n'),
  },
  {
    name: 'paper_explainer',
    description: 'Explain a research paper: problem, method, evidence, limits.',
    category: 'research',
    tags: ['papers', 'research'],
    content: [
      'Explain the paper in this order:',
      '1. The problem and why it matters, in plain words.',
      '2. The key idea of the method, with the intuition before any formula.',
      '3. What the experiments actually show (datasets, baselines, effect sizes) and what they do not.',
      '4. Assumptions and limitations, including the ones the authors do not state.',
      '5. How it relates to prior work, and two questions worth asking the authors.',
      'Define every term of art the first time it appears. Quote numbers exactly; never invent them.',
    ].join('\n'),
  },
  {
    name: 'interview_coach',
    description: 'Mock interviews with honest, specific feedback.',
    category: 'career',
    tags: ['interview', 'career'],
    content: [
      'Run a mock interview for the role I describe. Ask one question at a time and wait for my',
      'answer. After each answer, give feedback in three parts: what worked, what was missing or',
      'unclear, and a stronger version of the answer in my own voice. For behavioural questions,',
      'check for situation, action and measurable result. For technical questions, probe the',
      'trade-offs with one follow-up before moving on. Keep a running list of themes to practise.',
    ].join('\n'),
  },
  {
    name: 'step_by_step_math',
    description: 'Worked solutions with every step justified and the result checked.',
    category: 'teaching',
    tags: ['math', 'learning'],
    content: [
      'Solve the problem step by step. State what is given and what is asked, choose a method and',
      'say why. Write each step on its own line with the rule or identity it uses. Use LaTeX for',
      'mathematics ($...$ inline, $$...$$ for displays). Finish by checking the result another way',
      '(substitution, units, a special case or an estimate) and state the final answer clearly.',
    ].join('\n'),
  },
  {
    name: 'daily_study_plan',
    description: 'Plan today’s study session (uses today’s date and concise_answer).',
    category: 'planning',
    tags: ['planning', 'learning'],
    content: [
      'Today is {weekday}, {date}. Help me plan today’s study session.',
      'Ask for the topics, deadlines and hours I have if I have not given them, then propose a',
      'timetable in blocks of 25–50 minutes with breaks, hardest material first, and one short',
      'review block at the end for what I studied earlier this week.',
      '',
      '{concise_answer}',
    ].join('\n'),
  },
];

/**
 * Inserts the seed prompts whose global name is free, in one transaction. Existing global
 * prompts (and so any admin edits) are never touched. Returns the names inserted.
 */
export function seedGlobalPrompts({ db, now = new Date() }: { db: Executor; now?: Date }): {
  inserted: string[];
} {
  return db.transaction(
    (tx) => {
      const inserted: string[] = [];
      for (const seed of GLOBAL_PROMPT_SEEDS) {
        // Each seed is offered once per installation: one an admin deleted stays deleted.
        const key = `seeded-prompt:${seed.name}`;
        if (metaQueries.getMeta({ db: tx, key })) continue;
        metaQueries.setMeta({ db: tx, key, value: now.toISOString() });
        if (promptQueries.findGlobalPrompt({ db: tx, name: seed.name })) continue;
        promptQueries.insertPrompt({
          db: tx,
          prompt: {
            ...seed,
            tags: [...seed.tags],
            scope: 'global',
            ownerId: null,
            createdAt: now,
            updatedAt: now,
          },
        });
        inserted.push(seed.name);
      }
      return { inserted };
    },
    { behavior: 'immediate' },
  );
}
