/**
 * A stand-in for Excel's custom-functions runtime: what the functions see of it (CustomFunctions.Error,
 * ErrorCode, associate) and a streaming invocation that records every result it is given.
 */
export class StubCustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export const registered = new Map<string, (...args: any[]) => unknown>();

export function installStubRuntime(): void {
  (globalThis as any).CustomFunctions = {
    Error: StubCustomFunctionError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    associate: (id: string, implementation: (...args: any[]) => unknown) =>
      registered.set(id, implementation),
  };
}

export class StubStreamingInvocation<T> {
  results: (T | Error)[] = [];
  onCanceled?: () => void;
  private waiters: { predicate: (value: T | Error) => boolean; resolve: (value: T | Error) => void }[] = [];

  setResult(value: T | Error): void {
    this.results.push(value);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(value)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(value);
      }
    }
  }

  cancel(): void {
    this.onCanceled?.();
  }

  /** The first result, past or future, that satisfies `predicate`. */
  next(predicate: (value: T | Error) => boolean = () => true, timeoutMs = 10_000): Promise<T | Error> {
    const found = this.results.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such result within ${timeoutMs} ms; got ${JSON.stringify(this.results)}`)),
        timeoutMs,
      );
      this.waiters.push({ predicate, resolve: (value) => (clearTimeout(timer), resolve(value)) });
    });
  }
}
