import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../lib/client/attachments/extract';
import { formatBytes } from './AttachmentTray';

describe('formatBytes', () => {
  it('names sizes in B, KB and MB', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(12_600, 'en')).toBe('12.3 kB');
    expect(formatBytes(MAX_ATTACHMENT_BYTES, 'en')).toBe('10 MB');
    expect(formatBytes(MAX_ATTACHMENT_BYTES, 'ja')).toBe('10 MB');
  });
});
