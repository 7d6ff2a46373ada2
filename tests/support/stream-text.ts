// A byte stream (an SSE response body) read to its end as text, for tests that watch what it sends.

/** Hands on the stream's text as it comes; resolves once the stream ends, or fails (dropped by the reader). */
export async function readText(stream: ReadableStream<Uint8Array>, onText: (text: string) => void): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onText(decoder.decode(value, { stream: true }));
    }
  } catch {
    // dropped: the end as far as the test is concerned
  }
}
