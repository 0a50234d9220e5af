import type { ValueTransformer } from "typeorm";

/** PostgreSQL numeric arrives as a string from pg; rates are fractions the API serves as floats. */
export const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
