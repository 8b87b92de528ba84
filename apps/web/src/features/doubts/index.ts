export { ConversationTools, type ConversationToolsWiring } from './ConversationTools';
export {
  useConversationTools,
  type ConversationTools as ConversationToolsApi,
} from './toolsContext';
