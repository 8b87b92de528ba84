import { z } from 'zod';

export const PROMPT_SCOPES = ['personal', 'global'] as const;
export type PromptScope = (typeof PROMPT_SCOPES)[number];

/** Placeholders filled at read time; no prompt may take one of these names. */
export const PROMPT_DYNAMIC_NAMES = [
  'date',
  'time',
  'weekday',
  'datetime',
  'year',
  'month',
] as const;

export const PROMPT_LIMITS = {
  nameMax: 64,
  contentMax: 50_000,
  /** Size of a prompt once its includes are expanded. */
  composedMax: 200_000,
  /** How deep `{other_prompt}` includes may nest. */
  includeDepth: 10,
  descriptionMax: 1000,
  categoryMax: 64,
  tagsMax: 20,
  tagMax: 40,
} as const;

export const promptNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_]{0,63}$/,
    'Prompt names are 1–64 lowercase letters, digits or underscores, starting with a letter or digit',
  );

const newPromptName = promptNameSchema.refine(
  (n) => !(PROMPT_DYNAMIC_NAMES as readonly string[]).includes(n),
  `These names are reserved for values filled in automatically: ${PROMPT_DYNAMIC_NAMES.join(', ')}`,
);

export const promptContentSchema = z
  .string()
  .max(
    PROMPT_LIMITS.contentMax,
    `A prompt can be at most ${PROMPT_LIMITS.contentMax.toLocaleString('en-US')} characters`,
  )
  .refine((s) => s.trim().length > 0, 'A prompt needs some content');

const description = z
  .string()
  .trim()
  .max(
    PROMPT_LIMITS.descriptionMax,
    `A description can be at most ${PROMPT_LIMITS.descriptionMax} characters`,
  );

const category = z
  .string()
  .trim()
  .max(
    PROMPT_LIMITS.categoryMax,
    `A category can be at most ${PROMPT_LIMITS.categoryMax} characters`,
  );

/** Trimmed, non-empty, de-duplicated. */
const tags = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'Tags cannot be empty')
      .max(PROMPT_LIMITS.tagMax, `A tag can be at most ${PROMPT_LIMITS.tagMax} characters`),
  )
  .max(PROMPT_LIMITS.tagsMax, `A prompt can have at most ${PROMPT_LIMITS.tagsMax} tags`)
  .transform((list) => [...new Set(list)]);

export const promptScopeSchema = z.enum(PROMPT_SCOPES);

/**
 * Which prompt a name means: without `scope`, the caller's personal prompt if there is one
 * (it shadows a global prompt of the same name), else the global one.
 */
export const promptNameInput = z.object({
  name: promptNameSchema,
  scope: promptScopeSchema.optional(),
});

export const getPromptInput = promptNameInput.extend({
  /** Default true. False returns the raw text as `content` too (to repair broken includes). */
  compose: z.boolean().optional(),
});

export const createPromptInput = z.object({
  name: newPromptName,
  content: promptContentSchema,
  description: description.optional(),
  category: category.optional(),
  tags: tags.optional(),
  /** Default 'personal'; 'global' is for administrators. */
  scope: promptScopeSchema.optional(),
});

/** Fields left out keep their current value. */
export const updatePromptInput = z
  .object({
    name: promptNameSchema,
    scope: promptScopeSchema.optional(),
    content: promptContentSchema.optional(),
    description: description.optional(),
    category: category.optional(),
    tags: tags.optional(),
  })
  .refine(
    (p) =>
      p.content !== undefined ||
      p.description !== undefined ||
      p.category !== undefined ||
      p.tags !== undefined,
    'Nothing to update: give content, description, category or tags',
  );

export type CreatePromptInput = z.infer<typeof createPromptInput>;
export type UpdatePromptInput = z.infer<typeof updatePromptInput>;

export interface PromptSummary {
  name: string;
  description: string;
  category: string;
  tags: string[];
  version: number;
  scope: PromptScope;
  /** Personal prompts always; global ones only for administrators. */
  editable: boolean;
  /** A global prompt hidden for this caller by a personal prompt of the same name. */
  shadowed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface PromptDetail {
  name: string;
  /** Composed: includes expanded, date/time values filled in. */
  content: string;
  /** As stored. */
  rawContent: string;
  description: string;
  category: string;
  tags: string[];
  version: number;
  scope: PromptScope;
  editable: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One entry of `prompts.versions`, newest first; the first entry is the current version. */
export interface PromptVersion {
  version: number;
  content: string;
  description: string;
  category: string;
  tags: string[];
  createdAt: Date;
  current: boolean;
}
