/** A .graphql file's operations, by name, as schema/operations.mjs makes them at build time. */
declare module "*.graphql" {
  const operations: Record<string, RegisteredOperation>;
  export default operations;
}

/** An operation of ours, registered by id in the gateway's persisted-operation manifest. */
interface RegisteredOperation {
  name: string;
  type: string;
  /** The text, exactly as registered. */
  body: string;
  /** SHA-256 of the body, hex. */
  id: string;
  /** Its one root field with its selection, for batching under an alias; null when it has several. */
  field: string | null;
  /** Variable name -> GraphQL type ("ID!", "Date"). */
  variables: Record<string, string>;
}
