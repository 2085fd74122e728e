import { pickVoice, speakableText, speechLang, splitSentences } from './speakable';

/**
 * The read-aloud player (loaded on the first tap of a reply's play button): speaks one reply,
 * sentence by sentence, with the browser's speech synthesis. Starting a reply stops the one
 * speaking; `onDone` is called once when the last sentence has been spoken or it was stopped.
 */
let generation = 0;

export function readAloud(markdown: string, onDone: () => void): void {
  const synth = globalThis.speechSynthesis;
  const mine = ++generation;
  synth.cancel();
  const text = speakableText(markdown);
  const lang = speechLang(text);
  const voice = pickVoice(synth.getVoices(), lang);
  const sentences = splitSentences(text);
  const finish = () => {
    if (mine === generation) onDone();
  };
  if (sentences.length === 0) return finish();
  sentences.forEach((sentence, i) => {
    const utterance = new SpeechSynthesisUtterance(sentence);
    utterance.lang = lang;
    if (voice) utterance.voice = voice;
    // A sentence that fails (no voice, interrupted) ends the reading rather than leaving it "on".
    utterance.onerror = finish;
    if (i === sentences.length - 1) utterance.onend = finish;
    synth.speak(utterance);
  });
}
