/** Links to the Memory page, remembering the conversation it was opened from. */
export function memoryPageLink({
  conversationId,
  query,
  tab,
}: { conversationId?: string | undefined; query?: string; tab?: string } = {}): string {
  const params = new URLSearchParams();
  if (tab) params.set('tab', tab);
  if (conversationId) params.set('c', conversationId);
  if (query) params.set('q', query.slice(0, 200));
  const search = params.toString();
  return search ? `/memory?${search}` : '/memory';
}
