export { AttachedMemories } from './AttachedMemories';
export { memoryAttachments } from './attachments';
export { ConversationPinsButton } from './ConversationPins';
export { MemoriesUsed } from './MemoriesUsed';
export { MemorySuggestions } from './MemorySuggestions';
export { useMemoryPalette } from './useMemoryPalette';
