import { describe, expect, it } from 'vitest';
import { mentionsMemoryPad, parseChatMessage } from './commands.js';

describe('parseChatMessage', () => {
  it('leaves plain text alone', () => {
    expect(parseChatMessage('  What is a trace tree?  ')).toEqual({
      text: 'What is a trace tree?',
      temporary: false,
      deletePreviousTurn: false,
      memoryIds: [],
    });
  });

  it('reads chained commands at the start', () => {
    const parsed = parseChatMessage('/temp /history 3 /detailed 4 explain guards');
    expect(parsed).toMatchObject({
      temporary: true,
      historyTurns: 3,
      detail: 4,
      text: 'explain guards',
    });
  });

  it('takes /title up to the end of the line, alone or followed by a question', () => {
    expect(parseChatMessage('/title Tracing JITs')).toMatchObject({
      title: 'Tracing JITs',
      text: '',
    });
    expect(parseChatMessage('/title Notes\nWhat next?')).toMatchObject({
      title: 'Notes',
      text: 'What next?',
    });
  });

  it('reads /delete and memory references, de-duplicated', () => {
    const parsed = parseChatMessage('/delete use @memory:abc-1 and @memory:abc-1 and @memory:x_2');
    expect(parsed.deletePreviousTurn).toBe(true);
    expect(parsed.memoryIds).toEqual(['abc-1', 'x_2']);
  });

  it('does not treat commands in the middle, or malformed ones, as commands', () => {
    expect(parseChatMessage('please /temp this').temporary).toBe(false);
    expect(parseChatMessage('/detailed 9 x')).toMatchObject({ text: '/detailed 9 x' });
    expect(parseChatMessage('/history x')).toMatchObject({ text: '/history x' });
    expect(parseChatMessage('/temperature is high').temporary).toBe(false);
  });

  it('caps /history at 100 turns', () => {
    expect(parseChatMessage('/history 999 q').historyTurns).toBe(100);
  });
});

describe('document commands', () => {
  it('reads #summary_doc_N and #full_doc_N as the whole message, after slash commands', () => {
    expect(parseChatMessage('#summary_doc_2')).toMatchObject({
      text: '#summary_doc_2',
      documentCommand: { kind: 'summary', ordinal: 2 },
    });
    expect(parseChatMessage('/temp  #FULL_DOC_12 ')).toMatchObject({
      temporary: true,
      text: '#FULL_DOC_12',
      documentCommand: { kind: 'full', ordinal: 12 },
    });
  });

  it('leaves document commands inside other text, or malformed, as text', () => {
    expect(parseChatMessage('compare #summary_doc_2 with x').documentCommand).toBeUndefined();
    expect(parseChatMessage('#summary_doc_2 and more').documentCommand).toBeUndefined();
    expect(parseChatMessage('#full_doc_').documentCommand).toBeUndefined();
    expect(parseChatMessage('#full_doc_12345').documentCommand).toBeUndefined();
    expect(parseChatMessage('#doc_2').documentCommand).toBeUndefined();
  });
});

describe('mentionsMemoryPad', () => {
  it('spots both spellings', () => {
    expect(mentionsMemoryPad('check the memory pad')).toBe(true);
    expect(mentionsMemoryPad('use memory_pad')).toBe(true);
    expect(mentionsMemoryPad('memorypad')).toBe(false);
  });
});
