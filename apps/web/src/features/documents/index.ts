export { AttachButton } from './AttachButton';
export { DocumentDropZone } from './DocumentDropZone';
export { DocumentsBar } from './DocumentsBar';
export { DocumentsProvider } from './DocumentsProvider';
export { useDocumentComposer } from './useDocumentComposer';
export { useReferencePalette } from './useReferencePalette';
