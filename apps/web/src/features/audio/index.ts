export { ReadAloudButton } from './ReadAloudButton';
export { VoiceInputButton } from './VoiceInputButton';
