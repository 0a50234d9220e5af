import { type DefinitionNode, Kind, type OperationDefinitionNode, parse, print } from "graphql";

/** One example operation of the README, as the IDE opens it in a tab of its own. */
export interface ExampleOperation {
  /** The operation's name: GraphiQL titles a tab with it. */
  name: string;
  /** The operation, printed on several lines, after the README's comment on it (if any). */
  query: string;
}

const GRAPHQL_BLOCK = /^```graphql[ \t]*\n([\s\S]*?)^```/gm;

/**
 * Every operation of the README's ```graphql blocks, in their order, so the IDE opens with exactly the
 * examples the README shows. A block that does not parse is refused with its line in the README: a broken
 * example should stop the build, not reach a developer. An anonymous operation is named `ExampleN`.
 */
export function readmeExamples(markdown: string, file = "README.md"): ExampleOperation[] {
  const examples: ExampleOperation[] = [];
  for (const block of markdown.matchAll(GRAPHQL_BLOCK)) {
    const text = block[1];
    const firstLine = markdown.slice(0, block.index).split("\n").length + 1;
    let definitions: readonly DefinitionNode[];
    try {
      definitions = parse(text).definitions;
    } catch (error) {
      const where = (error as { locations?: { line: number }[] }).locations?.[0]?.line ?? 1;
      throw new Error(
        `${file}:${firstLine + where - 1}: a graphql example does not parse: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const fragments = definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => print(d));
    for (const operation of definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )) {
      const name = operation.name?.value ?? `Example${examples.length + 1}`;
      const named: OperationDefinitionNode = { ...operation, name: { kind: Kind.NAME, value: name } };
      const comment = trailingComment(text, operation.loc!.end);
      const printed = [print(named), ...fragments].join("\n\n");
      examples.push({ name, query: `${comment ? `# ${comment}\n` : ""}${printed}\n` });
    }
  }
  return examples;
}

/** The `# comment` after an operation on its last line, which says what the example shows. */
function trailingComment(text: string, end: number): string | undefined {
  const rest = text.slice(end).split("\n")[0];
  return /^\s*#\s*(.+?)\s*$/.exec(rest)?.[1];
}
