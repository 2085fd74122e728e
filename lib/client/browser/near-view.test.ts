import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenNearView } from './near-view';

/** A page of 800 px with scroll and resize events, and frames run by hand. */
function page() {
  const frames: FrameRequestCallback[] = [];
  const doc = new EventTarget();
  const win = Object.assign(new EventTarget(), { innerHeight: 800 });
  vi.stubGlobal('document', doc);
  vi.stubGlobal('window', win);
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => delete frames[id - 1]);
  return {
    doc,
    win,
    /** Runs the frames requested so far; how many there were. */
    frame() {
      const now = frames.splice(0).filter(Boolean);
      now.forEach((callback) => callback(0));
      return now.length;
    },
  };
}

/** An element whose box is at `top` (px from the top of the view), `height` tall. */
function box(top: number, height = 200) {
  const element = { top, getBoundingClientRect: vi.fn(() => ({ top: element.top, bottom: element.top + height })) };
  return element as unknown as Element & { top: number; getBoundingClientRect: ReturnType<typeof vi.fn> };
}

describe('whenNearView', () => {
  let view: ReturnType<typeof page>;
  beforeEach(() => {
    view = page();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('calls back at the next frame for what is within a screen of the view, not for what is far', () => {
    const onScreen = vi.fn();
    const below = vi.fn();
    const above = vi.fn();
    const far = vi.fn();
    whenNearView(box(100), onScreen);
    whenNearView(box(1500), below); // within a screen below the view's 800 px
    whenNearView(box(-900), above); // its bottom within a screen above
    const cancelFar = whenNearView(box(5000), far);
    expect(onScreen).not.toHaveBeenCalled();
    expect(view.frame()).toBe(1); // one frame for every registration
    expect(onScreen).toHaveBeenCalledTimes(1);
    expect(below).toHaveBeenCalledTimes(1);
    expect(above).toHaveBeenCalledTimes(1);
    expect(far).not.toHaveBeenCalled();
    cancelFar();
  });

  it('looks again when something scrolls or the window resizes, once per frame, and calls back once', () => {
    const element = box(5000);
    const onNear = vi.fn();
    whenNearView(element, onNear);
    view.frame();
    // Frames without a scroll read nothing (typing does not pay for waiting messages).
    expect(view.frame()).toBe(0);
    const reads = element.getBoundingClientRect.mock.calls.length;
    view.doc.dispatchEvent(new Event('scroll'));
    view.doc.dispatchEvent(new Event('scroll'));
    expect(view.frame()).toBe(1);
    expect(element.getBoundingClientRect.mock.calls.length).toBe(reads + 1);
    expect(onNear).not.toHaveBeenCalled();
    element.top = 1000;
    view.win.dispatchEvent(new Event('resize'));
    view.frame();
    expect(onNear).toHaveBeenCalledTimes(1);
    // Done with it: later scrolls neither read it nor call back.
    view.doc.dispatchEvent(new Event('scroll'));
    expect(view.frame()).toBe(0);
    expect(onNear).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when cancelled', () => {
    const element = box(5000);
    const onNear = vi.fn();
    const cancel = whenNearView(element, onNear);
    view.frame();
    cancel();
    element.top = 0;
    view.doc.dispatchEvent(new Event('scroll'));
    expect(view.frame()).toBe(0);
    expect(onNear).not.toHaveBeenCalled();
  });

  it('does not read an element while the box around it is far, and reads the box once per frame', () => {
    const farBlock = box(9000, 4000);
    const inFarBlock = box(9100);
    const nearBlock = box(-1000, 4000);
    const first = box(-100);
    const second = box(300);
    const a = vi.fn();
    const b = vi.fn();
    const c = vi.fn();
    whenNearView(inFarBlock, a, farBlock);
    whenNearView(first, b, nearBlock);
    whenNearView(second, c, nearBlock);
    view.frame();
    expect(inFarBlock.getBoundingClientRect).not.toHaveBeenCalled();
    expect(a).not.toHaveBeenCalled();
    expect(nearBlock.getBoundingClientRect).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(c).toHaveBeenCalledTimes(1);
    farBlock.top = inFarBlock.top = 400;
    view.doc.dispatchEvent(new Event('scroll'));
    view.frame();
    expect(a).toHaveBeenCalledTimes(1);
  });
});
