import { PromptLibrary } from '../features/prompts/PromptLibrary';

/** `/prompts` (lazy): the prompt library. `?prompt=<name>&scope=<scope>` selects one. */
export function PromptsPage() {
  return <PromptLibrary />;
}
