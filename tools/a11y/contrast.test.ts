import { describe, expect, it } from 'vitest';
import { composite, contrastRatio, hexColor, relativeLuminance } from './contrast';

const ratio = (fg: string, ...bg: string[]) => Number(contrastRatio(hexColor(fg), bg.map(hexColor)).toFixed(2));

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(ratio('#000', '#fff')).toBe(21);
    expect(ratio('#777777', '#777777')).toBe(1);
  });

  it('gives the figures WCAG tools give', () => {
    // GitHub's light theme on the code background (#fafafa): the built-in colour issue 18 found.
    expect(ratio('#e36209', '#fafafa')).toBe(3.34);
    expect(ratio('#953800', '#fafafa')).toBe(7.08);
    expect(ratio('#767676', '#ffffff')).toBe(4.54);
  });

  it('is the same whichever colour is lighter', () => {
    expect(ratio('#ffffff', '#2359bd')).toBe(ratio('#2359bd', '#ffffff'));
  });

  it('paints translucent layers over what is under them', () => {
    const halfBlack = [0, 0, 0, 0.5] as const;
    expect(composite(halfBlack, hexColor('#ffffff'))).toEqual([127.5, 127.5, 127.5, 1]);
    expect(contrastRatio(hexColor('#000000'), [halfBlack, hexColor('#ffffff')])).toBeCloseTo(
      contrastRatio(hexColor('#000000'), [[127.5, 127.5, 127.5, 1]]),
    );
  });
});

describe('relativeLuminance', () => {
  it('is 0 for black and 1 for white', () => {
    expect(relativeLuminance(hexColor('#000000'))).toBe(0);
    expect(relativeLuminance(hexColor('#ffffff'))).toBe(1);
  });
});

describe('hexColor', () => {
  it('reads #rgb and #rrggbb and refuses anything else', () => {
    expect(hexColor('#0af')).toEqual([0, 170, 255, 1]);
    expect(hexColor('#2359BD')).toEqual([35, 89, 189, 1]);
    expect(() => hexColor('red')).toThrow();
  });
});
