import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { auditDtoMessages } from '@rectify/platform';

describe('every refusal of this service is Chinese and names its field', () => {
  it('walks every constraint of every DTO (class-validator metadata): each has a Chinese message naming its Chinese label', async () => {
    const audit = await auditDtoMessages(fileURLToPath(new URL('.', import.meta.url)));
    expect(audit.constraints).toBeGreaterThan(5);
    expect(audit.untranslated).toEqual([]);
  });
});
