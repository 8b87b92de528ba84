import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * GitHub's sanitising rules (no script, no event handlers, no `javascript:` URLs, no iframes, no
 * style attributes, ids prefixed `user-content-`) plus only what the renderer itself needs: the
 * `math-inline` / `math-display` classes remark-math puts on formulas. KaTeX and the highlighter
 * run AFTER sanitising, so their trusted markup is not filtered.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./, 'math-inline', 'math-display']],
  },
  // Drop these elements with their content (by default only <script> is), so CSS or template
  // text does not leak into the answer as visible text.
  strip: [...(defaultSchema.strip ?? []), 'style', 'template', 'title'],
};
