import { describe, expect, it } from 'vitest';
import { normalizeUrl, urlProblem } from './url';

describe('normalizeUrl', () => {
  it('adds https:// to a bare host and leaves full addresses alone', () => {
    expect(normalizeUrl(' arxiv.org/abs/2401.00001 ')).toBe('https://arxiv.org/abs/2401.00001');
    expect(normalizeUrl('example.com')).toBe('https://example.com');
    expect(normalizeUrl('example.com:8080/x')).toBe('https://example.com:8080/x');
    expect(normalizeUrl('http://example.com/a.pdf')).toBe('http://example.com/a.pdf');
    expect(normalizeUrl('ftp://example.com/a.pdf')).toBe('ftp://example.com/a.pdf');
    expect(normalizeUrl('not a url')).toBe('not a url');
  });
});

describe('urlProblem', () => {
  it('accepts http(s) and explains everything else', () => {
    expect(urlProblem('https://example.com/paper.pdf')).toBeUndefined();
    expect(urlProblem('')).toBe('Enter a web address');
    expect(urlProblem('not a url')).toMatch(/full web address/);
    expect(urlProblem('ftp://example.com/a.pdf')).toMatch(/starting with http:\/\/ or https:\/\//);
    expect(urlProblem('javascript:alert(1)')).toBeDefined();
  });
});
