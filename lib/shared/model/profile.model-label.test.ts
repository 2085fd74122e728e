import { describe, expect, it } from 'vitest';
import { modelLabel } from './profile';

describe('modelLabel', () => {
  it('names the Swallow models readably', () => {
    expect(modelLabel('institute-of-science-tokyo/llama-3.1-swallow-8b-instruct-v0.1')).toBe(
      'Llama 3.1 Swallow 8B Instruct v0.1',
    );
    expect(modelLabel('institute-of-science-tokyo/llama-3.1-swallow-70b-instruct-v0.3')).toBe(
      'Llama 3.1 Swallow 70B Instruct v0.3',
    );
  });
  it('shows any other id as it is', () => expect(modelLabel('swallow:8b')).toBe('swallow:8b'));
});
