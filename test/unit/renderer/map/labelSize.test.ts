import { describe, expect, it } from 'vitest';
import { labelFontSize } from '../../../../src/renderer/src/map/labelSize';

describe('map edge labels', () => {
  it('are never drawn under 11 px on screen, whatever the zoom', () => {
    for (const zoom of [0.1, 0.25, 0.4, 0.5, 0.8, 1, 1.5, 2]) {
      expect(labelFontSize(zoom) * zoom).toBeGreaterThanOrEqual(10.99);
    }
    // Zoomed in, the plain 10-unit size (larger on screen) is kept.
    expect(labelFontSize(2)).toBe(10);
  });
});
