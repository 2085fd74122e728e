import { describe, expect, it } from 'vitest';
import { scriptUrls } from './first-load-js';

describe('scriptUrls', () => {
  it('lists script sources and script preloads once each, without noModule polyfills', () => {
    const html = [
      '<link rel="preload" as="script" href="/_next/static/chunks/a.js"/>',
      '<link rel="stylesheet" href="/_next/static/css/x.css"/>',
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script src="/_next/static/chunks/b.js?dpl=1&amp;v=2" async=""></script>',
      '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>',
      '<script nonce="n">window.inline = 1</script>',
    ].join('');
    expect(scriptUrls(html)).toEqual(['/_next/static/chunks/a.js', '/_next/static/chunks/b.js?dpl=1&v=2']);
  });
});
