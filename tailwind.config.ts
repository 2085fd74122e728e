import type { Config } from 'tailwindcss';

// Theme tokens. Loaded from app/globals.css with `@config`.
// Dark mode follows the operating system (prefers-color-scheme).
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        brand: {
          50: '#eef6ff',
          100: '#d9eaff',
          500: '#2f6fdf',
          600: '#2359bd',
          700: '#1d4894',
        },
      },
      fontFamily: {
        // System fonts only: next/font/google cannot build offline. Japanese faces first
        // for CJK glyphs, with Latin handled by the system UI font.
        sans: [
          'system-ui',
          '-apple-system',
          '"Segoe UI"',
          '"Hiragino Sans"',
          '"Hiragino Kaku Gothic ProN"',
          '"Noto Sans JP"',
          '"Noto Sans CJK JP"',
          '"Yu Gothic UI"',
          'Meiryo',
          'sans-serif',
        ],
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', '"Noto Sans Mono CJK JP"', 'monospace'],
      },
    },
  },
};

export default config;
