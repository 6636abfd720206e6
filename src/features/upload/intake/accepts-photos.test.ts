import { describe, expect, it } from 'vitest';
import { acceptsPhotos } from './accepts-photos';

describe('acceptsPhotos', () => {
  it('is true when a link takes any file, any image or camera formats', () => {
    expect(acceptsPhotos([])).toBe(true);
    expect(acceptsPhotos(['image/*'])).toBe(true);
    expect(acceptsPhotos(['application/pdf', '.jpg'])).toBe(true);
    expect(acceptsPhotos(['.heic'])).toBe(true);
  });

  it('is false when a link takes only other kinds of files', () => {
    expect(acceptsPhotos(['application/pdf', '.docx'])).toBe(false);
    expect(acceptsPhotos(['image/png'])).toBe(false);
  });
});
