/**
 * What a cell shows when it cannot show a figure: #N/A when the figure is not there (unknown region, no
 * report, gateway down), #VALUE! when an argument is malformed. Each with a message a planner can act on.
 */
export type CellErrorKind = "notAvailable" | "invalidValue";

export class CellError extends Error {
  constructor(
    readonly kind: CellErrorKind,
    message: string,
    /** The service that holds the figure is down: other figures of the same request may still be there. */
    readonly unavailableService?: string,
  ) {
    super(message);
  }
}

/** A figure whose service is down (the gateway's SUBGRAPH_UNAVAILABLE): #N/A "awards unavailable: ...". */
export const serviceUnavailable = (service: string) =>
  new CellError(
    "notAvailable",
    `${service} unavailable: the ${service} service is not answering. Recalculate in a moment.`,
    service,
  );

export const notAvailable = (message: string) => new CellError("notAvailable", message);
export const invalidValue = (message: string) => new CellError("invalidValue", message);

/** As Excel's runtime wants it: a CustomFunctions.Error where that runtime exists. */
export function toExcelError(error: unknown): Error {
  const cellError =
    error instanceof CellError ? error : notAvailable((error as Error)?.message ?? String(error));
  if (typeof CustomFunctions === "undefined") return cellError;
  const code =
    cellError.kind === "invalidValue"
      ? CustomFunctions.ErrorCode.invalidValue
      : CustomFunctions.ErrorCode.notAvailable;
  // Excel shows at most 255 characters of a message.
  return new CustomFunctions.Error(code, cellError.message.slice(0, 255)) as unknown as Error;
}
