/**
 * Audio in the browser against the real server and the fake provider: "Read aloud" on an answer
 * (generation progress, then a playable MP3 served by /files/audio) and voice input through
 * Chromium's fake microphone (the transcription lands in the composer at the cursor).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, type OpenedPage, setUpFirstAdmin, newChat } from './harness';
import { fakeProviderPerFile } from './provider';

const ADMIN = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'analytical-engine-1843',
};
const ANSWER = Array.from(
  { length: 120 },
  (_, i) => `Sentence ${String(i + 1)} of a rather long spoken answer about engines.`,
).join(' ');

let main: OpenedPage | undefined;

const setup = fakeProviderPerFile({
  respond: (body) => {
    const text = JSON.stringify(body.messages);
    if (text.includes('<title>')) return { content: '<title>Engines</title><summary>s</summary>' };
    if (text.includes('<suggestion>')) return { content: '' };
    return { content: `# Engines\n\n${ANSWER}\n\n\`\`\`js\nrun()\n\`\`\`` };
  },
  // No MODELS: the catalogue is the chat model, labelled by its id.
  env: { MODELS: undefined, MODEL_TTS: 'fake-tts', MODEL_STT: 'fake-stt' },
});

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

const signUp = (page: Page) => setUpFirstAdmin(page, ADMIN);

describe('audio', () => {
  it('reads an answer aloud with progress, then plays the MP3', async () => {
    const { fake, server, browser } = setup();
    main = await openPage(browser, { baseURL: server.url });
    const { page } = main;
    await signUp(page);
    await newChat(page);
    await composer(page).fill('Tell me about engines');
    await composer(page).press('Enter');
    const answer = page.locator('article[data-role="assistant"]').last();
    await answer.getByText('Sentence 120 of').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /^Send/ }).waitFor();

    // One slow, failing speech request (retried by the server) keeps the progress on screen.
    fake.failNext('speech', { status: 503, errorMessage: 'busy', delayMs: 2500 });
    await answer.hover();
    await answer.getByRole('button', { name: 'Read aloud' }).click();
    const player = page.getByTestId('read-aloud');
    await player.waitFor();
    await player.locator('progress').waitFor();
    await player.getByText(/Generating audio… part \d of \d/).waitFor();
    await screenshot(page, 'audio-progress');
    const audio = player.locator('audio');
    await audio.waitFor({ timeout: 20_000 });
    const src = await audio.getAttribute('src');
    expect(src).toMatch(/^\/files\/audio\/[0-9a-f-]{36}$/);
    const file = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        size: (await res.arrayBuffer()).byteLength,
      };
    }, src ?? '');
    expect(file).toMatchObject({ status: 200, type: 'audio/mpeg' });
    expect(file.size).toBeGreaterThan(1000);
    // The element loaded it (metadata read from the served bytes).
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLAudioElement>('[data-testid="read-aloud"] audio')?.readyState !==
        0,
      undefined,
      { timeout: 10_000 },
    );
    const inputs = fake.requests
      .filter((r) => r.path === '/v1/audio/speech')
      .map((r) => (r.body as { input: string }).input);
    expect(inputs.length).toBeGreaterThanOrEqual(2);
    expect(inputs.join(' ')).not.toContain('run()');
    await screenshot(page, 'audio-read-aloud');
    main.problems.assertNone();
  });

  it('dictates into the composer with the fake microphone', async () => {
    const { fake } = setup();
    if (!main) throw new Error('the first test signs in');
    const { page } = main;
    fake.setTranscription('dictated words from the microphone');
    await composer(page).fill('Before after');
    await composer(page).evaluate((el: HTMLTextAreaElement) => {
      el.focus();
      el.setSelectionRange(7, 7);
    });
    await page.keyboard.press('Control+m');
    await page.getByText(/Recording \d:\d\d/).waitFor();
    await page.waitForTimeout(1200);
    await screenshot(page, 'audio-recording');
    await page.getByRole('button', { name: /^Stop dictation/ }).click();
    await expect
      .poll(() => composer(page).inputValue(), { timeout: 15_000 })
      .toBe('Before dictated words from the microphone after');
    const request = fake.requests.findLast((r) => r.path === '/v1/audio/transcriptions');
    expect(request?.body).toMatchObject({ files: [{ contentType: 'audio/webm' }] });
    await screenshot(page, 'audio-dictated');
    main.problems.assertNone();
  });

  it('dictates into the doubt box the focus is in, not the composer', async () => {
    const { fake } = setup();
    if (!main) throw new Error('the first test signs in');
    const { page } = main;
    fake.setTranscription('why is that so');
    const before = await composer(page).inputValue();
    const answer = page.locator('article[data-role="assistant"]').last();
    await answer.hover();
    await answer.getByRole('button', { name: 'Ask a doubt' }).first().click();
    const panel = page.locator('#doubts-panel');
    const question = panel.getByLabel('Ask a new question about this message');
    await question.waitFor();
    await question.focus();
    await page.keyboard.press('Control+m');
    await panel.getByText(/Recording \d:\d\d/).waitFor();
    await page.waitForTimeout(800);
    await panel.getByRole('button', { name: /^Stop dictation/ }).click();
    await expect.poll(() => question.inputValue(), { timeout: 15_000 }).toBe('why is that so');
    expect(await composer(page).inputValue()).toBe(before);
    await screenshot(page, 'audio-dictated-doubt');
    main.problems.assertNone();
  });
});
