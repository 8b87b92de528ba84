export {
  ConversationView,
  type ConversationAsideView,
  type ConversationViewProps,
} from './ConversationView';
export { SharedConversationView } from './SharedConversationView';
