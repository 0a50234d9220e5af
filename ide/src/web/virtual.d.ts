declare module "virtual:readme-examples" {
  const examples: { name: string; query: string }[];
  export default examples;
}
