import { describe, expect, it } from 'vitest';
import { distinctTabLabels } from './tab-labels';

describe('distinctTabLabels', () => {
  it('drops the shared family name and "Instruct", keeping what tells the models apart', () => {
    expect(distinctTabLabels(['Llama 3.1 Swallow 8B Instruct v0.1', 'Llama 3.1 Swallow 70B Instruct v0.1'])).toEqual([
      '8B v0.1',
      '70B v0.1',
    ]);
    expect(distinctTabLabels(['Llama 3.1 Swallow 70B Instruct v0.1', 'Llama 3.1 Swallow 70B Instruct v0.3'])).toEqual([
      '70B v0.1',
      '70B v0.3',
    ]);
  });

  it('keeps whole names when nothing is shared, or when both columns run the same model', () => {
    expect(distinctTabLabels(['Llama 3.1 Swallow 8B Instruct v0.1', 'meta/llama-3.1-8b-instruct'])).toEqual([
      'Llama 3.1 Swallow 8B v0.1',
      'meta/llama-3.1-8b-instruct',
    ]);
    expect(distinctTabLabels(['Llama 3.1 Swallow 8B Instruct v0.1', 'Llama 3.1 Swallow 8B Instruct v0.1'])).toEqual([
      'Llama 3.1 Swallow 8B Instruct v0.1',
      'Llama 3.1 Swallow 8B Instruct v0.1',
    ]);
  });
});
