// The framework floor for the Lighthouse bench: what the same Next.js and React cost on their own.
export const metadata = { title: 'Floor', description: 'A bare App Router page with one client component' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
