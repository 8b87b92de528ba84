import { describe, expect, it } from 'vitest';
import { exitLabel, formatRunDuration, runnableLanguage } from './languages';

describe('runnableLanguage', () => {
  const both = ['python', 'javascript'];
  it('maps fence names to runner languages', () => {
    expect(runnableLanguage('python', both)).toBe('python');
    expect(runnableLanguage('py', both)).toBe('python');
    expect(runnableLanguage('Python3', both)).toBe('python');
    expect(runnableLanguage('js', both)).toBe('javascript');
    expect(runnableLanguage('javascript', both)).toBe('javascript');
    expect(runnableLanguage('node', both)).toBe('javascript');
  });
  it('refuses other languages and languages the server lacks', () => {
    expect(runnableLanguage('ts', both)).toBeUndefined();
    expect(runnableLanguage('bash', both)).toBeUndefined();
    expect(runnableLanguage(undefined, both)).toBeUndefined();
    expect(runnableLanguage('python', ['javascript'])).toBeUndefined();
    expect(runnableLanguage('js', [])).toBeUndefined();
  });
});

describe('formatRunDuration', () => {
  it('uses ms below a second, seconds above', () => {
    expect(formatRunDuration(0)).toBe('0 ms');
    expect(formatRunDuration(123.4)).toBe('123 ms');
    expect(formatRunDuration(2400)).toBe('2.4 s');
    expect(formatRunDuration(12_600)).toBe('13 s');
  });
});

describe('exitLabel', () => {
  it('says why a run ended', () => {
    expect(exitLabel(0, false)).toBe('Exit code 0');
    expect(exitLabel(3, false)).toBe('Exit code 3');
    expect(exitLabel(null, true)).toBe('Stopped: time limit');
    expect(exitLabel(null, false)).toBe('Stopped');
  });
});
