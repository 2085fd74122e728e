import type { Config } from 'tailwindcss';

// Theme tokens. Loaded from app/globals.css with `@config`.
// Dark mode: the `dark` variant is defined in app/globals.css (the chosen theme, else the system's).
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
        // System fonts only: next/font/google cannot build offline. Latin in the system UI font;
        // Japanese in the first of these that is installed (Linux and Android, macOS and iOS,
        // Windows). Every family listed but missing is a font lookup before the first layout
        // (~6 ms on Linux with Noto listed fifth), so the stack holds only faces some system has
        // and Noto comes first: elsewhere it is usually absent and looked up cheaply.
        sans: [
          'system-ui',
          '"Noto Sans CJK JP"',
          '"Hiragino Sans"',
          '"Hiragino Kaku Gothic ProN"',
          '"Noto Sans JP"',
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
