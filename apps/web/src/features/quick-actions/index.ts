export { QuickChatTool } from './QuickChatTool';
export { SelectionToolbar } from './SelectionToolbar';
