/** Streams one model call into a writer and the job's event log, ending the row correctly. */
import type { ChatMessage } from '../llm/client.js';
import { describeLlmError } from '../llm/client.js';
import { abortedByShutdown, type JobContext } from '../jobs/registry.js';
import type { AppServices } from '../../trpc.js';
import type { StreamWriter } from './message-writer.js';

/**
 * Returns undefined on success or the provider's error as a sentence (the text so far is kept and
 * the row marked `error`). An abort is re-thrown after marking the row cancelled/interrupted,
 * so the job ends `cancelled`.
 */
export async function streamInto({
  services,
  job,
  model,
  messages,
  writer,
  temperature,
  tagDeltas,
}: {
  services: AppServices;
  job: JobContext;
  model: string;
  messages: ChatMessage[];
  writer: StreamWriter;
  temperature: number;
  /** Put the writer's id on each delta (several answers stream in one job). */
  tagDeltas: boolean;
}): Promise<string | undefined> {
  try {
    for await (const text of services.llm.streamChat({
      model,
      messages,
      signal: job.signal,
      temperature,
    })) {
      writer.append(text);
      job.emit(tagDeltas ? { type: 'delta', messageId: writer.id, text } : { type: 'delta', text });
    }
    writer.finish('complete');
    return undefined;
  } catch (err) {
    if (job.signal.aborted) {
      writer.finish(abortedByShutdown(job.signal) ? 'interrupted' : 'cancelled');
      throw err;
    }
    const message = describeLlmError(err);
    writer.finish('error', message);
    return message;
  }
}
