"use client";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: 24 }}>
        <main>
          <h1>Something went wrong</h1>
          <p>We could not show this page. Try again in a moment.</p>
          {error.digest ? <p>Reference: {error.digest}</p> : null}
          <button onClick={() => reset()}>Try again</button>
        </main>
      </body>
    </html>
  );
}
