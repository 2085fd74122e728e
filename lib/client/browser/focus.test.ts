import { describe, expect, it } from 'vitest';
import { returnFocus } from './focus';

function fakeDocument() {
  const doc = {
    activeElement: null as unknown,
    elements: new Map<string, { focus: () => void }>(),
    getElementById: (id: string) => doc.elements.get(id) ?? null,
  };
  return doc;
}

function control(doc: ReturnType<typeof fakeDocument>, { shown, fallback }: { shown: boolean; fallback?: string }) {
  const el = {
    focus: () => {
      if (shown) doc.activeElement = el;
    },
    closest: () => (fallback ? { getAttribute: () => fallback } : null),
  };
  return el;
}

describe('returnFocus', () => {
  it('focuses the control that opened the dialog when it is shown', () => {
    const doc = fakeDocument();
    const menuButton = { focus: () => (doc.activeElement = menuButton) };
    doc.elements.set('menu', menuButton);
    const opener = control(doc, { shown: true, fallback: 'menu' });
    returnFocus(opener, doc);
    expect(doc.activeElement).toBe(opener);
  });

  it('focuses the stand-in its container names when the control is hidden (a closed menu)', () => {
    const doc = fakeDocument();
    const menuButton = { focus: () => (doc.activeElement = menuButton) };
    doc.elements.set('menu', menuButton);
    returnFocus(control(doc, { shown: false, fallback: 'menu' }), doc);
    expect(doc.activeElement).toBe(menuButton);
  });

  it('does nothing more for a hidden control without a stand-in, or no control', () => {
    const doc = fakeDocument();
    returnFocus(control(doc, { shown: false }), doc);
    returnFocus(null, doc);
    expect(doc.activeElement).toBeNull();
  });
});
