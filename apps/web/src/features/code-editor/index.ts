export { CodeEditorButton } from './CodeEditorButton';
export { CodeEditorTool } from './CodeEditorTool';
