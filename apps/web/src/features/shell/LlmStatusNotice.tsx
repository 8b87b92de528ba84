import { Notice } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

/** `system.config`: public feature flags. They change only when the server restarts. */
export function useSystemConfig() {
  return trpc.system.config.useQuery(undefined, { staleTime: 5 * 60_000 });
}

/** Says clearly when no LLM provider is configured; renders nothing when chat is available. */
export function LlmStatusNotice() {
  const config = useSystemConfig();
  if (config.isError) {
    return (
      <Notice tone="danger" title="Couldn't load the server configuration">
        {getErrorMessage(config.error)}
      </Notice>
    );
  }
  if (!config.data || config.data.features.llm) return null;
  return (
    <Notice tone="info" role="status" title="No model provider configured">
      Set <code className="font-mono text-[13px]">OPENAI_API_KEY</code> /{' '}
      <code className="font-mono text-[13px]">OPENAI_BASE_URL</code> on the server to enable chat.
      Everything else works without it.
    </Notice>
  );
}
