import { createParser, type ParserCallbacks } from "eventsource-parser";

/** Reads a Server-Sent Events body to its end, handing over each event (and comment) as it arrives. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  callbacks: Pick<ParserCallbacks, "onEvent" | "onComment">,
): Promise<void> {
  const parser = createParser(callbacks);
  const decoder = new TextDecoder();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(chunk, { stream: true }));
}
