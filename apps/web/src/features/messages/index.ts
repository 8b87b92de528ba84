export { MessageActionsProvider } from './MessageActionsProvider';
export { AssistantLabel, MessageCard, UserBubble } from './MessageCard';
export { MessageList } from './MessageList';
export { SELECTION_BAR_SPACE, SelectionBar } from './SelectionBar';
export { useInvalidateMessages, useMessagePages } from './useMessages';
export { useMessageSelection, type MessageSelection } from './useSelection';
export {
  MessageExtensionsContext,
  useMessageExtensions,
  type MessageExtensions,
} from './extensions';
